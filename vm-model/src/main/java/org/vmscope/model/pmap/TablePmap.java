package org.vmscope.model.pmap;

import java.util.ArrayList;
import java.util.List;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * What the MMU pmaps share: reading and writing entries of their format in simulated RAM, the generic
 * "walk down, allocate the missing table from the caller's frame, write the leaf" of {@code pmap_enter},
 * and page-by-page {@code pmap_remove}. Architectures override the hooks where the kernel differs.
 */
public abstract class TablePmap implements Pmap {
    public static final int EOK = 0;
    public static final int ENOMEM = -12;
    public static final int EINVAL = -22;
    static final long PAGE = 0x1000;

    protected final SimPhysicalMemory mem;
    protected final PageTableFormat format;
    protected final long rootPa;

    protected TablePmap(SimPhysicalMemory mem, PageTableFormat format, long rootPa) {
        this.mem = mem;
        this.format = format;
        this.rootPa = rootPa;
    }

    /** The format of this pmap's own top-level table. */
    public PageTableFormat format() {
        return format;
    }

    @Override
    public long root() {
        return rootPa;
    }

    /** The roots the hardware walks for this address space, for {@link PageTableWalker}. */
    public abstract List<PagingRoot> walkRoots();

    protected long readEntry(long tablePa, int index) throws MemoryAccessException {
        int n = format.geometry().entryBytes();
        byte[] b = mem.read(tablePa + (long) index * n, n);
        return format.entryAt(b, 0);
    }

    protected void writeEntry(long tablePa, int index, long raw) throws MemoryAccessException {
        int n = format.geometry().entryBytes();
        mem.write(tablePa + (long) index * n, format.entryBytes(raw));
    }

    protected static void zeroFrame(SimPhysicalMemory mem, long pa, long bytes) {
        try {
            mem.zero(pa, bytes);
        } catch (MemoryAccessException e) {
            throw new IllegalArgumentException("table frame outside RAM: " + e.getMessage(), e);
        }
    }

    /** Whether this pmap's tables translate {@code va}; enter on other VAs fails with -EINVAL. */
    protected boolean accepts(long va) {
        return format.geometry().translates(va);
    }

    /** The errno for a missing table below {@code level} when no frame was supplied. */
    protected int missingTable(int level) {
        return NEEDS_TABLE;
    }

    /** The leaf entry written for {@code pmap_enter(pa, va, attr)}. */
    protected long leafEntry(long pa, long va, int attr) {
        return format.encodeLeaf(pa & ~(PAGE - 1), attr, format.geometry().lastLevel());
    }

    @Override
    public int enter(long pa, long va, int attr, long tablePage) {
        if (!accepts(va)) {
            return EINVAL;
        }
        if (tablePage != -1 && ((tablePage & (PAGE - 1)) != 0 || !mem.isRam(tablePage, PAGE))) {
            return EINVAL;
        }
        PagingGeometry g = format.geometry();
        try {
            long table = rootPa;
            for (int level = 0; level < g.lastLevel(); level++) {
                int idx = g.index(va, level);
                PageEntry e = format.decode(readEntry(table, idx), level);
                if (e.isTable()) {
                    table = e.pa();
                    continue;
                }
                if (e.kind() != EntryKind.INVALID) {
                    return EINVAL; // a block or garbage where a table should be
                }
                if (tablePage == -1) {
                    return missingTable(level);
                }
                mem.zero(tablePage, PAGE);
                writeEntry(table, idx, format.encodeTable(tablePage, level));
                table = tablePage;
                tablePage = -1;
            }
            writeEntry(table, g.index(va, g.lastLevel()), leafEntry(pa, va, attr));
            return EOK;
        } catch (MemoryAccessException | IllegalArgumentException e) {
            return EINVAL;
        }
    }

    /** Where the last-level entry for {@code va} lives, or the level whose entry is missing. */
    protected record Slot(long tablePa, int index, int level, boolean found) {
    }

    protected Slot locate(long va) throws MemoryAccessException {
        PagingGeometry g = format.geometry();
        long table = rootPa;
        for (int level = 0; level < g.lastLevel(); level++) {
            int idx = g.index(va, level);
            PageEntry e = format.decode(readEntry(table, idx), level);
            if (!e.isTable()) {
                return new Slot(table, idx, level, e.isLeaf());
            }
            table = e.pa();
        }
        return new Slot(table, g.index(va, g.lastLevel()), g.lastLevel(), true);
    }

    /**
     * Clears the leaf of every page in {@code [vstart, vend)}; blocks found on the way are cleared too.
     * A missing table skips the VA span it would have covered. Tables are not freed.
     */
    @Override
    public void remove(long vstart, long vend) {
        PagingGeometry g = format.geometry();
        long va = vstart & ~(PAGE - 1);
        try {
            while (Long.compareUnsigned(va, vend) < 0 && accepts(va)) {
                Slot s = locate(va);
                long span = g.span(s.level());
                if (s.found()) {
                    writeEntry(s.tablePa(), s.index(), 0);
                }
                long next = s.level() == g.lastLevel() ? va + PAGE : (va & ~(span - 1)) + span;
                if (Long.compareUnsigned(next, va) <= 0) {
                    break; // wrapped past the top
                }
                va = next;
            }
        } catch (MemoryAccessException e) {
            // Corrupt tables pointing outside RAM: nothing more to clear.
        }
    }

    @Override
    public long resolve(long va) {
        if (!accepts(va)) {
            return 0;
        }
        PagingGeometry g = format.geometry();
        try {
            long table = rootPa;
            for (int level = 0; level <= g.lastLevel(); level++) {
                PageEntry e = format.decode(readEntry(table, g.index(va, level)), level);
                if (e.isLeaf()) {
                    return (e.pa() + (va & (e.leafSize() - 1))) & ~(PAGE - 1);
                }
                if (!e.isTable()) {
                    return 0;
                }
                table = e.pa();
            }
        } catch (MemoryAccessException e) {
            return 0;
        }
        return 0;
    }

    /** Table frames below the top-level entries {@code [from, to)}, leaf tables before their parents. */
    protected List<Long> tablesBelow(int from, int to) {
        List<Long> out = new ArrayList<>();
        try {
            for (int i = from; i < to; i++) {
                PageEntry e = format.decode(readEntry(rootPa, i), 0);
                if (e.isTable()) {
                    collect(e.pa(), 1, out);
                }
            }
        } catch (MemoryAccessException e) {
            // Stop at corrupt tables; what was found is returned.
        }
        return out;
    }

    private void collect(long table, int level, List<Long> out) throws MemoryAccessException {
        PagingGeometry g = format.geometry();
        if (level < g.lastLevel()) {
            for (int i = 0; i < g.entries(level); i++) {
                PageEntry e = format.decode(readEntry(table, i), level);
                if (e.isTable() && !out.contains(e.pa())) {
                    collect(e.pa(), level + 1, out);
                }
            }
        }
        out.add(table & ~(PAGE - 1));
    }
}
