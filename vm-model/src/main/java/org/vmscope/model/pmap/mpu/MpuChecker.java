package org.vmscope.model.pmap.mpu;

import java.util.ArrayList;
import java.util.List;
import org.vmscope.model.pmap.PageAttr;

/**
 * Validates a region set against its architecture's rules and decides accesses the way the MPU would.
 * PMSAv7: regions are power-of-two sized (32 B min), aligned to their size, subregions only from 256 B;
 * on overlap the highest-numbered region wins. PMSAv8: base and limit on a 32-byte granule, limit at or
 * above base; an access hitting two enabled regions faults.
 */
public final class MpuChecker {

    /** A rule a region set breaks. */
    public record Problem(int region, String message) {
        @Override
        public String toString() {
            return "region " + region + ": " + message;
        }
    }

    /** The MPU's answer for one access. {@code region} is -1 for the background map or no match. */
    public record Decision(boolean allowed, int region, String reason) {
    }

    private final MpuFlavor flavor;
    private final List<MpuRegion> regions;
    private final boolean privDefEna;

    /**
     * @param privDefEna MPU_CTRL.PRIVDEFENA: privileged accesses that hit no region use the default map
     *                   (Phoenix sets it)
     */
    public MpuChecker(MpuFlavor flavor, List<MpuRegion> regions, boolean privDefEna) {
        this.flavor = flavor;
        this.regions = List.copyOf(regions);
        this.privDefEna = privDefEna;
    }

    public List<MpuRegion> regions() {
        return regions;
    }

    /** Every rule broken by the region set (enabled or not: a disabled bad region breaks once enabled). */
    public List<Problem> validate() {
        List<Problem> out = new ArrayList<>();
        for (MpuRegion r : regions) {
            if (r.flavor() != flavor) {
                out.add(new Problem(r.number(), "region of another MPU flavour"));
                continue;
            }
            if (flavor == MpuFlavor.ARMV7M) {
                if (r.sizeLog2() < 5) {
                    out.add(new Problem(r.number(), "size below 32 bytes is unpredictable"));
                }
                if ((r.base() & ((1L << r.sizeLog2()) - 1)) != 0) {
                    out.add(new Problem(r.number(), String.format("base 0x%x not aligned to its size 0x%x", r.base(),
                            1L << r.sizeLog2())));
                }
                if (r.subregionDisable() != 0 && r.sizeLog2() < 8) {
                    out.add(new Problem(r.number(), "subregions need a region of at least 256 bytes"));
                }
            } else {
                if ((r.base() & (Armv8mMpu.GRANULE - 1)) != 0 || ((r.limit() + 1) & (Armv8mMpu.GRANULE - 1)) != 0) {
                    out.add(new Problem(r.number(), "base/limit not on the 32-byte granule"));
                }
                if (Long.compareUnsigned(r.limit(), r.base()) < 0) {
                    out.add(new Problem(r.number(), "limit below base: the region never matches"));
                }
            }
        }
        if (flavor == MpuFlavor.ARMV8M) {
            for (int i = 0; i < regions.size(); i++) {
                for (int j = i + 1; j < regions.size(); j++) {
                    MpuRegion a = regions.get(i);
                    MpuRegion b = regions.get(j);
                    if (a.enabled() && b.enabled() && Long.compareUnsigned(a.base(), b.limit()) <= 0
                            && Long.compareUnsigned(b.base(), a.limit()) <= 0) {
                        out.add(new Problem(a.number(), "overlaps region " + b.number()
                                + ": accesses to the overlap fault on PMSAv8"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Decides one access.
     *
     * @param access     one of {@link PageAttr#READ}, {@link PageAttr#WRITE}, {@link PageAttr#EXEC}
     * @param privileged whether the access is made in privileged mode
     */
    public Decision access(long address, int access, boolean privileged) {
        MpuRegion hit = null;
        int hits = 0;
        for (MpuRegion r : regions) {
            if (!r.enabled() || !r.covers(address)) {
                continue;
            }
            hits++;
            if (hit == null || r.number() > hit.number()) {
                hit = r;
            }
        }
        if (hit == null) {
            if (privileged && privDefEna) {
                return new Decision(true, -1, "background region (PRIVDEFENA)");
            }
            return new Decision(false, -1, "no region covers the address");
        }
        if (flavor == MpuFlavor.ARMV8M && hits > 1) {
            return new Decision(false, hit.number(), "address hits " + hits + " regions");
        }
        boolean ok = (hit.rights(privileged) & access) == access;
        return new Decision(ok, hit.number(), ok ? "allowed by region " + hit.number()
                : "region " + hit.number() + " denies " + PageAttr.describe(access).strip());
    }
}
