/* A second compilation unit: its own file-static "counter", and struct _vm_map_t only declared. */
struct _vm_map_t;

static unsigned int counter = 22;
unsigned int *other_counter_ptr = &counter;
struct _vm_map_t *other_map_ptr;
