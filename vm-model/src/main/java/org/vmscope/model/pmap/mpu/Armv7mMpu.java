package org.vmscope.model.pmap.mpu;

import org.vmscope.model.pmap.PageAttr;

/**
 * PMSAv7 register formats. RBAR: ADDR 31:5, VALID 4, REGION 3:0. RASR: XN 28, AP 26:24, TEX 21:19, S 18,
 * C 17, B 16, SRD 15:8, SIZE 5:1 (region = 2^(SIZE+1) bytes), ENABLE 0.
 */
public final class Armv7mMpu {
    public static final long RASR_ENABLE = 1;
    public static final long RASR_XN = 1L << 28;

    private Armv7mMpu() {
    }

    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    /** Privileged / unprivileged data rights per AP value (100 is reserved: no access). */
    private static final int[] PRIV = {0, R | W, R | W, R | W, 0, R, R, R};
    private static final int[] USER = {0, 0, R, R | W, 0, 0, R, R};

    /** Decodes a region from its RBAR/RASR pair (the syspage {@code hs.mpu.table[]} entries). */
    public static MpuRegion decode(int number, long rbar, long rasr) {
        int sizeField = (int) ((rasr >>> 1) & 0x1f);
        int sizeLog2 = sizeField + 1;
        long base = rbar & 0xFFFFFFE0L;
        long limit = Math.min(base + (1L << sizeLog2) - 1, 0xFFFFFFFFL);
        int ap = (int) ((rasr >>> 24) & 7);
        boolean xn = (rasr & RASR_XN) != 0;
        int priv = PRIV[ap];
        int user = USER[ap];
        if (!xn) {
            priv |= priv != 0 ? PageAttr.EXEC : 0;
            user |= user != 0 ? PageAttr.EXEC : 0;
        }
        int srd = (int) ((rasr >>> 8) & 0xff);
        int memAttr = (int) ((rasr >>> 16) & 0x3f);
        return new MpuRegion(MpuFlavor.ARMV7M, number, base, limit, sizeLog2, srd, priv, user,
                (rasr & RASR_ENABLE) != 0, memAttr);
    }

    /** RBAR with VALID and REGION set, for {@code base} and region {@code number}. */
    public static long rbar(int number, long base) {
        return (base & 0xFFFFFFE0L) | 0x10 | (number & 0xf);
    }

    /**
     * RASR for a region of {@code 2^sizeLog2} bytes (5..32).
     *
     * @param ap  the AP[2:0] field
     * @param srd subregion-disable bits
     */
    public static long rasr(int sizeLog2, int ap, boolean xn, int srd, int texScb, boolean enable) {
        if (sizeLog2 < 5 || sizeLog2 > 32) {
            throw new IllegalArgumentException("PMSAv7 regions are 32 B .. 4 GiB");
        }
        return (xn ? RASR_XN : 0) | ((long) (ap & 7) << 24) | ((long) (texScb & 0x3f) << 16)
                | ((long) (srd & 0xff) << 8) | ((long) (sizeLog2 - 1) << 1) | (enable ? RASR_ENABLE : 0);
    }
}
