/* Red-black tree. Rebalancing changes the shape, so after every insert or remove the
 * augment callback is re-run bottom-up over the whole tree: trees here hold tens of
 * nodes and this keeps every node's augmented data exact whatever the rotations did. */
#include "lib/rb.h"
#include "include/errno.h"

void lib_rbInit(rbtree_t *tree, rbcomp_t compare, rbaugment_t augment)
{
	tree->root = NULL;
	tree->compare = compare;
	tree->augment = augment;
}

static void rb_augmentAll(rbtree_t *tree, rbnode_t *node)
{
	if (node == NULL)
		return;
	rb_augmentAll(tree, node->left);
	rb_augmentAll(tree, node->right);
	tree->augment(node);
}

void lib_rbAugmentAll(rbtree_t *tree)
{
	if (tree->augment != NULL)
		rb_augmentAll(tree, tree->root);
}

static void rb_replaceChild(rbtree_t *tree, rbnode_t *parent, rbnode_t *old, rbnode_t *node)
{
	if (parent == NULL)
		tree->root = node;
	else if (parent->left == old)
		parent->left = node;
	else
		parent->right = node;
}

static void rb_rotateLeft(rbtree_t *tree, rbnode_t *x)
{
	rbnode_t *y = x->right;

	x->right = y->left;
	if (y->left != NULL)
		y->left->parent = x;
	y->parent = x->parent;
	rb_replaceChild(tree, x->parent, x, y);
	y->left = x;
	x->parent = y;
}

static void rb_rotateRight(rbtree_t *tree, rbnode_t *x)
{
	rbnode_t *y = x->left;

	x->left = y->right;
	if (y->right != NULL)
		y->right->parent = x;
	y->parent = x->parent;
	rb_replaceChild(tree, x->parent, x, y);
	y->right = x;
	x->parent = y;
}

static rbcolor_t rb_color(rbnode_t *n)
{
	return n == NULL ? RB_BLACK : n->color;
}

static void rb_insertFixup(rbtree_t *tree, rbnode_t *z)
{
	while (z->parent != NULL && z->parent->color == RB_RED) {
		rbnode_t *p = z->parent, *g = p->parent, *u;

		if (p == g->left) {
			u = g->right;
			if (rb_color(u) == RB_RED) {
				p->color = RB_BLACK;
				u->color = RB_BLACK;
				g->color = RB_RED;
				z = g;
				continue;
			}
			if (z == p->right) {
				z = p;
				rb_rotateLeft(tree, z);
				p = z->parent;
			}
			p->color = RB_BLACK;
			g->color = RB_RED;
			rb_rotateRight(tree, g);
		}
		else {
			u = g->left;
			if (rb_color(u) == RB_RED) {
				p->color = RB_BLACK;
				u->color = RB_BLACK;
				g->color = RB_RED;
				z = g;
				continue;
			}
			if (z == p->left) {
				z = p;
				rb_rotateRight(tree, z);
				p = z->parent;
			}
			p->color = RB_BLACK;
			g->color = RB_RED;
			rb_rotateLeft(tree, g);
		}
	}
	tree->root->color = RB_BLACK;
}

int lib_rbInsert(rbtree_t *tree, rbnode_t *node)
{
	rbnode_t *parent = NULL, *it = tree->root;
	int c = 0;

	while (it != NULL) {
		parent = it;
		c = tree->compare(node, it);
		if (c == 0)
			return -EEXIST;
		it = (c < 0) ? it->left : it->right;
	}

	node->parent = parent;
	node->left = NULL;
	node->right = NULL;
	node->color = RB_RED;
	if (parent == NULL)
		tree->root = node;
	else if (c < 0)
		parent->left = node;
	else
		parent->right = node;

	rb_insertFixup(tree, node);
	if (tree->augment != NULL)
		rb_augmentAll(tree, tree->root);
	return EOK;
}

