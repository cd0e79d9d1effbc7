package org.vmscope.bridge.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

import org.vmscope.bridge.dwarf.FieldLayout;
import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.model.check.AmapState;
import org.vmscope.model.check.AnonState;
import org.vmscope.model.check.ObjectState;

/**
 * The amaps, anons (§2.5) and memory objects (§2.4) the maps reach, plus every object of {@code object_common.tree},
 * each decoded once and keyed by its kernel address. Flexible arrays ({@code anons[]}, {@code pages[]}) are read
 * with their length capped; unreadable or out-of-array pointers become problems naming the object.
 */
public final class LiveObjects {
    static final long MAX_SLOTS = 1L << 20;

    /** What the State needs beyond the checks' view of an object. */
    public record ObjectFacts(long address, ObjectState.Kind kind, long port, long id, long size) {
    }

    private final KernelDecoder d;
    private final LivePageArray pages;
    final Map<Long, AmapState> amaps = new LinkedHashMap<>();
    final Map<Long, AnonState> anons = new LinkedHashMap<>();
    final Map<Long, ObjectState> objects = new LinkedHashMap<>();
    final Map<Long, ObjectFacts> facts = new LinkedHashMap<>();
    private long kernelObject;

    LiveObjects(KernelDecoder d, LivePageArray pages) {
        this.d = d;
        this.pages = pages;
    }

    /** Every object of {@code object_common.tree} (contiguous objects are not in it; entries reach them). */
    void readTree() throws KernelException {
        KernelGlobal g = d.image.global("object_common", "vm/object.c");
        KStruct s = d.struct(g.type(), g.address(), "object_common", "object_common (vm/object.c)");
        kernelObject = s.u("kernel");
        long linkage = KernelDecoder.offset(d.image.type("vm_object_t"), "linkage");
        for (long node : d.inorder(s.u("tree.root"), "object tree object_common.tree", KernelDecoder.MAX_TREE_NODES)) {
            object(node - linkage);
        }
    }

    /** Decodes the object at {@code address} once; 0 and PHYSMEM are not objects. */
    void object(long address) throws KernelException {
        if (address == 0 || address == -1L || objects.containsKey(address)) {
            return;
        }
        TypeLayout t = d.image.type("vm_object_t");
        KStruct o = d.structOrProblem(t, address, "vm_object_t");
        if (o == null) {
            objects.put(address, new ObjectState(address, ObjectState.Kind.FILE, label(address, "?"), 0, new long[0]));
            return;
        }
        FieldLayout idField = o.field("oid.id");
        long port = o.u("oid.port");
        long id = o.u("oid.id");
        long portOnes = (1L << (8 * o.field("oid.port").size())) - 1;
        long idOnes = idField.size() >= 8 ? -1L : (1L << (8 * idField.size())) - 1;
        ObjectState.Kind kind = address == kernelObject ? ObjectState.Kind.KERNEL
                : port == portOnes && id == idOnes ? ObjectState.Kind.CONTIGUOUS : ObjectState.Kind.FILE;
        long size = o.u("size");
        String oid = port + "." + Long.toUnsignedString(id);
        String label = label(address, oid);
        long count = kind == ObjectState.Kind.KERNEL ? 0 : Long.divideUnsigned(size + d.image.pageSize() - 1, d.image.pageSize());
        if (Long.compareUnsigned(count, MAX_SLOTS) > 0) {
            d.problem(label + ": size 0x" + Long.toHexString(size) + " means " + Long.toUnsignedString(count)
                    + " page slots; page cache not read");
            count = 0;
        }
        long[] frames = pageSlots(address + o.field("pages").offset(), (int) count, label, "pages");
        objects.put(address, new ObjectState(address, kind, label, (int) o.s("refs"), frames));
        facts.put(address, new ObjectFacts(address, kind, port, kind == ObjectState.Kind.CONTIGUOUS ? -1L : id, size));
    }

    private static String label(long address, String oid) {
        return String.format("object %s @0x%x", oid, address);
    }

    /** Frames of {@code n} {@code page_t *} slots at {@code at} (-1 for NULL or unreadable). */
    private long[] pageSlots(long at, int n, String owner, String array) {
        long[] frames = new long[n];
        java.util.Arrays.fill(frames, -1);
        int pb = d.image.pointerBytes();
        byte[] data;
        try {
            data = d.mem.read(at, (long) n * pb);
        } catch (KernelReadException e) {
            d.problem(owner + ": " + array + "[] cannot be read: " + e.getMessage());
            return frames;
        }
        for (int i = 0; i < n; i++) {
            long p = d.mem.decode(data, i * pb, pb);
            if (p == 0) {
                continue;
            }
            frames[i] = pages == null ? -1 : pages.frame(p);
            if (frames[i] == -1) {
                d.problem(owner + ": " + array + "[" + i + "] = 0x" + Long.toHexString(p) + " is not a page_t of pages_info.pages");
            }
        }
        return frames;
    }

    /** Decodes the amap at {@code address} and its anons once. */
    void amap(long address) throws KernelException {
        if (address == 0 || amaps.containsKey(address)) {
            return;
        }
        TypeLayout t = d.image.type("amap_t");
        String label = String.format("amap 0x%x", address);
        KStruct a = d.structOrProblem(t, address, "amap_t");
        if (a == null) {
            amaps.put(address, new AmapState(address, label, 0, new long[0]));
            return;
        }
        long n = a.u("size");
        if (Long.compareUnsigned(n, MAX_SLOTS) > 0) {
            d.problem(label + ": size " + Long.toUnsignedString(n) + " slots is implausible; slots not read");
            n = 0;
        }
        long[] slots = new long[(int) n];
        int pb = d.image.pointerBytes();
        try {
            byte[] data = d.mem.read(address + a.field("anons").offset(), n * pb);
            for (int i = 0; i < n; i++) {
                slots[i] = d.mem.decode(data, i * pb, pb);
            }
        } catch (KernelReadException e) {
            d.problem(label + ": anons[] cannot be read: " + e.getMessage());
        }
        amaps.put(address, new AmapState(address, label, (int) a.s("refs"), slots));
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != 0) {
                anon(slots[i], label + " slot " + i);
            }
        }
    }

    private void anon(long address, String from) throws KernelException {
        if (anons.containsKey(address)) {
            return;
        }
        KStruct a = d.structOrProblem(d.image.type("anon_t"), address, "anon_t (" + from + ")");
        if (a == null) {
            anons.put(address, new AnonState(address, String.format("anon 0x%x", address), 0, -1));
            return;
        }
        long page = a.u("page");
        long frame = page == 0 || pages == null ? -1 : pages.frame(page);
        String label = String.format("anon 0x%x (frame 0x%x)", address, frame);
        if (page != 0 && frame == -1) {
            d.problem(label + ": page 0x" + Long.toHexString(page) + " is not a page_t of pages_info.pages");
        }
        anons.put(address, new AnonState(address, label, (int) a.s("refs"), frame));
    }
}
