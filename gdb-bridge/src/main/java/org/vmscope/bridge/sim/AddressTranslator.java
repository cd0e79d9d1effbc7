package org.vmscope.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmscope.bridge.rsp.ServedTargetException;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageEntry;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Translation;

/**
 * Virtual addresses as the simulated MMU sees them at one stop: the roots the paging registers select, walked
 * by {@link PageTableWalker} over simulated RAM. Without roots (no MMU) every address is its own physical
 * address. Built per request, so it never serves tables the kernel has since rewritten.
 */
final class AddressTranslator {
    /** Leaves listed at most by one {@link #leaves()} call. */
    static final int MAX_LEAVES = 1 << 20;

    private final PhysView phys;
    private final List<PagingRoot> roots;
    private final boolean identity;
    private final PageTableWalker walker;

    /** One leaf mapping: {@code [va, va+size)} → {@code pa} with its entry and effective rights. */
    record Leaf(long va, long pa, long size, PageEntry entry, MappedRange range) {
    }

    AddressTranslator(PhysView phys, List<PagingRoot> roots, boolean identity) {
        this.phys = phys;
        this.roots = List.copyOf(roots);
        this.identity = identity;
        this.walker = new PageTableWalker(phys.memory());
    }

    boolean identity() {
        return identity;
    }

    List<PagingRoot> roots() {
        return roots;
    }

    List<org.vmscope.model.phys.RamBank> ramBanks() {
        return phys.memory().banks();
    }

    /** The root whose region holds {@code va} (the first one, as TTBR0 comes before TTBR1). */
    Optional<PagingRoot> rootFor(long va) {
        for (PagingRoot r : roots) {
            if (r.format().geometry().translates(va)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The full walk of {@code va}, or empty when no root translates it. */
    Optional<Translation> translation(long va) {
        return rootFor(va).map(r -> walker.translate(r, va));
    }

    /** The physical address of {@code va}, or empty when it is unmapped. */
    Optional<Long> physical(long va) {
        if (identity) {
            return Optional.of(va);
        }
        return translation(va).filter(Translation::mapped).map(Translation::pa);
    }

    /**
     * Reads virtual memory like QEMU's gdbstub: every page must be mapped (rights are ignored), otherwise the
     * whole read fails with E14; mapped bytes outside RAM read as zeros.
     */
    byte[] read(long va, int length) throws ServedTargetException {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long a = va + done;
            int n;
            long pa;
            if (identity) {
                pa = a;
                n = length - done;
            } else {
                Translation t = translation(a).filter(Translation::mapped).orElseThrow(() ->
                        new ServedTargetException(ServedTargetException.BAD_ADDRESS,
                                String.format("0x%x is not mapped", a)));
                pa = t.pa();
                long leaf = t.pageSize();
                long left = leaf - (a & (leaf - 1));
                n = (int) Math.min(length - done, left);
            }
            if (Long.compareUnsigned(a + n - 1, a) < 0) {
                throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "read wraps the address space");
            }
            System.arraycopy(phys.readLenient(pa, n), 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** Whole walks of every root, in root order. */
    List<AddressSpaceWalk> walks() {
        List<AddressSpaceWalk> out = new ArrayList<>();
        for (PagingRoot r : roots) {
            out.add(walker.walk(r));
        }
        return out;
    }

    /** Merged ranges of every root, in root order (each root's in VA order). */
    List<MappedRange> ranges() {
        List<MappedRange> out = new ArrayList<>();
        for (AddressSpaceWalk w : walks()) {
            out.addAll(w.ranges());
        }
        return out;
    }

    /** Every leaf, in VA order per root, for listings that need the raw entry bits; capped at {@link #MAX_LEAVES}. */
    List<Leaf> leaves() {
        List<Leaf> out = new ArrayList<>();
        for (PagingRoot root : roots) {
            for (MappedRange r : walker.walk(root).ranges()) {
                long va = r.va();
                long left = r.size();
                while (left > 0 && out.size() < MAX_LEAVES) {
                    Translation t = walker.translate(root, va);
                    if (!t.mapped()) {
                        break; // cannot happen for a range the same walker just listed
                    }
                    long leafSize = t.pageSize();
                    long n = Math.min(left, leafSize - (va & (leafSize - 1)));
                    out.add(new Leaf(va, t.pa(), n, t.leaf(), r));
                    va += n;
                    left -= n;
                }
            }
        }
        return out;
    }
}
