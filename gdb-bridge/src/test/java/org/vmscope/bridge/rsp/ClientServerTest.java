package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our client against our server over loopback, with in-memory targets. */
@Timeout(60)
class ClientServerTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RspServer serve(InMemoryTarget t, RspServerOptions o) throws Exception {
        RspServer s = new RspServer(t, o);
        toClose.add(s);
        s.start();
        return s;
    }

    private RspClient connect(RspServer s, RspClientOptions o) throws Exception {
        RspClient c = RspClient.connect("127.0.0.1", s.port(), o);
        toClose.add(c);
        return c;
    }

    private RspClient riscv() throws Exception {
        return connect(serve(InMemoryTarget.riscv64(), RspServerOptions.defaults()), RspClientOptions.defaults());
    }

    private static byte[] expected(long pa, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = InMemoryTarget.byteAt(pa + i);
        }
        return b;
    }

    @Test
    void handshakeNegotiatesNoAckAndPacketSize() throws Exception {
        RspClient c = riscv();
        assertTrue(c.noAckMode());
        assertEquals(0x1000, c.packetSize());
        assertTrue(c.features().supports("qXfer:features:read"));
        assertTrue(c.lastStop().halted());
        assertEquals(5, c.lastStop().code());
        assertEquals("01", c.lastStop().thread().orElseThrow());
    }

    @Test
    void ackModeIsKeptWhenNoAckIsNotOffered() throws Exception {
        RspClient c = connect(serve(InMemoryTarget.riscv64(), RspServerOptions.defaults().withNoAck(false)),
                RspClientOptions.defaults());
        assertFalse(c.noAckMode());
        assertArrayEquals(expected(0x80001000L, 5000), c.readMemory(0x80001000L, 5000));
    }

    @Test
    void targetDescriptionWithIncludesFindsSatp() throws Exception {
        TargetDescription d = riscv().requireTargetDescription();
        assertEquals("riscv:rv64", d.architecture().orElseThrow());
        assertEquals(List.of("target.xml", "rv64-cpu.xml", "rv64-csr.xml"), List.copyOf(d.documents().keySet()));
        RegisterInfo satp = d.find("org.gnu.gdb.riscv.csr", "satp").orElseThrow();
        assertEquals(450, satp.regnum());
        assertEquals(64, satp.bitsize());
        assertEquals("csr", satp.group());
        // pc has no regnum attribute: it follows t6 (31)
        assertEquals(32, d.find("org.gnu.gdb.riscv.cpu", "pc").orElseThrow().regnum());
        assertEquals(35, d.registers().size());
        assertEquals(32 * 8, d.gOffset(d.find("pc").orElseThrow()));
    }

    @Test
    void readsRegistersWithPAndG() throws Exception {
        RspClient c = riscv();
        assertEquals(InMemoryTarget.RV_SATP, c.readRegister("satp").toLong());
        assertEquals(0x80000000L, c.readRegister("pc").toLong());
        Map<RegisterInfo, RegisterValue> g = c.readGeneralRegisters();
        assertEquals(33, g.size());  // csr registers are not in g
        RegisterInfo a0 = c.requireTargetDescription().find("a0").orElseThrow();
        assertEquals(0x1000L * 10 + 10, g.get(a0).toLong());
    }

    @Test
    void x86RegistersIncludingUnavailableAndWide() throws Exception {
        RspClient c = connect(serve(InMemoryTarget.x86_64(), RspServerOptions.defaults()), RspClientOptions.defaults());
        TargetDescription d = c.requireTargetDescription();
        RegisterInfo cr3 = d.find("org.gnu.gdb.i386.core", "cr3").orElseThrow();
        assertEquals(6, cr3.regnum());
        assertEquals(InMemoryTarget.X86_CR3, c.readRegister(cr3).toLong());
        assertEquals(0x80010011L, c.readRegister("cr0").toLong());
        assertEquals(0xa0, c.readRegister("cr4").toLong());
        assertFalse(c.readRegister("efer").available());
        assertThrows(RspException.class, () -> c.readRegister("efer").toLong());
        assertEquals(new BigInteger("100f0e0d0c0b0a090807060504030201", 16),
                c.readRegister("xmm0").toBigInteger().orElseThrow());
        Map<RegisterInfo, RegisterValue> g = c.readGeneralRegisters();
        assertEquals(5, g.size());
        assertEquals(0x246, g.get(d.find("eflags").orElseThrow()).toLong());
        assertEquals(0xffffffff801001a2L, g.get(d.find("rip").orElseThrow()).toLong());
        assertThrows(RspErrorReplyException.class, () -> c.readRegister(new RegisterInfo("bogus", 64, 99, "", "", "")));
    }

    @Test
    void pipelinedSequentialAndBinaryReadsAgree() throws Exception {
        InMemoryTarget t = InMemoryTarget.x86_64();
        long va = InMemoryTarget.X86_DIRECT_MAP + InMemoryTarget.X86_RAM + 100;
        int len = 200_000;
        byte[] want = expected(InMemoryTarget.X86_RAM + 100, len);
        RspClient m = connect(serve(t, RspServerOptions.defaults()), RspClientOptions.defaults());
        long before = m.stats().roundTrips();
        assertArrayEquals(want, m.readMemory(va, len));
        // 200000 bytes in 2048-byte packets: 98 requests
        assertEquals(98, m.stats().roundTrips() - before);
        assertArrayEquals(want, m.readMemory(va, len, 1));
        m.close();
        RspClient x = connect(serve(t, RspServerOptions.defaults().withBinaryUpload(true)),
                RspClientOptions.defaults());
        assertTrue(x.features().supports("binary-upload"));
        long bytesBefore = x.stats().bytesReceived();
        assertArrayEquals(want, x.readMemory(va, len));
        // binary replies are much smaller than hex (2 bytes per byte) even with escapes
        assertTrue(x.stats().bytesReceived() - bytesBefore < 1.2 * len);
    }

    @Test
    void readCrossingIntoAnUnmappedPageKeepsThePartialData() throws Exception {
        RspClient c = riscv();
        long va = InMemoryTarget.RV_MARKER_VA + 0x1f00;
        RspErrorReplyException e = assertThrows(RspErrorReplyException.class, () -> c.readMemory(va, 0x2000));
        assertEquals(0x14, e.code());
        assertArrayEquals(expected(InMemoryTarget.RV_MARKER_PA + 0x1f00, 0x100), e.partialData());
        // the connection survives an error reply
        assertEquals(0xCAFE0000, readLe32(c.readMemory(InMemoryTarget.RV_MARKER_VA, 4)));
    }

    @Test
    void physicalModeReadsPhysicalAndIsRestored() throws Exception {
        InMemoryTarget t = InMemoryTarget.riscv64();
        RspClient c = connect(serve(t, RspServerOptions.defaults()), RspClientOptions.defaults());
        assertTrue(c.supportsPhysicalMemoryMode());
        byte[] phys = c.readPhysicalMemory(InMemoryTarget.RV_MARKER_PA, 16);
        assertEquals(0xCAFE0003, readLe32(java.util.Arrays.copyOfRange(phys, 12, 16)));
        assertEquals("0", c.request("qqemu.PhyMemMode"));
        // a failing action still restores the mode
        assertThrows(RspErrorReplyException.class,
                () -> c.withPhysicalMemoryMode(x -> x.readMemory(InMemoryTarget.RV_MARKER_VA, 4)));
        assertEquals("0", c.request("qqemu.PhyMemMode"));
        assertArrayEquals(c.readMemory(InMemoryTarget.RV_MARKER_VA, 64), c.readPhysicalMemory(InMemoryTarget.RV_MARKER_PA, 64));
    }

    @Test
    void monitorOutputArrivesInManyPackets() throws Exception {
        RspServerOptions small = RspServerOptions.defaults().withPacketSize(256);
        RspClient c = connect(serve(InMemoryTarget.riscv64(), small), RspClientOptions.defaults());
        String out = c.monitor("info registers");
        assertTrue(out.contains("r450=0900080000000080"), out);
        assertTrue(out.length() > 256, "output spans several O packets");
        assertEquals("unknown command: 'x y'\n", c.monitor("x y"));
        RspErrorReplyException e = assertThrows(RspErrorReplyException.class, () -> c.monitor("fail now"));
        assertEquals(0x22, e.code());
    }

    @Test
    void runControl() throws Exception {
        InMemoryTarget t = InMemoryTarget.riscv64();
        RspClient c = connect(serve(t, RspServerOptions.defaults()), RspClientOptions.defaults());
        assertEquals(5, c.step().code());
        assertEquals(1, t.steps.get());
        c.resume();
        assertEquals(5, c.waitForStop(5000).code());
        t.runsUntilHalted = true;
        c.resume();
        assertTrue(c.isRunning());
        assertThrows(RspException.class, () -> c.readMemory(InMemoryTarget.RV_RAM, 4));
        StopReply s = c.interrupt(5000);
        assertEquals(2, s.code());
        assertEquals(1, t.halts.get());
        c.resume();
        t.pendingStop = 11;  // the target stops on its own
        assertEquals(11, c.waitForStop(5000).code());
        assertEquals(3, t.resumes.get());
    }

    @Test
    void writesAreRefusedAndUnknownPacketsGetEmptyReplies() throws Exception {
        RspClient c = riscv();
        assertEquals("E01", c.request("M80000000,1:00"));
        assertEquals("", c.request("vCont?"));
        assertEquals("", c.request("qNoSuchThing"));
        assertEquals("1", c.request("qAttached"));
        assertEquals("QC01", c.request("qC"));
        assertEquals("m01", c.request("qfThreadInfo"));
        assertEquals("l", c.request("qsThreadInfo"));
        assertEquals("OK", c.request("Hg0"));
        assertEquals("E22", c.request("m80000000,801"));  // longer than half the packet size
        assertEquals("E22", c.request("mzz,1"));
        assertEquals("OK", c.request("P1=1122334455667788"));
        assertEquals(0x8877665544332211L, c.readRegister("ra").toLong());
    }

    @Test
    void secondClientIsTurnedAway() throws Exception {
        RspServer s = serve(InMemoryTarget.riscv64(), RspServerOptions.defaults());
        RspClient first = connect(s, RspClientOptions.defaults());
        try (Socket second = new Socket("127.0.0.1", s.port())) {
            second.setSoTimeout(5000);
            InputStream in = second.getInputStream();
            assertEquals(-1, in.read());  // closed at once
        }
        assertEquals(4, first.readMemory(InMemoryTarget.RV_RAM, 4).length);
    }

    @Test
    void detachEndsTheSessionAndTheServerTakesTheNextClient() throws Exception {
        RspServer s = serve(InMemoryTarget.riscv64(), RspServerOptions.defaults());
        RspClient first = RspClient.connect("127.0.0.1", s.port());
        first.detach();
        assertFalse(first.isOpen());
        RspClient second = null;
        for (int i = 0; i < 50 && second == null; i++) {
            try {
                second = RspClient.connect("127.0.0.1", s.port());
            } catch (RspDisconnectedException e) {
                Thread.sleep(100);  // the first session may not have ended yet
            }
        }
        toClose.add(second);
        assertEquals(2, s.sessionsServed());
        assertTrue(s.lastSessionError().isEmpty());
    }

    @Test
    void serverShutdownGivesDisconnected() throws Exception {
        RspServer s = serve(InMemoryTarget.riscv64(), RspServerOptions.defaults());
        RspClient c = connect(s, RspClientOptions.defaults());
        s.close();
        assertThrows(RspDisconnectedException.class, () -> c.readMemory(InMemoryTarget.RV_RAM, 4));
        assertFalse(c.isOpen());
    }

    static int readLe32(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
