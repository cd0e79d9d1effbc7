package org.vmscope.model.check;

import java.util.List;

import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.WalkProblem;

/**
 * Page tables against entries (§6 step 4, §3.7): every present PTE lies in an entry of its map and maps the
 * frame that entry accounts for (its anon's page, the object's cached page, the PHYSMEM address; kernel-object
 * entries map caller-supplied frames and are not compared), anonymous and object memory never maps a free frame,
 * and no PTE allows a write the entry's {@code prot} forbids.
 */
final class PteChecks {
    private static final long OFFS_MAX = -1L;
    private static final int PROT_WRITE = 2;

    private PteChecks() {
    }

    /** The frame an entry accounts for at one VA: {@code pa}, or any ({@code any}), or none ({@code why}). */
    private record Expect(long pa, boolean any, String why) {
        static final Expect ANY = new Expect(0, true, null);

        static Expect frame(long pa) {
            return new Expect(pa, false, null);
        }

        static Expect none(String why) {
            return new Expect(0, false, why);
        }
    }

    static void run(KernelState k, MapState m, ProblemSink sink) {
        MapState.Translations t = m.translations;
        if (t == null) {
            return;
        }
        for (WalkProblem w : t.problems()) {
            sink.add(ProblemCode.PTE_WALK_PROBLEM, String.format("page tables of %s at va 0x%08x", m.name, w.va()),
                    "%s", w.toString());
        }
        List<EntryState> sorted = m.inOrder();
        long budget = 1L << 22;
        long page = k.pageSize;
        long orphanStart = 0;
        long orphanPages = 0;
        for (MappedRange r : t.ranges()) {
            long pages = Math.max(1, r.size() / page);
            for (long p = 0; p < pages; p++) {
                if (--budget < 0) {
                    sink.add(ProblemCode.CHECK_LIMIT_REACHED, "page tables of " + m.name, "too many PTEs to check");
                    return;
                }
                long va = r.va() + p * page;
                long pa = r.pa() + p * page;
                EntryState e = find(sorted, va);
                if (e == null) {
                    if (orphanPages > 0 && orphanStart + orphanPages * page == va) {
                        orphanPages++;
                    } else {
                        orphanReport(m, orphanStart, orphanPages, sink);
                        orphanStart = va;
                        orphanPages = 1;
                    }
                    continue;
                }
                page(k, m, e, va, pa, t.attrsKnown() ? r.attr() : -1, sink);
            }
        }
        orphanReport(m, orphanStart, orphanPages, sink);
    }

    private static void orphanReport(MapState m, long va, long pages, ProblemSink sink) {
        if (pages > 0) {
            sink.add(ProblemCode.PTE_WITHOUT_ENTRY, String.format("PTE va 0x%08x in %s", va, m.name),
                    "%d present PTE(s) from here lie in no entry", pages);
        }
    }

    private static void page(KernelState k, MapState m, EntryState e, long va, long pa, int attr, ProblemSink sink) {
        String subject = String.format("PTE va 0x%08x in %s", va, m.name);
        // Kernel-object entries may map free frames (ia32's linear low-memory window); PHYSMEM maps any RAM.
        ObjectState o = e.object == 0 || e.object == ObjectState.PHYSMEM ? null : k.objects.get(e.object);
        boolean mapsAnyFrame = e.object == ObjectState.PHYSMEM || (o != null && o.kind == ObjectState.Kind.KERNEL);
        if (k.pages != null && !mapsAnyFrame) {
            int i = k.pages.indexOf(pa);
            if (i >= 0 && k.pages.isFree(i)) {
                sink.add(ProblemCode.PTE_MAPS_FREE_FRAME, subject, "maps %s, which is free (entry %s)",
                        k.pages.subject(i), m.subject(e));
                return;
            }
        }
        Expect x = expect(k, e, va);
        if (!x.any()) {
            if (x.why() != null) {
                sink.add(ProblemCode.PTE_FRAME_MISMATCH, subject, "maps frame 0x%x but %s (%s)", pa, x.why(),
                        m.subject(e));
            } else if (x.pa() != pa) {
                sink.add(ProblemCode.PTE_FRAME_MISMATCH, subject, "maps frame 0x%x, %s accounts for 0x%x", pa,
                        m.subject(e), x.pa());
            }
        }
        if (attr != -1 && (attr & PageAttr.WRITE) != 0 && (e.prot & PROT_WRITE) == 0) {
            sink.add(ProblemCode.PTE_WRITE_NOT_ALLOWED, subject, "writable, but %s has prot 0x%x", m.subject(e),
                    e.prot);
        }
    }

    private static Expect expect(KernelState k, EntryState e, long va) {
        long delta = va - e.vaddr;
        ObjectState o = e.object == 0 || e.object == ObjectState.PHYSMEM ? null : k.objects.get(e.object);
        if (o != null && o.kind == ObjectState.Kind.KERNEL) {
            return Expect.ANY; // frames supplied by the caller of vm_mmap (zones, pdirs, message pages)
        }
        // An anon in the slot wins over the object: a private PHYSMEM or file page copied on write (amap_page).
        if (e.amap != 0) {
            AmapState a = k.amaps.get(e.amap);
            if (a == null) {
                return Expect.ANY;
            }
            long slot = Long.divideUnsigned(e.aoffs + delta, k.pageSize);
            long anon = Long.compareUnsigned(slot, a.slots.length) < 0 ? a.slots[(int) slot] : 0;
            if (anon != 0) {
                AnonState an = k.anons.get(anon);
                if (an == null) {
                    return Expect.ANY;
                }
                if (an.refs <= 0) {
                    return Expect.none(an.label + " in slot " + slot + " of " + a.label + " is freed");
                }
                return Expect.frame(an.page);
            }
        }
        if (e.object == ObjectState.PHYSMEM) {
            return Expect.frame(e.offs + delta);
        }
        if (o == null) {
            return Expect.none(e.amap == 0 ? "the anonymous entry has no amap" : "its amap slot holds no anon");
        }
        long offs = e.offs == OFFS_MAX ? OFFS_MAX : e.offs + delta;
        long cached = offs == OFFS_MAX ? -1 : o.pageAt(offs, k.pageSize);
        return cached == -1 ? Expect.none(o.label + " has no cached page there") : Expect.frame(cached);
    }

    /** The entry containing {@code va} in the address-sorted list, or null. */
    private static EntryState find(List<EntryState> sorted, long va) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            EntryState e = sorted.get(mid);
            if (Long.compareUnsigned(va, e.vaddr) < 0) {
                hi = mid - 1;
            } else if (e.contains(va)) {
                return e;
            } else {
                lo = mid + 1;
            }
        }
        return null;
    }
}
