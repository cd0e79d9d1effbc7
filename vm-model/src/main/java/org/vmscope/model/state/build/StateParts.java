package org.vmscope.model.state.build;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.vmscope.model.state.Amap;
import org.vmscope.model.state.KmallocClass;
import org.vmscope.model.state.MapEntry;
import org.vmscope.model.state.MemoryObject;
import org.vmscope.model.state.ObjectKind;
import org.vmscope.model.state.Problem;
import org.vmscope.model.state.Severity;
import org.vmscope.model.state.StateFactory;
import org.vmscope.model.state.Zone;

/**
 * The pieces of a {@link org.vmscope.model.state.State} built the same way whatever the kernel is (simulated or
 * decoded from a live target), so two pictures of the same kernel compare equal in a diff: problems, kmalloc
 * classes from their zones, object names.
 */
public final class StateParts {
    private StateParts() {
    }

    /** One zone as the State records it. @param header kernel VA of its kmalloc'd header, 0 for a static one */
    public record ZoneFacts(long vaddr, long paddr, long blockSize, int blocks, int used, long first, long header) {
    }

    /** One map entry as the State records it. */
    public static MapEntry mapEntry(StateFactory f, int slot, long vaddr, long size, int prot, int protOrig, int flags,
            long offs, long aoffs, MemoryObject object, Amap amap, int anonCount) {
        MapEntry se = f.createMapEntry();
        se.setSlot(slot);
        se.setVaddr(vaddr);
        se.setSize(size);
        se.setProt(prot);
        se.setProtOrig(protOrig);
        se.setFlags(flags);
        se.setOffset(offs);
        se.setAoffs(aoffs);
        se.setObject(object);
        se.setAmap(amap);
        se.setAnonCount(anonCount);
        return se;
    }

    public static Problem problem(StateFactory f, org.vmscope.model.check.Problem p) {
        Problem sp = f.createProblem();
        sp.setCode(p.code().name());
        sp.setSeverity(p.isError() ? Severity.ERROR : Severity.WARNING);
        sp.setSubject(p.subject());
        sp.setMessage(p.message());
        return sp;
    }

    /** kmalloc with one class per block size that has zones, zones by address. */
    public static org.vmscope.model.state.Kmalloc kmalloc(StateFactory f, long allocBytes, int hdrIdx, int hdrBlocks,
            List<ZoneFacts> zones) {
        org.vmscope.model.state.Kmalloc km = f.createKmalloc();
        km.setAllocBytes(allocBytes);
        km.setHdrIdx(hdrIdx);
        km.setHdrBlocks(hdrBlocks);
        Map<Integer, List<ZoneFacts>> byClass = new TreeMap<>();
        for (ZoneFacts z : zones) {
            int idx = 63 - Long.numberOfLeadingZeros(Math.max(1, z.blockSize()));
            byClass.computeIfAbsent(idx, k -> new ArrayList<>()).add(z);
        }
        for (Map.Entry<Integer, List<ZoneFacts>> e : byClass.entrySet()) {
            KmallocClass c = f.createKmallocClass();
            c.setIndex(e.getKey());
            c.setBlockSize(1L << e.getKey());
            long used = 0;
            long total = 0;
            List<ZoneFacts> zs = new ArrayList<>(e.getValue());
            zs.sort(Comparator.comparingLong(ZoneFacts::vaddr));
            for (ZoneFacts z : zs) {
                Zone sz = f.createZone();
                sz.setVaddr(z.vaddr());
                sz.setPaddr(z.paddr());
                sz.setBlockSize(z.blockSize());
                sz.setBlocks(z.blocks());
                sz.setUsed(z.used());
                sz.setFirst(z.first());
                sz.setHeader(z.header());
                c.getZones().add(sz);
                used += z.used();
                total += z.blocks();
            }
            c.setUsedBlocks(used);
            c.setTotalBlocks(total);
            km.getClasses().add(c);
        }
        return km;
    }

    /** An object's display name: {@code kernel}, {@code physmem}, {@code file 2.200}, {@code contiguous @0x...}. */
    public static String objectName(ObjectKind kind, long port, long id, long firstFrame) {
        return switch (kind) {
            case KERNEL -> "kernel";
            case PHYSMEM -> "physmem";
            case FILE -> "file " + port + "." + Long.toUnsignedString(id);
            case CONTIGUOUS -> firstFrame == -1 ? "contiguous" : String.format(Locale.ROOT, "contiguous @0x%x", firstFrame);
        };
    }

    /** Names made unique within one State by a {@code  #2}, {@code  #3}... suffix. */
    public static final class Names {
        private final Set<String> used = new HashSet<>();

        public String unique(String base) {
            String n = base;
            for (int i = 2; !used.add(n); i++) {
                n = base + " #" + i;
            }
            return n;
        }
    }
}
