package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.PhysReader;
import org.vmscope.model.pmap.Aarch64Format;
import org.vmscope.model.pmap.AddressSpaceWalk;
import org.vmscope.model.pmap.Armv7aShortFormat;
import org.vmscope.model.pmap.Ia32Format;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageTableFormat;
import org.vmscope.model.pmap.PageTableWalker;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.SrmmuFormat;
import org.vmscope.model.pmap.Translation;
import org.vmscope.model.pmap.WalkProblem;
import org.vmscope.model.pmap.X86_64Format;

/**
 * Fuzzes the page-table walker over every format the mirror walks, with RAM made of fuzzed bytes: the
 * input is tiled over a few pages, so tables point at themselves, at each other and outside RAM, and the
 * root itself may lie outside RAM. Walks must not throw, must report what they cannot follow as
 * {@link WalkProblem}s, must respect the entry cap and must read each table at most once.
 */
class PageTableWalkerFuzzTest {
    private static final List<PageTableFormat> FORMATS = List.of(Ia32Format.standard(), new Ia32Format(false),
            X86_64Format.standard(), new X86_64Format(false), Armv7aShortFormat.fullTable(),
            Armv7aShortFormat.ttbr0(2), Armv7aShortFormat.ttbr1(2), Aarch64Format.phoenixUser(),
            Aarch64Format.phoenixKernelTtbr1(), Aarch64Format.phoenixKernelSoftware(), RiscvFormat.sv39(),
            RiscvFormat.sv48(), RiscvFormat.sv57(), SrmmuFormat.contextRooted(), SrmmuFormat.l1Rooted());
    private static final long[] RAM_BASES = {0, 0x40000000L, 0x80000000L};
    private static final long MAX_ENTRIES = 1 << 15;
    private static final int PAGE = 4096;

    /** RAM whose bytes repeat the fuzz input; counts and checks every read. */
    private static final class TiledRam implements PhysReader {
        final long base;
        final long size;
        final byte[] pattern;
        final Set<List<Long>> seen = new HashSet<>();
        int reads;

        TiledRam(long base, long size, byte[] pattern) {
            this.base = base;
            this.size = size;
            this.pattern = pattern;
        }

        @Override
        public boolean isRam(long pa, long length) {
            return length >= 0 && Long.compareUnsigned(pa, base) >= 0 && Long.compareUnsigned(pa - base, size) < 0
                    && Long.compareUnsigned(length, size - (pa - base)) <= 0;
        }

        @Override
        public byte[] read(long pa, int length) throws MemoryAccessException {
            reads++;
            assertTrue(seen.add(List.of(pa, (long) length)), String.format("table 0x%x read twice", pa));
            if (!isRam(pa, length)) {
                throw new MemoryAccessException(pa, "outside RAM");
            }
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                out[i] = pattern.length == 0 ? 0 : pattern[(int) ((pa - base + i) % pattern.length)];
            }
            return out;
        }
    }

    @FuzzTest(maxDuration = "2m")
    void walksStayBoundedAndReportProblems(FuzzedDataProvider data) {
        PageTableFormat format = data.pickValue(FORMATS);
        long base = RAM_BASES[data.consumeInt(0, RAM_BASES.length - 1)];
        int pages = data.consumeInt(1, 16);
        // most roots inside RAM, some anywhere (outside RAM, unaligned, at its very end)
        long root = data.consumeBoolean() ? base + data.consumeInt(0, pages * PAGE) : data.consumeLong();
        long va = data.consumeLong();
        TiledRam ram = new TiledRam(base, (long) pages * PAGE, data.consumeRemainingAsBytes());
        PageTableWalker walker = new PageTableWalker(ram, MAX_ENTRIES);
        PagingRoot pr = new PagingRoot(format, root);

        AddressSpaceWalk w = walker.walk(pr);
        assertTrue(w.entriesVisited() <= MAX_ENTRIES + 1, "visited " + w.entriesVisited());
        assertTrue(w.problems().size() <= PageTableWalker.MAX_PROBLEMS + 1);
        if (!ram.isRam(root, format.geometry().tableBytes(0))) {
            assertTrue(w.ranges().isEmpty());
            assertEquals(WalkProblem.Kind.ROOT_OUTSIDE_RAM, w.problems().get(0).kind());
        }
        long prevEnd = Long.MIN_VALUE;
        boolean first = true;
        for (MappedRange r : w.ranges()) {
            assertTrue(r.size() > 0);
            assertTrue(first || Long.compareUnsigned(r.va(), prevEnd) > 0, "ranges overlap or are unsorted");
            prevEnd = r.va() + r.size() - 1;
            first = false;
        }

        Translation t = walker.translate(pr, va);
        assertTrue(t.steps().size() <= format.geometry().levels());
        if (t.mapped()) {
            // a mapped VA lies in one of the ranges the full walk found, unless the walk stopped early
            assertTrue(w.truncated() || w.ranges().stream().anyMatch(r -> Long.compareUnsigned(va - r.va(),
                    r.size()) < 0), String.format("0x%x translated but not in the walk", va));
        } else {
            assertTrue(!t.problems().isEmpty() || t.faultLevel() >= 0 || t.steps().isEmpty());
        }
        assertTrue(ram.reads <= w.entriesVisited() + format.geometry().levels() + 1, ram.reads + " reads");
    }
}
