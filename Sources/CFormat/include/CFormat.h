#ifndef EVIDENT_CFORMAT_H
#define EVIDENT_CFORMAT_H

#include <stddef.h>

/// `snprintf(buffer, capacity, format, value)` for a format whose one
/// conversion takes a double. Swift cannot call C's variadic functions,
/// and a `va_list` built in Swift (`withVaList`) casts each argument to
/// find how it is passed: more work than the formatting.
int evident_format_double(char *buffer, size_t capacity, const char *format, double value);

/// The same for a conversion that takes a long (`%ld`).
int evident_format_long(char *buffer, size_t capacity, const char *format, long value);

#endif
