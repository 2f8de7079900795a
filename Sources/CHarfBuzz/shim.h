#include <harfbuzz/hb.h>
#include <harfbuzz/hb-subset.h>

/* The HarfBuzz functions Evident calls, as pointer types taken from their
   own declarations. EmbeddedMathFont loads the library when a page first
   needs the math font (dlopen) and calls it through pointers of these
   types, so that a process writing no formula neither loads HarfBuzz nor
   the libraries behind it. */
typedef __typeof__(&hb_blob_create_from_file_or_fail) evident_hb_blob_create_from_file_or_fail;
typedef __typeof__(&hb_blob_destroy) evident_hb_blob_destroy;
typedef __typeof__(&hb_blob_get_data) evident_hb_blob_get_data;
typedef __typeof__(&hb_face_create) evident_hb_face_create;
typedef __typeof__(&hb_face_destroy) evident_hb_face_destroy;
typedef __typeof__(&hb_face_reference_blob) evident_hb_face_reference_blob;
typedef __typeof__(&hb_set_add) evident_hb_set_add;
typedef __typeof__(&hb_subset_input_create_or_fail) evident_hb_subset_input_create_or_fail;
typedef __typeof__(&hb_subset_input_destroy) evident_hb_subset_input_destroy;
typedef __typeof__(&hb_subset_input_set_flags) evident_hb_subset_input_set_flags;
typedef __typeof__(&hb_subset_input_unicode_set) evident_hb_subset_input_unicode_set;
typedef __typeof__(&hb_subset_or_fail) evident_hb_subset_or_fail;