static void rb_removeFixup(rbtree_t *tree, rbnode_t *x, rbnode_t *xparent)
{
	while (x != tree->root && rb_color(x) == RB_BLACK) {
		rbnode_t *w;

		if (x == xparent->left) {
			w = xparent->right;
			if (rb_color(w) == RB_RED) {
				w->color = RB_BLACK;
				xparent->color = RB_RED;
				rb_rotateLeft(tree, xparent);
				w = xparent->right;
			}
			if (rb_color(w->left) == RB_BLACK && rb_color(w->right) == RB_BLACK) {
				w->color = RB_RED;
				x = xparent;
				xparent = x->parent;
				continue;
			}
			if (rb_color(w->right) == RB_BLACK) {
				w->left->color = RB_BLACK;
				w->color = RB_RED;
				rb_rotateRight(tree, w);
				w = xparent->right;
			}
			w->color = xparent->color;
			xparent->color = RB_BLACK;
			if (w->right != NULL)
				w->right->color = RB_BLACK;
			rb_rotateLeft(tree, xparent);
			x = tree->root;
			break;
		}
		else {
			w = xparent->left;
			if (rb_color(w) == RB_RED) {
				w->color = RB_BLACK;
				xparent->color = RB_RED;
				rb_rotateRight(tree, xparent);
				w = xparent->left;
			}
			if (rb_color(w->left) == RB_BLACK && rb_color(w->right) == RB_BLACK) {
				w->color = RB_RED;
				x = xparent;
				xparent = x->parent;
				continue;
			}
			if (rb_color(w->left) == RB_BLACK) {
				w->right->color = RB_BLACK;
				w->color = RB_RED;
				rb_rotateLeft(tree, w);
				w = xparent->left;
			}
			w->color = xparent->color;
			xparent->color = RB_BLACK;
			if (w->left != NULL)
				w->left->color = RB_BLACK;
			rb_rotateRight(tree, xparent);
			x = tree->root;
			break;
		}
	}
	if (x != NULL)
		x->color = RB_BLACK;
}

void lib_rbRemove(rbtree_t *tree, rbnode_t *z)
{
	rbnode_t *y = z, *x, *xparent;
	rbcolor_t removed = y->color;

	if (z->left == NULL || z->right == NULL) {
		x = (z->left != NULL) ? z->left : z->right;
		xparent = z->parent;
		if (x != NULL)
			x->parent = xparent;
		rb_replaceChild(tree, z->parent, z, x);
	}
	else {
		/* Splice the successor y into z's place. */
		y = lib_rbMinimum(z->right);
		removed = y->color;
		x = y->right;
		if (y->parent == z) {
			xparent = y;
		}
		else {
			xparent = y->parent;
			xparent->left = x;
			if (x != NULL)
				x->parent = xparent;
			y->right = z->right;
			y->right->parent = y;
		}
		rb_replaceChild(tree, z->parent, z, y);
		y->parent = z->parent;
		y->left = z->left;
		y->left->parent = y;
		y->color = z->color;
	}

	if (removed == RB_BLACK)
		rb_removeFixup(tree, x, xparent);

	z->parent = z->left = z->right = NULL;
	if (tree->augment != NULL)
		rb_augmentAll(tree, tree->root);
}

rbnode_t *lib_rbFind(rbtree_t *tree, rbnode_t *probe)
{
	rbnode_t *it = tree->root;

	while (it != NULL) {
		int c = tree->compare(probe, it);
		if (c == 0)
			return it;
		it = (c < 0) ? it->left : it->right;
	}
	return NULL;
}

rbnode_t *lib_rbMinimum(rbnode_t *node)
{
	if (node == NULL)
		return NULL;
	while (node->left != NULL)
		node = node->left;
	return node;
}

rbnode_t *lib_rbMaximum(rbnode_t *node)
{
	if (node == NULL)
		return NULL;
	while (node->right != NULL)
		node = node->right;
	return node;
}

rbnode_t *lib_rbNext(rbnode_t *node)
{
	if (node->right != NULL)
		return lib_rbMinimum(node->right);
	while (node->parent != NULL && node == node->parent->right)
		node = node->parent;
	return node->parent;
}

rbnode_t *lib_rbPrev(rbnode_t *node)
{
	if (node->left != NULL)
		return lib_rbMaximum(node->left);
	while (node->parent != NULL && node == node->parent->left)
		node = node->parent;
	return node->parent;
}
