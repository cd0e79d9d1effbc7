/* Types shared by every layer: the arch scalars plus oid_t. */
#ifndef PHX_HAL_TYPES_H
#define PHX_HAL_TYPES_H

#include "arch/types.h"

#define NULL ((void *)0)

typedef struct _oid_t {
	u32 port;
	id_t id;
} oid_t;

#define offsetof(t, m) __builtin_offsetof(t, m)
#define lib_treeof(type, member, node) ((type *)((char *)(node) - offsetof(type, member)))

#endif
