package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Target descriptions: numbering, includes, duplicates, and hostile input. */
class TargetDescriptionParserTest {

    private static TargetDescription load(Map<String, String> docs) throws RspException {
        return TargetDescriptionParser.load(a -> {
            String d = docs.get(a);
            if (d == null) {
                throw new RspErrorReplyException("qXfer " + a, "E00", 0);
            }
            return d;
        });
    }

    @Test
    void unboundXiPrefixAsQemuSendsIt() throws Exception {
        // QEMU's target.xml relies on the DTD to bind xi; the DTD must not be fetched
        String root = "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\"><target>"
                + "<architecture>arm</architecture><xi:include href=\"core.xml\"/>"
                + "<xi:include href=\"sys.xml\"/></target>";
        String core = "<?xml version=\"1.0\"?><!DOCTYPE feature SYSTEM \"gdb-target.dtd\">"
                + "<feature name=\"org.gnu.gdb.arm.core\"><reg name=\"r0\" bitsize=\"32\"/>"
                + "<reg name=\"pc\" bitsize=\"32\" regnum=\"15\"/><reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\"/></feature>";
        String sys = "<feature name=\"org.qemu.gdb.arm.sys.regs\">"
                + "<reg name=\"TTBR0\" bitsize=\"64\" regnum=\"152\" group=\"cp_regs\"/>"
                + "<reg name=\"TTBR1\" bitsize=\"64\"/>"
                + "<reg name=\"TTBR0_EL1\" bitsize=\"32\" regnum=\"157\" group=\"cp_regs\"/>"
                + "<reg name=\"TTBR1_EL1\" bitsize=\"32\"/>"
                + "<reg name=\"TTBCR\" bitsize=\"32\" regnum=\"161\"/>"
                + "<reg name=\"PAR\" bitsize=\"32\" regnum=\"170\"/>"
                + "<reg name=\"PAR\" bitsize=\"64\" regnum=\"171\"/>"
                + "<reg name=\"SCTLR\" bitsize=\"32\" regnum=\"181\"/></feature>";
        TargetDescription d = load(Map.of("target.xml", root, "core.xml", core, "sys.xml", sys));
        String f = "org.qemu.gdb.arm.sys.regs";
        assertEquals(152, d.find(f, "TTBR0").orElseThrow().regnum());
        assertEquals(153, d.find(f, "TTBR1").orElseThrow().regnum());
        assertEquals(64, d.find(f, "TTBR1").orElseThrow().bitsize());
        assertEquals(158, d.find(f, "TTBR1_EL1").orElseThrow().regnum());
        assertEquals(161, d.find(f, "TTBCR").orElseThrow().regnum());
        assertEquals(181, d.find(f, "SCTLR").orElseThrow().regnum());
        assertEquals(171, d.find(f, "PAR", 64).orElseThrow().regnum());
        assertEquals(2, d.findAll("PAR").size());
        assertEquals("cp_regs", d.find(f, "TTBR0").orElseThrow().group());
        assertEquals(List.of("org.gnu.gdb.arm.core", f), d.features());
        // g layout: r0 (0), pc (15), cpsr (25) are packed without gaps
        assertEquals(8, d.gOffset(d.find("cpsr").orElseThrow()));
    }

    @Test
    void boundNamespaceWorksToo() throws Exception {
        String root = "<target xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"a.xml\"/></target>";
        String a = "<feature name=\"org.gnu.gdb.riscv.csr\"><reg name=\"satp\" bitsize=\"64\" regnum=\"450\"/></feature>";
        assertEquals(450, load(Map.of("target.xml", root, "a.xml", a)).find("satp").orElseThrow().regnum());
    }

    @Test
    void includeCyclesAndBadHrefsAreRejected() {
        String loop = "<target><xi:include href=\"target.xml\"/></target>";
        assertThrows(RspProtocolException.class, () -> load(Map.of("target.xml", loop)));
        String escape = "<target><xi:include href=\"../etc/passwd\"/></target>";
        assertThrows(RspProtocolException.class, () -> load(Map.of("target.xml", escape)));
    }

