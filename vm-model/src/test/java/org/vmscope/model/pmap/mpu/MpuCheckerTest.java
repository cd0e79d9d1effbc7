package org.vmscope.model.pmap.mpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmscope.model.pmap.PageAttr;

class MpuCheckerTest {
    private static final int R = PageAttr.READ;
    private static final int W = PageAttr.WRITE;
    private static final int X = PageAttr.EXEC;

    @Test
    void armv7mRegisterDecoding() {
        // 64 KiB at 0x20000000, full access, XN, cached; SIZE field = 15.
        long rbar = Armv7mMpu.rbar(2, 0x20000000L);
        long rasr = Armv7mMpu.rasr(16, 3, true, 0, 0b000110, true);
        assertEquals(0x20000012L, rbar);
        assertEquals(0x1306001FL, rasr);
        MpuRegion r = Armv7mMpu.decode(2, rbar, rasr);
        assertEquals(0x2000FFFFL, r.limit());
        assertEquals(R | W, r.privRights());
        assertEquals(R | W, r.userRights());
        assertTrue(r.enabled());
        // AP=101: privileged read-only, no user access; executable.
        MpuRegion ro = Armv7mMpu.decode(0, 0x08000000L, Armv7mMpu.rasr(20, 5, false, 0, 0, true));
        assertEquals(R | X, ro.privRights());
        assertEquals(0, ro.userRights());
    }

    @Test
    void armv7mRulesAndSubregions() {
        MpuRegion misaligned = Armv7mMpu.decode(0, 0x20004000L, Armv7mMpu.rasr(16, 3, false, 0, 0, true));
        MpuRegion smallSrd = Armv7mMpu.decode(1, 0x20000000L, Armv7mMpu.rasr(7, 3, false, 0x01, 0, true));
        MpuChecker bad = new MpuChecker(MpuFlavor.ARMV7M, List.of(misaligned, smallSrd), true);
        List<MpuChecker.Problem> problems = bad.validate();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(0, problems.get(0).region());
        assertEquals(1, problems.get(1).region());

        // 1 KiB region, subregion 2 (0x100..0x17F) disabled.
        MpuRegion srd = Armv7mMpu.decode(0, 0x20000000L, Armv7mMpu.rasr(10, 3, false, 0x04, 0, true));
        MpuChecker c = new MpuChecker(MpuFlavor.ARMV7M, List.of(srd), false);
        assertTrue(c.validate().isEmpty());
        assertTrue(c.access(0x200000FFL, W, false).allowed());
        assertFalse(c.access(0x20000100L, R, false).allowed());
        assertTrue(c.access(0x20000180L, R, false).allowed());
    }

    @Test
    void armv7mHighestRegionWinsAndBackground() {
        MpuRegion ram = Armv7mMpu.decode(0, 0x20000000L, Armv7mMpu.rasr(17, 3, true, 0, 0, true));
        MpuRegion guard = Armv7mMpu.decode(5, 0x20001000L, Armv7mMpu.rasr(5, 0, true, 0, 0, true));
        MpuChecker c = new MpuChecker(MpuFlavor.ARMV7M, List.of(guard, ram), true);
        assertTrue(c.validate().isEmpty(), "PMSAv7 allows overlap");
        MpuChecker.Decision d = c.access(0x20001010L, R, false);
        assertFalse(d.allowed());
        assertEquals(5, d.region());
        assertTrue(c.access(0x20001020L, W, false).allowed(), "past the 32-byte guard");
        assertFalse(c.access(0x20001020L, X, false).allowed(), "XN");
        assertTrue(c.access(0x40000000L, W, true).allowed(), "privileged background map");
        assertFalse(c.access(0x40000000L, R, false).allowed());
        MpuRegion off = Armv7mMpu.decode(6, 0x40000000L, Armv7mMpu.rasr(12, 3, false, 0, 0, false));
        assertFalse(new MpuChecker(MpuFlavor.ARMV7M, List.of(off), false).access(0x40000000L, R, false).allowed(),
                "disabled regions do not match");
    }

    @Test
    void armv8mBaseLimitGranuleAndOverlap() {
        MpuRegion code = Armv8mMpu.decode(0, Armv8mMpu.rbar(0x10000000L, 3, false), Armv8mMpu.rlar(0x1003FFFFL, 0, true));
        assertEquals(0x1003FFFFL, code.limit());
        assertEquals(R | X, code.privRights());
        assertEquals(R | X, code.userRights());
        MpuRegion data = Armv8mMpu.decode(1, Armv8mMpu.rbar(0x20000000L, 0, true), Armv8mMpu.rlar(0x2000001FL, 1, true));
        assertEquals(32, data.size(), "one 32-byte granule");
        assertEquals(R | W, data.privRights());
        assertEquals(0, data.userRights());
        MpuChecker c = new MpuChecker(MpuFlavor.ARMV8M, List.of(code, data), false);
        assertTrue(c.validate().isEmpty());
        assertTrue(c.access(0x10000100L, X, false).allowed());
        assertFalse(c.access(0x10000100L, W, false).allowed());
        assertFalse(c.access(0x20000000L, R, false).allowed());
        assertTrue(c.access(0x20000000L, W, true).allowed());
        assertFalse(c.access(0x20000020L, R, true).allowed(), "no background without PRIVDEFENA");

        MpuRegion overlap = Armv8mMpu.decode(2, Armv8mMpu.rbar(0x10030000L, 1, false), Armv8mMpu.rlar(0x1004FFFFL, 0, true));
        MpuChecker o = new MpuChecker(MpuFlavor.ARMV8M, List.of(code, overlap), false);
        assertEquals(1, o.validate().size());
        assertFalse(o.access(0x10030000L, R, true).allowed(), "multiple hits fault on PMSAv8");
        MpuRegion inverted = Armv8mMpu.decode(3, Armv8mMpu.rbar(0x30000000L, 1, false), Armv8mMpu.rlar(0x2FFFFFE0L, 0, true));
        assertEquals(1, new MpuChecker(MpuFlavor.ARMV8M, List.of(inverted), false).validate().size());
    }
}
