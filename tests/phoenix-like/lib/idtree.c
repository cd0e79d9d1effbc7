#include "lib/idtree.h"

static int idtree_cmp(rbnode_t *n1, rbnode_t *n2)
{
	idnode_t *a = lib_treeof(idnode_t, linkage, n1), *b = lib_treeof(idnode_t, linkage, n2);
	return (a->id > b->id) - (a->id < b->id);
}

static int idtree_max(int a, int b)
{
	return a > b ? a : b;
}

/* Same shape as map_augment: a side without a child holds the gap to the in-order neighbour
 * (ids below the first node start at 0, ids above the last end at ID_MAX). */
static void idtree_augment(rbnode_t *node)
{
	idnode_t *n = lib_treeof(idnode_t, linkage, node), *c;
	rbnode_t *it;

	if (node->left == NULL) {
		it = lib_rbPrev(node);
		n->lmaxgap = (it == NULL) ? n->id : n->id - lib_treeof(idnode_t, linkage, it)->id - 1;
	}
	else {
		c = lib_treeof(idnode_t, linkage, node->left);
		n->lmaxgap = idtree_max(c->lmaxgap, c->rmaxgap);
	}

	if (node->right == NULL) {
		it = lib_rbNext(node);
		n->rmaxgap = (it == NULL) ? ID_MAX - n->id : lib_treeof(idnode_t, linkage, it)->id - n->id - 1;
	}
	else {
		c = lib_treeof(idnode_t, linkage, node->right);
		n->rmaxgap = idtree_max(c->lmaxgap, c->rmaxgap);
	}
}

void lib_idtreeInit(idtree_t *tree)
{
	lib_rbInit(tree, idtree_cmp, idtree_augment);
}

idnode_t *lib_idtreeFind(idtree_t *tree, int id)
{
	idnode_t probe;

	probe.id = id;
	rbnode_t *n = lib_rbFind(tree, &probe.linkage);
	return n == NULL ? NULL : lib_treeof(idnode_t, linkage, n);
}

int lib_idtreeAlloc(idtree_t *tree, idnode_t *node, int from)
{
	int id = from;

	/* Few ids are live here: a linear probe finds the lowest free one. */
	while (lib_idtreeFind(tree, id) != NULL)
		id++;
	node->id = id;
	lib_rbInsert(tree, &node->linkage);
	return id;
}
