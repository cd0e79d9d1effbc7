package org.vmscope.model.pmap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.SimPhysicalMemory;

/**
 * armv7a pmap (hal/armv7a/pmap.c), TTBCR.N = 1. The kernel pmap owns the 16 KiB {@code kpdir} that TTBR1
 * walks for VAs at and above 0x80000000; a user pmap owns an 8 KiB L1 for TTBR0 (2048 entries) and shares
 * the kernel half through TTBR1, so nothing is copied. L2 tables come one 4 KiB frame at a time holding four
 * 1 KiB tables, installed as four consecutive L1 entries (4 MiB). Leaves are small pages built like
 * Phoenix's {@code attrMap}; without PGHD_PRESENT the descriptor is 0.
 */
public final class Armv7aPmap extends TablePmap {
    public static final long VADDR_USR_MAX = 0x80000000L;
    public static final long VADDR_KERNEL = 0xC0000000L;
    /** TTBR0 cache bits Phoenix ORs into the user pdir address. */
    public static final long TTBR_CACHE_CONF = 0x5B;
    public static final long SIZE_PDIR = 0x2000;
    public static final long SIZE_KPDIR = 0x4000;

    private final Armv7aPmap kpmap;

    private Armv7aPmap(SimPhysicalMemory mem, Armv7aShortFormat f, long pdirPa, Armv7aPmap kpmap) {
        super(mem, f, pdirPa);
        this.kpmap = kpmap;
    }

    /** The kernel pmap over a zeroed 16 KiB {@code kpdir} (16 KiB aligned). */
    public static Armv7aPmap kernel(SimPhysicalMemory mem, long kpdirPa) {
        checkBlock(mem, kpdirPa, SIZE_KPDIR);
        zeroFrame(mem, kpdirPa, SIZE_KPDIR);
        return new Armv7aPmap(mem, Armv7aShortFormat.fullTable(), kpdirPa, null);
    }

    /** {@code pmap_create}: a zeroed 8 KiB user L1 (8 KiB aligned) at {@code pdirPa}. */
    public static Armv7aPmap create(SimPhysicalMemory mem, Armv7aPmap kpmap, long pdirPa) {
        checkBlock(mem, pdirPa, SIZE_PDIR);
        zeroFrame(mem, pdirPa, SIZE_PDIR);
        return new Armv7aPmap(mem, Armv7aShortFormat.ttbr0(1), pdirPa, kpmap);
    }

    private static void checkBlock(SimPhysicalMemory mem, long pa, long size) {
        if ((pa & (size - 1)) != 0 || !mem.isRam(pa, size)) {
            throw new IllegalArgumentException(String.format("L1 table 0x%x is not a RAM block of 0x%x", pa, size));
        }
    }

    public boolean isKernel() {
        return kpmap == null;
    }

    /** The TTBR0 value for a user pmap: pdir | TTBR_CACHE_CONF. */
    public long ttbr0() {
        return rootPa | TTBR_CACHE_CONF;
    }

    /** User pmap: TTBR0 over its L1; kernel pmap: TTBR1 over kpdir (upper 2 GiB). */
    @Override
    public List<PagingRoot> walkRoots() {
        if (isKernel()) {
            return List.of(new PagingRoot(Armv7aShortFormat.ttbr1(1), rootPa));
        }
        return List.of(new PagingRoot(format, rootPa));
    }

    private boolean kernelHalf(long va) {
        return !isKernel() && Long.compareUnsigned(va, VADDR_USR_MAX) >= 0;
    }

    @Override
    public int enter(long pa, long va, int attr, long tablePage) {
        if (kernelHalf(va)) {
            return kpmap.enter(pa, va, attr, tablePage);
        }
        if (!accepts(va)) {
            return EINVAL;
        }
        if (tablePage != -1 && ((tablePage & (PAGE - 1)) != 0 || !mem.isRam(tablePage, PAGE))) {
            return EINVAL;
        }
        try {
            int pdi = (int) (va >>> 20);
            PageEntry l1 = format.decode(readEntry(rootPa, pdi), 0);
            long l2;
            if (l1.isTable()) {
                l2 = l1.pa();
            } else if (l1.kind() == EntryKind.INVALID) {
                if (tablePage == -1) {
                    return NEEDS_TABLE;
                }
                mem.zero(tablePage, PAGE);
                int base = pdi & ~3;
                for (int k = 0; k < 4; k++) {
                    writeEntry(rootPa, base + k, format.encodeTable(tablePage + 0x400L * k, 0));
                }
                l2 = tablePage + 0x400L * (pdi & 3);
            } else {
                return EINVAL; // a section where a table is needed
            }
            writeEntry(l2, (int) ((va >>> 12) & 0xff), format.encodeLeaf(pa & ~(PAGE - 1), attr, 1));
            return EOK;
        } catch (MemoryAccessException | IllegalArgumentException e) {
            return EINVAL;
        }
    }

    @Override
    public void remove(long vstart, long vend) {
        if (isKernel() || Long.compareUnsigned(vend, VADDR_USR_MAX) <= 0) {
            super.remove(vstart, vend);
            return;
        }
        if (Long.compareUnsigned(vstart, VADDR_USR_MAX) < 0) {
            super.remove(vstart, VADDR_USR_MAX);
        }
        kpmap.remove(Long.compareUnsigned(vstart, VADDR_USR_MAX) < 0 ? VADDR_USR_MAX : vstart, vend);
    }

    /** Uses kpdir for VAs at and above 0x80000000, as the kernel does. */
    @Override
    public long resolve(long va) {
        return kernelHalf(va) ? kpmap.resolve(va) : super.resolve(va);
    }

    /** {@code pmap_resolve} as the kernel returns it: the raw L2 descriptor (0 without an L2 table). */
    public long resolveRaw(long va) {
        if (kernelHalf(va)) {
            return kpmap.resolveRaw(va);
        }
        try {
            PageEntry l1 = format.decode(readEntry(rootPa, (int) ((va & 0xFFFFFFFFL) >>> 20)), 0);
            return l1.isTable() ? readEntry(l1.pa(), (int) ((va >>> 12) & 0xff)) : 0;
        } catch (MemoryAccessException e) {
            return 0;
        }
    }

    /** The distinct 4 KiB frames holding this user pmap's L2 tables. */
    @Override
    public List<Long> destroy() {
        if (isKernel()) {
            return List.of();
        }
        Set<Long> frames = new LinkedHashSet<>();
        try {
            for (int i = 0; i < format.geometry().entries(0); i++) {
                PageEntry e = format.decode(readEntry(rootPa, i), 0);
                if (e.isTable()) {
                    frames.add(e.pa() & ~(PAGE - 1));
                }
            }
        } catch (MemoryAccessException e) {
            // nothing more
        }
        return new ArrayList<>(frames);
    }
}
