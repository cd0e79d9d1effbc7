package org.vmscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.page.PageAllocator;
import org.vmscope.model.page.PageRun;
import org.vmscope.model.state.data.PageRunTable;

class PageRunTableTest {

    @Test
    void textFormIsDocumentedAndRoundTrips() {
        PageRunTable t = new PageRunTable.Builder(12).add(0, 0x9f, 2).add(0x100000, 0x40, 2).add(0x140000, 3, 1)
                .build();
        assertEquals("p12 0:9f:2 100000:40:2 140000:3:1", t.toString());
        assertEquals(t, PageRunTable.valueOf(t.toString()));
        assertEquals(0x9f + 0x40 + 3, t.pageCount());
        assertEquals(0x9f + 0x40, t.pages('K'));
        assertEquals(3, t.pages('.'));
        assertEquals(1, t.indexOf(0x13f000));
        assertEquals(-1, t.indexOf(0x9f000));
        assertEquals(-1, t.flagsAt(0x143000));
        assertEquals("p9", new PageRunTable.Builder(9).build().toString());
        assertEquals(0, PageRunTable.valueOf("p9").size());
    }

    @Test
    void adjacentRunsWithEqualFlagsMerge() {
        PageRunTable t = new PageRunTable.Builder(12).add(0x1000, 1, 4).add(0x2000, 2, 4).add(0x4000, 1, 5).build();
        assertEquals(2, t.size());
        assertEquals(3, t.count(0));
    }

    @Test
    void malformedTextIsRefusedWithAReason() {
        for (String bad : List.of("", "x12", "p", "pz 0:1:1", "p12 0:1", "p12 0:0:1", "p12 1:1:1", "p12 0:1:1:1",
                "p12 2000:1:1 1000:1:1", "p12 0:2:1 1000:1:2", "p12 0:1:10000", "p12 g:1:1", "p12 0:1:1  ",
                "p12 0:ffffffffffffff:1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PageRunTable.valueOf(bad),
                    bad);
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
    }

    @Test
    void byMarkerRunsAreWhatTheAllocatorReports() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.AARCH64, 32 << 20));
        PageAllocator pa = k.pages();
        PageRunTable t = PageRunTable.of(pa.pageShift(), pa.runsByFlags());
        assertEquals(pa.runs(), t.runsByMarker());
        assertEquals(pa.runsByFlags(), t.runs());
        List<PageRun> r = t.runs();
        assertEquals(pa.pageCount(), r.stream().mapToLong(PageRun::count).sum());
    }
}
