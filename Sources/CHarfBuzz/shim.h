#include <dlfcn.h>
#include <stddef.h>
#include <harfbuzz/hb.h>
#include <harfbuzz/hb-subset.h>

/* The HarfBuzz functions Evident calls. EmbeddedMathFont loads the library
   when a page first needs the math font (dlopen), so that a process writing
   no formula loads neither HarfBuzz nor the libraries behind it; each field
   is typed by the function's own declaration, and bound to it by name in one
   place (evident_harfbuzz_bind). */
struct evident_harfbuzz {
    __typeof__(&hb_blob_create_from_file_or_fail) hb_blob_create_from_file_or_fail;
    __typeof__(&hb_blob_destroy) hb_blob_destroy;
    __typeof__(&hb_blob_get_data) hb_blob_get_data;
    __typeof__(&hb_face_create) hb_face_create;
    __typeof__(&hb_face_destroy) hb_face_destroy;
    __typeof__(&hb_face_reference_blob) hb_face_reference_blob;
    __typeof__(&hb_set_add) hb_set_add;
    __typeof__(&hb_subset_input_create_or_fail) hb_subset_input_create_or_fail;
    __typeof__(&hb_subset_input_destroy) hb_subset_input_destroy;
    __typeof__(&hb_subset_input_set_flags) hb_subset_input_set_flags;
    __typeof__(&hb_subset_input_unicode_set) hb_subset_input_unicode_set;
    __typeof__(&hb_subset_or_fail) hb_subset_or_fail;
};

/* Fills `functions` from the loaded library `handle`: NULL when every
   function was found, else the name of the first one missing. */
static inline const char *evident_harfbuzz_bind(void *handle, struct evident_harfbuzz *functions) {
#define EVIDENT_BIND(name) \
    if (!(functions->name = (__typeof__(&name))dlsym(handle, #name))) return #name;
    EVIDENT_BIND(hb_blob_create_from_file_or_fail)
    EVIDENT_BIND(hb_blob_destroy)
    EVIDENT_BIND(hb_blob_get_data)
    EVIDENT_BIND(hb_face_create)
    EVIDENT_BIND(hb_face_destroy)
    EVIDENT_BIND(hb_face_reference_blob)
    EVIDENT_BIND(hb_set_add)
    EVIDENT_BIND(hb_subset_input_create_or_fail)
    EVIDENT_BIND(hb_subset_input_destroy)
    EVIDENT_BIND(hb_subset_input_set_flags)
    EVIDENT_BIND(hb_subset_input_unicode_set)
    EVIDENT_BIND(hb_subset_or_fail)
#undef EVIDENT_BIND
    return NULL;
}
