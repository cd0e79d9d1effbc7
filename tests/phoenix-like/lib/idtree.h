/* Id allocator tree: an rb-tree of idnode_t augmented with the free id gaps around each node. */
#ifndef PHX_LIB_IDTREE_H
#define PHX_LIB_IDTREE_H

#include "lib/rb.h"

#define ID_MAX 0x7fffffff

typedef struct _idnode_t {
	rbnode_t linkage;
	int lmaxgap;
	int rmaxgap;
	int id;
} idnode_t;

typedef rbtree_t idtree_t;

void lib_idtreeInit(idtree_t *tree);

/* Inserts node with the lowest free id >= from; returns the id. */
int lib_idtreeAlloc(idtree_t *tree, idnode_t *node, int from);

idnode_t *lib_idtreeFind(idtree_t *tree, int id);

#endif
