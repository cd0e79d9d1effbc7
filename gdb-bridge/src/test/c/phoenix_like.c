/*
 * Structures shaped like Phoenix-RTOS's VM types, for the ELF/DWARF reader tests. The compiler itself
 * is the oracle: layout_facts[] holds sizeof/offsetof values and layout_fact_names the matching
 * "kind|type|member" descriptions, one per line, which the tests read back through the symbol table.
 */
#include <stddef.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long addr_t;

typedef struct _page_t {
	addr_t addr;
	struct _page_t *next;
	struct _page_t *prev;
	u8 idx;
	u8 flags;
} page_t;

enum map_flags { MAP_NONE = 0, MAP_PRIVATE = 1, MAP_FIXED = 4, MAP_NEGATIVE = -2 };

typedef struct _rbnode_t {
	struct _rbnode_t *left;
	struct _rbnode_t *right;
	struct _rbnode_t *parent;
	u8 color;
} rbnode_t;

struct _vm_map_t;

typedef struct _map_entry_t {
	rbnode_t linkage;
	struct _map_entry_t *next, *prev;
	struct _vm_map_t *map;
	union {
		addr_t vaddr;
		struct {
			u16 lo;
			u16 hi;
		} half;
	} u;
	union {
		size_t size;
		void *object;
	};
	unsigned int prot : 3;
	unsigned int protOrig : 3;
	unsigned int flags : 10;
	int signedBits : 5;
	enum map_flags mflags;
} map_entry_t;

typedef struct _vm_map_t {
	void *start;
	void *stop;
	map_entry_t *root;
	volatile int lock;
	const char *name;
	int (*cmp)(map_entry_t *, map_entry_t *);
} vm_map_t;

typedef struct _vm_object_t {
	struct _vm_object_t *next;
	size_t size;
	unsigned int refs;
	page_t *pages[];
} vm_object_t;

typedef struct {
	u32 ptab[4][8];
	u8 zero[0];
} pmap_table_t;

struct never_defined;
struct never_defined *opaque_ptr;

/* A declaration before the definition makes gcc emit DW_AT_specification. */
extern vm_map_t kernel_map;
vm_map_t kernel_map;

page_t page_pool[3];
vm_object_t object_sample;
pmap_table_t pmap_table;
static unsigned int counter = 11;
unsigned int *counter_ptr = &counter;

map_entry_t entry_sample = {
	.prot = 5, .protOrig = 2, .flags = 0x2a5, .signedBits = -7, .mflags = MAP_FIXED,
};

#define FACTS(SZ, OFF, VAL) \
	SZ(page_t) OFF(page_t, addr) OFF(page_t, next) OFF(page_t, prev) OFF(page_t, idx) OFF(page_t, flags) \
	SZ(rbnode_t) OFF(rbnode_t, parent) OFF(rbnode_t, color) \
	SZ(map_entry_t) OFF(map_entry_t, linkage) OFF(map_entry_t, linkage.parent) OFF(map_entry_t, linkage.color) \
	OFF(map_entry_t, next) OFF(map_entry_t, prev) OFF(map_entry_t, map) OFF(map_entry_t, u) \
	OFF(map_entry_t, u.half) OFF(map_entry_t, u.half.hi) OFF(map_entry_t, size) OFF(map_entry_t, object) \
	OFF(map_entry_t, mflags) \
	SZ(vm_map_t) OFF(vm_map_t, start) OFF(vm_map_t, root) OFF(vm_map_t, lock) OFF(vm_map_t, name) \
	OFF(vm_map_t, cmp) \
	SZ(vm_object_t) OFF(vm_object_t, size) OFF(vm_object_t, refs) OFF(vm_object_t, pages) \
	SZ(pmap_table_t) OFF(pmap_table_t, ptab) OFF(pmap_table_t, zero) \
	SZ(struct _page_t) SZ(enum map_flags) SZ(addr_t) SZ(u16) \
	VAL(MAP_NONE) VAL(MAP_PRIVATE) VAL(MAP_FIXED) VAL(MAP_NEGATIVE)

#define AS_SIZE(T) (unsigned long long)sizeof(T),
#define AS_OFFSET(T, M) (unsigned long long)offsetof(T, M),
#define AS_VALUE(E) (unsigned long long)(long long)(E),
#define SIZE_NAME(T) "size|" #T "\n"
#define OFFSET_NAME(T, M) "offset|" #T "|" #M "\n"
#define VALUE_NAME(E) "value|" #E "\n"

const unsigned long long layout_facts[] = { FACTS(AS_SIZE, AS_OFFSET, AS_VALUE) };
const char layout_fact_names[] = FACTS(SIZE_NAME, OFFSET_NAME, VALUE_NAME);

void _start(void)
{
	for (;;)
		;
}
