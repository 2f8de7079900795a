#include "CFormat.h"
#include <stdio.h>

int evident_format_double(char *buffer, size_t capacity, const char *format, double value) {
    return snprintf(buffer, capacity, format, value);
}

int evident_format_long(char *buffer, size_t capacity, const char *format, long value) {
    return snprintf(buffer, capacity, format, value);
}
