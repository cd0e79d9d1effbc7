/* Augmented red-black tree with NULL leaves (phoenix-vm.md §2.3). */
#ifndef PHX_LIB_RB_H
#define PHX_LIB_RB_H

#include "hal/types.h"

typedef enum { RB_RED = 0, RB_BLACK = 1 } rbcolor_t;

typedef struct _rbnode_t {
	struct _rbnode_t *parent;
	struct _rbnode_t *left;
	struct _rbnode_t *right;
	rbcolor_t color;
} rbnode_t;

typedef int (*rbcomp_t)(rbnode_t *n1, rbnode_t *n2);
typedef void (*rbaugment_t)(rbnode_t *node);

typedef struct _rbtree_t {
	rbnode_t *root;
	rbcomp_t compare;
	rbaugment_t augment;
} rbtree_t;

void lib_rbInit(rbtree_t *tree, rbcomp_t compare, rbaugment_t augment);

/* -EEXIST when an equal node is already there. */
int lib_rbInsert(rbtree_t *tree, rbnode_t *node);

void lib_rbRemove(rbtree_t *tree, rbnode_t *node);

/* Re-runs the augment callback over every node, children before parents. */
void lib_rbAugmentAll(rbtree_t *tree);

rbnode_t *lib_rbFind(rbtree_t *tree, rbnode_t *probe);

rbnode_t *lib_rbMinimum(rbnode_t *node);

rbnode_t *lib_rbMaximum(rbnode_t *node);

rbnode_t *lib_rbNext(rbnode_t *node);

rbnode_t *lib_rbPrev(rbnode_t *node);

#endif
