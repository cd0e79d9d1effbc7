package org.vmscope.model.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Owner-attributed frame accounting (§7 "Leaks found only by watching counters"): every allocated frame has an
 * owner, no frame has two structural owners, and no owner holds a free frame. Owners: live anons (refs &gt; 0),
 * the page caches of file and contiguous objects, zones' blocks, and the claims in the state (page tables,
 * page directories, boot regions, program images, boot heap, boot baseline).
 */
final class FrameOwnershipChecks {
    private FrameOwnershipChecks() {
    }

    static List<FrameClaim> derivedClaims(KernelState k) {
        List<FrameClaim> out = new ArrayList<>();
        for (AnonState a : k.anons.values()) {
            if (a.refs > 0 && a.page != -1) {
                out.add(FrameClaim.structure(a.page, k.pageSize, a.label));
            }
        }
        for (ObjectState o : k.objects.values()) {
            if (o.refs <= 0 || o.kind == ObjectState.Kind.KERNEL) {
                continue;
            }
            for (int i = 0; i < o.pages.length; i++) {
                if (o.pages[i] != -1) {
                    out.add(FrameClaim.structure(o.pages[i], k.pageSize, o.label + " page " + i));
                }
            }
        }
        if (k.kmalloc != null) {
            for (ZoneState z : k.kmalloc.zones.values()) {
                out.add(FrameClaim.structure(z.blockPa, z.blockBytes(), z.label));
            }
        }
        return out;
    }

    static void run(KernelState k, ProblemSink sink) {
        PageArrayState s = k.pages;
        if (s == null) {
            return;
        }
        int n = s.count();
        String[] strong = new String[n];
        boolean[] weak = new boolean[n];
        List<FrameClaim> claims = new ArrayList<>(k.claims);
        claims.addAll(derivedClaims(k));
        long budget = 8L * n + 1024;
        for (FrameClaim c : claims) {
            int i = s.indexOf(c.pa());
            if (i < 0) {
                continue; // not RAM the allocator describes (device memory, a hole)
            }
            long pages = Math.max(1, Long.divideUnsigned(c.bytes() + s.pageSize() - 1, s.pageSize()));
            boolean freeReported = false;
            for (long p = 0; p < pages && i + p < n; p++) {
                if (--budget < 0) {
                    sink.add(ProblemCode.CHECK_LIMIT_REACHED, "frame ownership", "claims exceed the work limit");
                    return;
                }
                int j = (int) (i + p);
                if (c.source() == FrameClaim.Source.BOOT) {
                    weak[j] = true;
                    continue;
                }
                if (strong[j] != null) {
                    sink.add(ProblemCode.FRAME_OWNED_TWICE, s.subject(j), "owned by %s and by %s", strong[j], c.owner());
                } else {
                    strong[j] = c.owner();
                }
                if (s.isFree(j) && !freeReported) {
                    sink.add(ProblemCode.FRAME_OWNER_CLAIMS_FREE_PAGE, s.subject(j), "%s holds it but it is free",
                            c.owner());
                    freeReported = true;
                }
            }
        }
        int i = 0;
        while (i < n) {
            if (s.isFree(i) || strong[i] != null || weak[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && !s.isFree(j) && strong[j] == null && !weak[j]) {
                j++;
            }
            sink.add(ProblemCode.FRAME_UNOWNED, s.subject(i), "%d allocated frame(s) from here have no owner (flags 0x%02x)",
                    j - i, s.flags[i]);
            i = j;
        }
    }
}