    @Test
    void missingIncludeSurfacesTheErrorReply() {
        String root = "<target><xi:include href=\"gone.xml\"/></target>";
        assertThrows(RspErrorReplyException.class, () -> load(Map.of("target.xml", root)));
    }

    @Test
    void malformedRegistersAreRejected() {
        assertThrows(RspProtocolException.class, () -> TargetDescriptionParser.parse(
                "<target><feature name=\"f\"><reg name=\"a\"/></feature></target>"));
        assertThrows(RspProtocolException.class, () -> TargetDescriptionParser.parse(
                "<target><feature name=\"f\"><reg name=\"a\" bitsize=\"-8\"/></feature></target>"));
        assertThrows(RspProtocolException.class, () -> TargetDescriptionParser.parse(
                "<target><feature name=\"f\"><reg bitsize=\"8\"/></feature></target>"));
        assertThrows(RspProtocolException.class, () -> TargetDescriptionParser.parse("<target><unclosed></target>"));
    }

    @Test
    void externalEntitiesAreNotResolved() throws Exception {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE target [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<target><architecture>&x;</architecture></target>";
        try {
            TargetDescription d = TargetDescriptionParser.parse(xml);
            assertTrue(d.architecture().orElse("").isEmpty(), "entity must not be expanded");
        } catch (RspProtocolException refused) {
            // refusing the document is just as good
        }
    }

    @Test
    void stopRepliesParse() throws Exception {
        StopReply t = StopReply.parse("T05thread:p01.01;core:0;20:0010000000000000;swbreak:;");
        assertTrue(t.halted());
        assertEquals(5, t.code());
        assertEquals("p01.01", t.thread().orElseThrow());
        assertEquals("0010000000000000", t.info().get("20"));
        assertEquals(0x0b, StopReply.parse("S0b").code());
        StopReply w = StopReply.parse("W00;process:1a");
        assertEquals(StopReply.Kind.EXITED, w.kind());
        assertEquals("1a", w.info().get("process"));
        assertEquals(StopReply.Kind.TERMINATED, StopReply.parse("X09").kind());
        assertEquals(StopReply.Kind.NO_RESUMED, StopReply.parse("N").kind());
        assertThrows(RspProtocolException.class, () -> StopReply.parse("OK"));
        assertThrows(RspProtocolException.class, () -> StopReply.parse("T"));
        assertThrows(RspProtocolException.class, () -> StopReply.parse("Tzz"));
        assertThrows(RspProtocolException.class, () -> StopReply.parse("S05junk"));
    }

    @Test
    void qSupportedRepliesParse() {
        RemoteFeatures f = RemoteFeatures.parse("PacketSize=1000;qXfer:features:read+;vContSupported+;multiprocess+;"
                + "QStartNoAckMode-;swbreak?");
        assertEquals(4096, f.packetSize());
        assertTrue(f.supports("qXfer:features:read"));
        assertTrue(!f.supports("QStartNoAckMode"));
        assertTrue(!f.supports("swbreak"));
        assertEquals(RemoteFeatures.DEFAULT_PACKET_SIZE, RemoteFeatures.parse("").packetSize());
        assertEquals(RemoteFeatures.DEFAULT_PACKET_SIZE, RemoteFeatures.parse("PacketSize=zz").packetSize());
        assertEquals(0x4000, RemoteFeatures.parse("PacketSize=4000;QStartNoAckMode+").packetSize());
    }

    /** The parser recurses per element: its own cap holds whatever XML limits the JDK sets. */
    @Test
    void deeplyNestedElementsAreAProtocolError() {
        String deep = "<target>" + "<a>".repeat(70) + "</a>".repeat(70) + "</target>";
        RspProtocolException e = assertThrows(RspProtocolException.class, () -> TargetDescriptionParser.parse(deep));
        assertTrue(e.getMessage().contains("nest deeper"), e.getMessage());
    }
}
