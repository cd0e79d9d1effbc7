package org.vmscope.model.pmap.mpu;

import org.vmscope.model.pmap.PageAttr;

/**
 * One MPU region as the hardware sees it.
 *
 * @param number           region number (RNR)
 * @param base             base address as programmed
 * @param limit            last address covered (inclusive)
 * @param sizeLog2         PMSAv7 region size as log2 bytes (RASR.SIZE + 1); -1 on PMSAv8
 * @param subregionDisable PMSAv7 RASR.SRD: bit i disables the i-th eighth of the region
 * @param privRights       {@link PageAttr} READ/WRITE/EXEC for privileged accesses
 * @param userRights       {@link PageAttr} READ/WRITE/EXEC for unprivileged accesses
 * @param memAttr          the raw memory attribute field (PMSAv7 TEX:S:C:B, PMSAv8 AttrIndx)
 */
public record MpuRegion(MpuFlavor flavor, int number, long base, long limit, int sizeLog2, int subregionDisable,
        int privRights, int userRights, boolean enabled, int memAttr) {

    public long size() {
        return limit - base + 1;
    }

    /** Whether {@code address} falls in this region and in an enabled subregion (enabled or not). */
    public boolean covers(long address) {
        if (Long.compareUnsigned(address, base) < 0 || Long.compareUnsigned(address, limit) > 0) {
            return false;
        }
        if (flavor == MpuFlavor.ARMV7M && sizeLog2 >= 8 && subregionDisable != 0) {
            int sub = (int) ((address - base) >>> (sizeLog2 - 3));
            return (subregionDisable & (1 << sub)) == 0;
        }
        return true;
    }

    /** The rights for one privilege level. */
    public int rights(boolean privileged) {
        return privileged ? privRights : userRights;
    }

    @Override
    public String toString() {
        return String.format("%s region %d [0x%x, 0x%x] priv %s user %s%s%s", flavor, number, base, limit,
                PageAttr.describe(privRights), PageAttr.describe(userRights),
                subregionDisable != 0 ? String.format(" SRD=0x%02x", subregionDisable) : "", enabled ? "" : " off");
    }
}
