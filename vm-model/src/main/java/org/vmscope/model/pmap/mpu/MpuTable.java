package org.vmscope.model.pmap.mpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The loader's MPU table {@code syspage->hs.mpu} (phoenix-vm.md §2.10, §4.7): {@code allocCnt} regions as
 * register pairs (PMSAv7 RBAR/RASR, PMSAv8 RBAR/RLAR), programmed once with their enable bits clear, and
 * {@code map[i]}, the syspage map each region serves. The kernel only switches enable bits per process
 * ({@link #active}).
 */
public final class MpuTable {
    private final MpuFlavor flavor;
    private final long[] rbar;
    private final long[] attr;
    private final int[] mapId;

    /**
     * @param attr  RASR (PMSAv7) or RLAR (PMSAv8) of each region, enable bit as the loader left it
     * @param mapId the syspage map id each region serves, -1 unassigned
     */
    public MpuTable(MpuFlavor flavor, long[] rbar, long[] attr, int[] mapId) {
        if (rbar.length != attr.length || rbar.length != mapId.length || rbar.length > 16) {
            throw new IllegalArgumentException("an MPU table has up to 16 regions with one map id each");
        }
        this.flavor = flavor;
        this.rbar = rbar.clone();
        this.attr = attr.clone();
        this.mapId = mapId.clone();
    }

    public MpuFlavor flavor() {
        return flavor;
    }

    /** {@code allocCnt}. */
    public int count() {
        return rbar.length;
    }

    /** {@code map[i]}. */
    public int mapId(int region) {
        return mapId[region];
    }

    /** {@code pmap_addMap}'s mask: every region whose {@code map[i]} is {@code id}. */
    public int maskOf(int id) {
        int m = 0;
        for (int i = 0; i < mapId.length; i++) {
            if (mapId[i] == id) {
                m |= 1 << i;
            }
        }
        return m;
    }

    /** All regions enabled: the initial kernel pmap on armv8m. */
    public int allRegions() {
        return rbar.length == 0 ? 0 : (int) ((1L << rbar.length) - 1);
    }

    /** The regions as {@code pmap_switch} leaves the MPU for a pmap with {@code regions}: enable bit i = bit i. */
    public List<MpuRegion> active(int regions) {
        List<MpuRegion> out = new ArrayList<>(rbar.length);
        for (int i = 0; i < rbar.length; i++) {
            boolean on = (regions & (1 << i)) != 0;
            out.add(flavor == MpuFlavor.ARMV7M
                    ? Armv7mMpu.decode(i, rbar[i], on ? attr[i] | Armv7mMpu.RASR_ENABLE : attr[i] & ~Armv7mMpu.RASR_ENABLE)
                    : Armv8mMpu.decode(i, rbar[i], on ? attr[i] | 1 : attr[i] & ~1L));
        }
        return out;
    }

    /** The MPU's checker for a pmap with {@code regions}; PRIVDEFENA is set, as the kernel sets it. */
    public MpuChecker checker(int regions) {
        return new MpuChecker(flavor, active(regions), true);
    }

    /**
     * A loader-style table for maps {@code [start, end)} by id: PMSAv7 covers each map with the fewest
     * naturally aligned power-of-two regions, PMSAv8 with one base/limit region; user read/write, executable
     * where the map is. At most {@code max} regions.
     *
     * @param maps {@code {start, end, exec ? 1 : 0}} per map id
     * @throws IllegalArgumentException when the maps need more regions or are not on the 32-byte granule
     */
    public static MpuTable cover(MpuFlavor flavor, List<long[]> maps, int max) {
        List<long[]> regs = new ArrayList<>();
        for (int id = 0; id < maps.size(); id++) {
            long s = maps.get(id)[0];
            long e = maps.get(id)[1];
            boolean xn = maps.get(id)[2] == 0;
            if ((s & 31) != 0 || (e & 31) != 0) {
                throw new IllegalArgumentException(String.format("map [0x%x, 0x%x) is not on the MPU's 32-byte granule", s, e));
            }
            if (flavor == MpuFlavor.ARMV8M) {
                regs.add(new long[] {Armv8mMpu.rbar(s, 1, xn), Armv8mMpu.rlar(e - 1, 0, false), id});
                continue;
            }
            for (long at = s; at < e;) {
                int log = Math.min(Long.numberOfTrailingZeros(at), 32);
                while ((1L << log) > e - at) {
                    log--;
                }
                regs.add(new long[] {Armv7mMpu.rbar(regs.size(), at), Armv7mMpu.rasr(log, 3, xn, 0, 0, false), id});
                at += 1L << log;
            }
        }
        if (regs.size() > max) {
            throw new IllegalArgumentException("the maps need " + regs.size() + " MPU regions, the MPU has " + max);
        }
        long[] rb = new long[regs.size()];
        long[] at = new long[regs.size()];
        int[] ids = new int[regs.size()];
        for (int i = 0; i < regs.size(); i++) {
            rb[i] = flavor == MpuFlavor.ARMV7M ? Armv7mMpu.rbar(i, regs.get(i)[0]) : regs.get(i)[0];
            at[i] = regs.get(i)[1];
            ids[i] = (int) regs.get(i)[2];
        }
        return new MpuTable(flavor, rb, at, ids);
    }
}
