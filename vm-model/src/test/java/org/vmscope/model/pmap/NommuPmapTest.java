package org.vmscope.model.pmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NommuPmapTest {
    @Test
    void identityAndRegionMask() {
        NommuPmap p = new NommuPmap(0b1);
        assertEquals(0, p.enter(0x1000, 0x2000, PageAttr.PRESENT, -1));
        assertEquals(0x20001234L, p.resolve(0x20001234L), "VA = PA");
        assertTrue(p.destroy().isEmpty());
        p.addRegions(0b100);
        assertEquals(0b101, p.regions());
    }

    @Test
    void geometryIsData() {
        PagingGeometry srmmu = SrmmuFormat.contextRooted().geometry();
        assertEquals(32, srmmu.vaBits());
        assertEquals(1, srmmu.entries(0), "the context slot");
        assertEquals(1024, srmmu.tableBytes(1));
        assertEquals(256, srmmu.tableBytes(2));
        assertEquals(18, srmmu.shift(2));
        PagingGeometry a7 = Armv7aShortFormat.ttbr0(1).geometry();
        assertEquals(8192, a7.tableBytes(0));
        assertEquals(1024, a7.tableBytes(1));
        assertEquals(0x7FFFFFFFL, a7.lastVa());
        assertEquals(0x80000000L, Armv7aShortFormat.ttbr1(1).geometry().firstVa());
    }
}
