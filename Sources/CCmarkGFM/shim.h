#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

// The table extension's node type, set when the core extensions are
// registered; libcmark-gfm-extensions exports it without declaring it.
extern cmark_node_type CMARK_NODE_TABLE;
