package org.vmscope.model.pmap.mpu;

import org.vmscope.model.pmap.PageAttr;

/**
 * PMSAv8 register formats. RBAR: BASE 31:5, SH 4:3, AP 2:1 (RO 2, NP 1), XN 0. RLAR: LIMIT 31:5 (the limit
 * address is LIMIT:0x1F), AttrIndx 3:1, EN 0.
 */
public final class Armv8mMpu {
    public static final int GRANULE = 32;

    private Armv8mMpu() {
    }

    /** Decodes a region from its RBAR/RLAR pair. */
    public static MpuRegion decode(int number, long rbar, long rlar) {
        long base = rbar & 0xFFFFFFE0L;
        long limit = (rlar & 0xFFFFFFE0L) | 0x1F;
        int ap = (int) ((rbar >>> 1) & 3);
        boolean ro = (ap & 2) != 0;
        boolean anyPriv = (ap & 1) != 0;
        int data = PageAttr.READ | (ro ? 0 : PageAttr.WRITE);
        boolean xn = (rbar & 1) != 0;
        int priv = data | (xn ? 0 : PageAttr.EXEC);
        int user = anyPriv ? priv : 0;
        return new MpuRegion(MpuFlavor.ARMV8M, number, base, limit, -1, 0, priv, user, (rlar & 1) != 0,
                (int) ((rlar >>> 1) & 7));
    }

    /** RBAR for {@code base} with AP {@code ap} (0 RW priv, 1 RW any, 2 RO priv, 3 RO any) and XN. */
    public static long rbar(long base, int ap, boolean xn) {
        return (base & 0xFFFFFFE0L) | ((long) (ap & 3) << 1) | (xn ? 1 : 0);
    }

    /** RLAR for the inclusive {@code limit} (low 5 bits ignored), attribute index and enable. */
    public static long rlar(long limit, int attrIndex, boolean enable) {
        return (limit & 0xFFFFFFE0L) | ((long) (attrIndex & 7) << 1) | (enable ? 1 : 0);
    }
}
