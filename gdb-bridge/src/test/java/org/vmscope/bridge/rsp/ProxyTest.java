package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A debugger through our proxy, with a stop hook doing its own reads in between. */
@Timeout(120)
class ProxyTest {

    /** What a hook saw at one stop. */
    record Seen(StopReply stop, long satp, byte[] virt, byte[] phys, String modeAfter) {
    }

    static StopHook recordingHook(List<Seen> seen, long va, long pa, String satpName) {
        return (stop, target) -> {
            long satp = target.readRegister(satpName).toLong();
            byte[] virt = target.readMemory(va, 16);
            byte[] phys = target.readPhysicalMemory(pa, 16);
            seen.add(new Seen(stop, satp, virt, phys, target.request("qqemu.PhyMemMode")));
        };
    }

    @Test
    void gdbThroughProxyToOurServer() throws Exception {
        String gdb = GdbAgainstServerTest.gdb();
        List<Seen> seen = new CopyOnWriteArrayList<>();
        InMemoryTarget target = InMemoryTarget.riscv64();
        target.writable = true;  // gdb steps RISC-V with a software breakpoint
        try (RspServer server = new RspServer(target);
             RspProxy proxy = new RspProxy("127.0.0.1", server.start(),
                     recordingHook(seen, InMemoryTarget.RV_MARKER_VA, InMemoryTarget.RV_MARKER_PA, "satp"))) {
            int port = proxy.start(0);
            String out = ExternalProcess.run(GdbAgainstServerTest.gdbCommand(gdb, port,
                    String.format("x/4xw 0x%x", InMemoryTarget.RV_MARKER_VA),
                    "stepi",
                    String.format("x/2xw 0x%x", InMemoryTarget.RV_MARKER_VA + 8),
                    "info registers pc"), 60).output();
            // gdb's reads are correct, so the hook's physical mode did not leak into them
            assertTrue(out.contains(GdbAgainstServerTest.markerLine(InMemoryTarget.RV_MARKER_VA, 0, 4)), out);
            assertTrue(out.contains(GdbAgainstServerTest.markerLine(InMemoryTarget.RV_MARKER_VA + 8, 2, 2)), out);
            assertTrue(proxy.lastError().isEmpty(), () -> proxy.lastError().get().toString());
            // one hook run for '?' at connect and one for the step (a continue to gdb's breakpoint)
            assertEquals(2, proxy.hookRuns());
            assertEquals(2, seen.size());
            for (Seen s : seen) {
                assertTrue(s.stop().halted());
                assertEquals(InMemoryTarget.RV_SATP, s.satp());
                assertEquals(0xCAFE0000, ClientServerTest.readLe32(s.virt()));
                assertArrayEquals(s.virt(), s.phys());
                assertEquals("0", s.modeAfter());
            }
            assertTrue(server.lastSessionError().isEmpty());
        }
    }

    @Test
    void ourClientThroughProxyInAckMode() throws Exception {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        List<String> resumes = new CopyOnWriteArrayList<>();
        StopHook recording = recordingHook(seen, InMemoryTarget.RV_MARKER_VA, InMemoryTarget.RV_MARKER_PA, "satp");
        StopHook hook = new StopHook() {
            @Override
            public void onStop(StopReply stop, RspClient target) throws RspException {
                recording.onStop(stop, target);
            }

            @Override
            public void onResume(String packet) {
                resumes.add(packet);
            }
        };
        InMemoryTarget t = InMemoryTarget.riscv64();
        try (RspServer server = new RspServer(t, RspServerOptions.defaults().withNoAck(false));
             RspProxy proxy = new RspProxy("127.0.0.1", server.start(), hook)) {
            int port = proxy.start(0);
            try (RspClient c = RspClient.connect("127.0.0.1", port)) {
                assertEquals(1, proxy.hookRuns());
                byte[] big = c.readMemory(InMemoryTarget.RV_RAM, 24_000);  // below the marker page
                for (int i = 0; i < big.length; i += 997) {
                    assertEquals(InMemoryTarget.byteAt(InMemoryTarget.RV_RAM + i), big[i]);
                }
                assertTrue(c.monitor("info registers").contains("r450="));
                c.resume();
                c.waitForStop(5000);
                assertEquals(2, proxy.hookRuns());
                assertEquals(0xCAFE0001, ClientServerTest.readLe32(c.readMemory(InMemoryTarget.RV_MARKER_VA + 4, 4)));
            }
            assertEquals(2, seen.size());
            assertEquals(List.of("c"), resumes, "the connect's '?' is no resume; the continue is one");
            assertTrue(proxy.lastError().isEmpty(), () -> proxy.lastError().get().toString());
        }
    }

    @Test
    void forgottenPhysicalModeIsRestoredByTheProxy() throws Exception {
        String gdb = GdbAgainstServerTest.gdb();
        StopHook careless = (stop, target) -> target.request("Qqemu.PhyMemMode:1");
        try (RspServer server = new RspServer(InMemoryTarget.riscv64());
             RspProxy proxy = new RspProxy("127.0.0.1", server.start(), careless)) {
            int port = proxy.start(0);
            String out = ExternalProcess.run(GdbAgainstServerTest.gdbCommand(gdb, port,
                    String.format("x/4xw 0x%x", InMemoryTarget.RV_MARKER_VA)), 60).output();
            // had the mode stayed on, gdb's virtual read would have failed (no RAM at that physical address)
            assertTrue(out.contains(GdbAgainstServerTest.markerLine(InMemoryTarget.RV_MARKER_VA, 0, 4)), out);
            assertEquals(1, proxy.hookRuns());
        }
    }

    @Test
    void gdbThroughProxyToQemu() throws Exception {
        String gdb = GdbAgainstServerTest.gdb();
        List<Seen> seen = new CopyOnWriteArrayList<>();
        List<String> monitorSeen = new CopyOnWriteArrayList<>();
        try (Qemu q = Qemu.riscv64()) {
            q.awaitListening();
            StopHook hook = (stop, target) -> {
                recordingHook(seen, 0x1000, 0x1000, "satp").onStop(stop, target);
                monitorSeen.add(target.monitor("info registers"));
            };
            try (RspProxy proxy = new RspProxy("127.0.0.1", q.port, hook)) {
                int port = proxy.start(0);
                String out = ExternalProcess.run(GdbAgainstServerTest.gdbCommand(gdb, port,
                        "x/4xw 0x1000", "info registers pc"), 60).output();
                assertTrue(proxy.lastError().isEmpty(), () -> proxy.lastError().get().toString());
                assertEquals(1, seen.size());
                Seen s = seen.get(0);
                assertArrayEquals(s.virt(), s.phys());
                assertEquals("0", s.modeAfter());
                assertTrue(monitorSeen.get(0).contains("satp"));
                // gdb prints the same words the hook read physically
                StringBuilder line = new StringBuilder("0x1000:");
                for (int i = 0; i < 4; i++) {
                    line.append(String.format("\t0x%08x", ClientServerTest.readLe32(
                            java.util.Arrays.copyOfRange(s.phys(), 4 * i, 4 * i + 4))));
                }
                assertTrue(out.contains(line.toString()), out + "\nexpected " + line);
                assertTrue(out.matches("(?s).*\\npc\\s+0x1000\\s.*"), out);
                // the hook's monitor output never reached gdb
                assertTrue(!out.contains("mhartid"), out);
            }
        }
    }
}
