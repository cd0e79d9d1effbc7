package org.vmscope.bridge.kernel;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.vmscope.bridge.dwarf.FieldLayout;
import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.model.check.KmallocState;
import org.vmscope.model.check.ZoneState;

/**
 * {@code kmalloc_common} (§2.7) and its zones (§2.6): the class lists, the used list, the embedded first zone and
 * the zone tree, every zone decoded once and keyed by its kernel address. Lists are followed at most
 * {@link #MAX_ZONES} steps; a link that cannot be read stays a handle no zone has, which the checks report.
 */
final class LiveKmalloc {
    static final int MAX_ZONES = 1 << 16;

    private LiveKmalloc() {
    }

    static KmallocState read(KernelDecoder d, LivePageArray pages) throws KernelException {
        KernelGlobal g = d.image.global("kmalloc_common", "vm/kmalloc.c");
        KStruct s = d.struct(g.type(), g.address(), "kmalloc_common", "kmalloc_common (vm/kmalloc.c)");
        TypeLayout zoneT = d.image.type("vm_zone_t");
        int pb = d.image.pointerBytes();
        FieldLayout sizesField = g.field("sizes");
        int classes = (int) (sizesField.size() / pb);
        if (classes != KmallocState.CLASSES) {
            throw new KernelException("kmalloc_common.sizes has " + classes + " classes, not " + KmallocState.CLASSES);
        }
        byte[] heads;
        try {
            heads = d.mem.read(g.address() + sizesField.offset(), (long) classes * pb);
        } catch (KernelReadException e) {
            throw new KernelException("kmalloc_common.sizes: " + e.getMessage(), e);
        }
        long[] sizes = new long[classes];
        for (int i = 0; i < classes; i++) {
            sizes[i] = d.mem.decode(heads, i * pb, pb);
        }
        long used = s.u("used");
        long firstzone = g.addressOf("firstzone");
        Map<Long, ZoneState> zones = new LinkedHashMap<>();
        int[] budget = {MAX_ZONES};
        for (long h : sizes) {
            list(d, pages, zoneT, h, zones, budget);
        }
        list(d, pages, zoneT, used, zones, budget);
        list(d, pages, zoneT, firstzone, zones, budget);
        long linkage = KernelDecoder.offset(zoneT, "linkage");
        Set<Long> tree = new LinkedHashSet<>();
        for (long node : d.inorder(s.u("tree.root"), "kmalloc zone tree kmalloc_common.tree", MAX_ZONES)) {
            long z = node - linkage;
            tree.add(z);
            zone(d, pages, zoneT, z, zones);
        }
        int hdridx = 64 - Long.numberOfLeadingZeros(zoneT.size() - 1);
        return new KmallocState(sizes, used, firstzone, zones, tree, s.u("allocsz"), (int) s.u("hdrblocks"), hdridx,
                pb, d.image.order());
    }

    private static void list(KernelDecoder d, LivePageArray pages, TypeLayout zoneT, long head, Map<Long, ZoneState> zones,
            int[] budget) throws KernelException {
        long z = head;
        while (z != 0 && !zones.containsKey(z) && budget[0]-- > 0) {
            ZoneState st = zone(d, pages, zoneT, z, zones);
            z = st == null ? 0 : st.next() == head ? 0 : st.next();
        }
    }

    /** Decodes one zone (null, with a problem, when unreadable: the handle then names no zone). */
    private static ZoneState zone(KernelDecoder d, LivePageArray pages, TypeLayout zoneT, long address,
            Map<Long, ZoneState> zones) throws KernelException {
        ZoneState known = zones.get(address);
        if (known != null) {
            return known;
        }
        KStruct z = d.structOrProblem(zoneT, address, "vm_zone_t");
        if (z == null) {
            return null;
        }
        long blocksz = z.u("blocksz");
        long vaddr = z.u("vaddr");
        long page = z.u("pages");
        long pa = pages == null ? -1 : pages.frame(page);
        int cls = 63 - Long.numberOfLeadingZeros(Math.max(1, blocksz));
        String label = String.format("zone 0x%x (kmalloc class %d, vm_zone_t @0x%x)", vaddr, cls, address);
        if (page != 0 && pa == -1) {
            d.problem(label + ": pages 0x" + Long.toHexString(page) + " is not a page_t of pages_info.pages");
        }
        ZoneState st = new ZoneState(address, label, vaddr, blocksz, (int) z.u("blocks"), (int) z.u("used"), z.u("first"),
                pa == -1 ? 0 : pa, pages == null ? -1 : pages.order(page), z.u("next"), z.u("prev"));
        zones.put(address, st);
        return st;
    }
}
