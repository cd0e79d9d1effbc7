package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.kernel.SoftPmap;

/** Starting, announcing and stopping the server; endpoints; kernels that cannot be served. */
@Timeout(60)
class SimGdbServerTest {

    @Test
    void announcesItselfOnLoopbackAndStopsOnKill() throws Exception {
        SimKernel k = SimFixture.boot(Arch.RISCV64);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
                SimGdbServer s = SimGdbServer.start(k, "0", out)) {
            assertEquals("127.0.0.1", s.host());
            assertTrue(s.port() > 0);
            assertEquals("vmscope: GDB server on 127.0.0.1:" + s.port() + " (arch riscv64)" + System.lineSeparator(),
                    text.toString(StandardCharsets.UTF_8));
            assertFalse(s.await(1), "still serving");
            try (Socket sock = new Socket("127.0.0.1", s.port())) {
                OutputStream o = sock.getOutputStream();
                o.write("+$k#6b".getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
                assertTrue(s.await(30_000), "k ends the wait");
            }
        }
    }

    @Test
    void endpoints() throws Exception {
        assertEquals(new SimGdbServer.Endpoint("127.0.0.1", 1234), SimGdbServer.Endpoint.parse("1234"));
        assertEquals(new SimGdbServer.Endpoint("127.0.0.1", 0), SimGdbServer.Endpoint.parse(":0"));
        assertEquals(new SimGdbServer.Endpoint("0.0.0.0", 3333), SimGdbServer.Endpoint.parse("0.0.0.0:3333"));
        assertEquals(new SimGdbServer.Endpoint("::1", 7), SimGdbServer.Endpoint.parse("[::1]:7"));
        for (String bad : new String[] {"", "  ", "abc", "host:", "1:2:3", "70000", "-1", "[::1]7", null}) {
            assertThrows(SimTargetException.class, () -> SimGdbServer.Endpoint.parse(bad), String.valueOf(bad));
        }
    }

    @Test
    void aKernelWithoutHardwareTablesIsRefusedClearly() throws Exception {
        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16 << 20),
                (phys, bm) -> new SoftPmap(0x3000, 0x1000, 1L << 22));
        SimTargetException e = assertThrows(SimTargetException.class, () -> new SimulatedTarget(k));
        assertTrue(e.getMessage().contains("SoftPmap"), e.getMessage());
        assertThrows(SimTargetException.class, () -> new SimulatedTarget(null));
    }

    @Test
    void aTakenPortIsAnIoError() throws Exception {
        SimKernel k = SimFixture.boot(Arch.IA32);
        try (SimGdbServer first = SimGdbServer.start(k, "127.0.0.1:0", null)) {
            assertThrows(java.io.IOException.class,
                    () -> SimGdbServer.start(k, "127.0.0.1:" + first.port(), null).close());
        }
    }
}
