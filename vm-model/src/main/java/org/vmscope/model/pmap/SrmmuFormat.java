package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.List;
import org.vmscope.model.Arch;

/**
 * SPARC V8 Reference MMU (LEON3/4): a 256-entry context table, then L1 (256 x 16 MiB), L2 (64 x 256 KiB),
 * L3 (64 x 4 KiB), four-byte big-endian entries. A page table descriptor (ET=1) holds PA[35:6] in bits
 * 31:2; a PTE (ET=2) holds PA[35:12] in bits 31:8, C in bit 7, M (dirty) in 6, R (referenced) in 5 and ACC
 * in 4:2. A PTE may sit at any level, including the context slot (a 4 GiB mapping).
 * <p>
 * The context-rooted geometry treats the context-table slot as a one-entry level 0 ({@link #contextRoot}),
 * so the generic walker needs no SPARC special case.
 */
public final class SrmmuFormat implements PageTableFormat {
    public static final long ET_PTD = 1;
    public static final long ET_PTE = 2;
    public static final long CACHEABLE = 0x80;
    public static final long MODIFIED = 0x40;
    public static final long REFERENCED = 0x20;

    /** ACC values (Phoenix PERM_*). */
    public static final int ACC_USER_RO = 0;
    public static final int ACC_USER_RW = 1;
    public static final int ACC_USER_RX = 2;
    public static final int ACC_USER_RWX = 3;
    public static final int ACC_USER_XO = 4;
    public static final int ACC_SUPER_RW = 5;
    public static final int ACC_SUPER_RX = 6;
    public static final int ACC_SUPER_RWX = 7;

    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;
    /** Supervisor and user rights per ACC value (SPARC V8 manual, table H-3). */
    private static final int[] SUPER = {R, R | W, R | X, R | W | X, X, R | W, R | X, R | W | X};
    private static final int[] USER = {R, R | W, R | X, R | W | X, X, R, 0, 0};

    private static final SrmmuFormat FROM_CONTEXT = new SrmmuFormat(true);
    private static final SrmmuFormat FROM_L1 = new SrmmuFormat(false);

    private final boolean fromContext;
    private final PagingGeometry geometry;

    private SrmmuFormat(boolean fromContext) {
        this.fromContext = fromContext;
        List<Integer> bits = fromContext ? List.of(0, 8, 6, 6) : List.of(8, 6, 6);
        this.geometry = new PagingGeometry(fromContext ? "srmmu-ctx" : "srmmu-l1", bits, 4, 12,
                (1 << bits.size()) - 1, PagingGeometry.VaExtension.ZERO, 0, ByteOrder.BIG_ENDIAN);
    }

    /** Walks start at a context-table slot (level 0 = the slot, 1..3 = L1..L3). */
    public static SrmmuFormat contextRooted() {
        return FROM_CONTEXT;
    }

    /** Walks start at an L1 table (level 0..2 = L1..L3), for a pmap that has no context yet. */
    public static SrmmuFormat l1Rooted() {
        return FROM_L1;
    }

    /** The walk root for context {@code context} of the context table at {@code contextTablePa}. */
    public static PagingRoot contextRoot(long contextTablePa, int context) {
        return new PagingRoot(FROM_CONTEXT, contextTablePa + 4L * (context & 0xffffffffL));
    }

    /** The context-table physical address from a Context Table Pointer register value (PA[35:6] in 31:2). */
    public static long contextTableFromCtpr(long ctpr) {
        return ((ctpr & 0xFFFFFFFCL) >>> 2) << 6;
    }

    /** SRMMU table level (0 = context slot, 1..3) of geometry level {@code level}. */
    public int hardwareLevel(int level) {
        return fromContext ? level : level + 1;
    }

    @Override
    public Arch arch() {
        return Arch.SPARCV8LEON;
    }

    @Override
    public String name() {
        return geometry.name();
    }

    @Override
    public PagingGeometry geometry() {
        return geometry;
    }

