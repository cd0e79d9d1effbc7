package org.vmscope.model.check;

import static org.vmscope.model.check.CheckFixture.PAGE;
import static org.vmscope.model.check.CheckFixture.RU;
import static org.vmscope.model.check.CheckFixture.RWU;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vmscope.model.map.MapEntry;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;

/**
 * Random mmap/munmap/mprotect/touch/kmalloc/kfree sequences through the model's own APIs never break an
 * invariant: after every step the checks report nothing but the documented dangling-slot warnings.
 */
class ChecksPropertyTest {
    private static final long BASE = 0x10000000L;
    private static final long[] KSIZES = {16, 24, 64, 100, 512, 2048, 4096, 5000, 16384};

    record Op(int kind, int page, int pages, boolean readOnly, int pick) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 127),
                Arbitraries.integers().between(1, 24), Arbitraries.of(true, false), Arbitraries.integers().between(0, 99))
                .as(Op::new).list().ofMaxSize(30);
    }

    @Property(tries = 40)
    void softPmapsStayConsistent(@ForAll("ops") List<Op> ops) throws Exception {
        run(CheckFixture.soft(), ops);
    }

    @Property(tries = 40)
    void hardwareTablesStayConsistent(@ForAll("ops") List<Op> ops) throws Exception {
        run(CheckFixture.hardware(), ops);
    }

    /**
     * Whether mprotect over the range would merge neighbours whose amap slices do not continue each other: the
     * snapshot's apply pass does not check that (§3.6, fixed after it by PR #817), and the checks rightly
     * report the result ({@link KernelQuirksTest}), so random sequences stay clear of it.
     */
    static boolean mergesForeignAmaps(VmMap m, long va, long size) {
        MapEntry prev = null;
        for (MapEntry e : m.entries()) {
            if (Long.compareUnsigned(e.end(), va) <= 0 || Long.compareUnsigned(e.vaddr(), va + size) >= 0) {
                continue;
            }
            if (prev != null && prev.protOrig() == e.protOrig() && prev.object() == e.object()
                    && prev.flags() == e.flags()
                    && (prev.amap() != e.amap() || prev.aoffs() + prev.size() != e.aoffs())) {
                return true;
            }
            prev = e;
        }
        return false;
    }

    private static void run(CheckFixture f, List<Op> ops) {
        List<Long> blocks = new ArrayList<>();
        CheckFixture.assertHealthy(Checks.run(f.state()));
        for (Op op : ops) {
            long va = BASE + op.page() * PAGE;
            long size = op.pages() * PAGE;
            int prot = op.readOnly() ? RU : RWU;
            switch (op.kind()) {
                case 0, 1 -> f.user.mmap(op.kind() == 0 ? 0 : va, null, size, prot, null, -1, 0);
                case 2 -> f.user.mmap(va, null, size, prot, null, -1, Mman.MAP_FIXED);
                case 3, 4 -> f.user.munmap(va, size);
                case 5 -> {
                    if (!mergesForeignAmaps(f.user, va, size)) {
                        f.user.mprotect(va, size, prot);
                    }
                }
                case 6, 7 -> f.user.force(va, op.readOnly() ? Mman.PROT_READ : Mman.PROT_WRITE);
                case 8, 9 -> {
                    long p = f.k.kmalloc().kmalloc(KSIZES[op.pick() % KSIZES.length]);
                    if (p != 0) {
                        blocks.add(p);
                    }
                }
                default -> {
                    if (!blocks.isEmpty()) {
                        f.k.kmalloc().kfree(blocks.remove(op.pick() % blocks.size()));
                    }
                }
            }
            List<Problem> ps = Checks.run(f.state());
            if (ps.stream().anyMatch(p -> p.code() != ProblemCode.AMAP_DANGLING_SLOT)) {
                throw new AssertionError("after " + op + ": " + ps);
            }
        }
    }
}
