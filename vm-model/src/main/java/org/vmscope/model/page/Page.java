package org.vmscope.model.page;

/**
 * A view of one {@code page_t} of a {@link PageAllocator}: a handle (allocator + array index), not the
 * storage itself, so a million-page target does not cost a million objects. Views stay valid for the
 * allocator's lifetime because the page array never moves after boot.
 */
public final class Page {
    private final PageAllocator owner;
    private final int index;

    Page(PageAllocator owner, int index) {
        this.owner = owner;
        this.index = index;
    }

    /** Position in the page array (the kernel's {@code p - pages_info.pages}). */
    public int index() {
        return index;
    }

    /** Physical frame address. */
    public long addr() {
        return owner.addrAt(index);
    }

    /** log2 of the block size in bytes; meaningful on block heads only. */
    public int idx() {
        return owner.idxAt(index);
    }

    /** Block size {@code 1 << idx} in bytes; meaningful on heads (a boot page's idx 0 gives 1). */
    public long blockBytes() {
        return 1L << idx();
    }

    public int flags() {
        return owner.flagsAt(index);
    }

    public char marker() {
        return PageFlags.marker(flags());
    }

    public boolean isFree() {
        return PageFlags.isFree(flags());
    }

    /** Next page on this page's buddy list, or null when unlisted. */
    public Page next() {
        int n = owner.nextAt(index);
        return n < 0 ? null : owner.pageAt(n);
    }

    public Page prev() {
        int n = owner.prevAt(index);
        return n < 0 ? null : owner.pageAt(n);
    }

    /** The page {@code k} array slots further on ({@code p + k} in C), or null outside the array. */
    public Page plus(int k) {
        long i = (long) index + k;
        return i < 0 || i >= owner.pageCount() ? null : owner.pageAt((int) i);
    }

    public PageAllocator allocator() {
        return owner;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Page p && p.owner == owner && p.index == index;
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(owner) + index;
    }

    @Override
    public String toString() {
        return String.format("page[%d]{addr=0x%x, idx=%d, flags=0x%02x '%c'}", index, addr(), idx(), flags(), marker());
    }
}