    @Override
    public PageEntry decode(long raw, int level) {
        raw &= 0xFFFFFFFFL;
        int shift = geometry.shift(level);
        int et = (int) (raw & 3);
        switch (et) {
            case 0:
                return PageEntry.invalid(level, raw, shift);
            case 1:
                if (level == geometry.lastLevel()) {
                    return PageEntry.reserved(level, raw, shift, "PTD at level 3");
                }
                return PageEntry.table(level, raw, (raw >>> 2) << 6, shift, PageEntry.ALL_RIGHTS, "");
            case 3:
                return PageEntry.reserved(level, raw, shift, "ET = 3");
            default:
                break;
        }
        long pa = ((raw >>> 8) << 12) & ~((1L << shift) - 1);
        int acc = (int) ((raw >>> 2) & 7);
        int sup = SUPER[acc];
        int usr = USER[acc];
        boolean cached = (raw & CACHEABLE) != 0;
        CacheType cache = cached ? CacheType.WRITE_THROUGH : CacheType.NON_CACHEABLE;
        int attr = PageAttr.PRESENT | sup | usr | (usr != 0 ? PageAttr.USER : 0) | cache.attrBits();
        String note = "ACC " + acc + (((raw >>> 8) << 12 & ((1L << shift) - 1)) != 0 ? " low PPN bits ignored" : "");
        // SRMMU has no global bit; contexts separate address spaces.
        return new PageEntry(EntryKind.LEAF, level, raw, pa, shift, attr, usr, cache, false,
                (raw & REFERENCED) != 0, (raw & MODIFIED) != 0, note);
    }

    /** Phoenix's {@code pmap_attrToAcc}. */
    public static int accessOf(int attr) {
        int rwx = attr & (R | W | X);
        if ((attr & PageAttr.USER) != 0) {
            if (rwx == R) {
                return ACC_USER_RO;
            } else if (rwx == W || rwx == (R | W)) {
                return ACC_USER_RW;
            } else if (rwx == (R | X)) {
                return ACC_USER_RX;
            } else if (rwx == (R | W | X)) {
                return ACC_USER_RWX;
            } else if (rwx == X) {
                return ACC_USER_XO;
            }
            return ACC_USER_RO;
        }
        if (rwx == (R | X)) {
            return ACC_SUPER_RX;
        } else if (rwx == X || rwx == (R | W | X)) {
            return ACC_SUPER_RWX;
        }
        return ACC_SUPER_RW;
    }

    /**
     * A PTE as Phoenix writes it: {@code PTE(pa, C, ACC, PRESENT ? 2 : 0)}. Without PRESENT the entry keeps
     * its address and ACC but has ET = 0 (invalid).
     */
    @Override
    public long encodeLeaf(long pa, int attr, int level) {
        if (level < 0 || level > geometry.lastLevel()) {
            throw new IllegalArgumentException("no level " + level);
        }
        PageTableFormat.requireAligned(pa, geometry.shift(level), "SRMMU page");
        if ((pa >>> 36) != 0) {
            throw new IllegalArgumentException("SRMMU PA is 36 bits");
        }
        boolean cached = (attr & (PageAttr.DEV | PageAttr.NOT_CACHED)) == 0;
        return ((pa >>> 12) << 8) | (cached ? CACHEABLE : 0) | ((long) accessOf(attr) << 2)
                | ((attr & PageAttr.PRESENT) != 0 ? ET_PTE : 0);
    }

    /** PTD = {@code (pa >> 6) << 2 | 1}. */
    @Override
    public long encodeTable(long tablePa, int level) {
        if (level >= geometry.lastLevel()) {
            throw new IllegalArgumentException("no table below the last level");
        }
        PageTableFormat.requireAligned(tablePa, 6, "SRMMU table");
        if ((tablePa >>> 36) != 0) {
            throw new IllegalArgumentException("SRMMU PA is 36 bits");
        }
        return ((tablePa >>> 6) << 2) | ET_PTD;
    }
}
