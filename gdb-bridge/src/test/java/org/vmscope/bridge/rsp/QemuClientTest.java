package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our client against real QEMU 7.2 gdbstubs halted at reset. */
@Timeout(120)
class QemuClientTest {

    /** Bytes printed by the monitor's {@code xp /Nxb addr}: an oracle independent of m packets. */
    static byte[] monitorBytes(RspClient c, long pa, int n) throws Exception {
        String out = c.monitor(String.format("xp /%dxb 0x%x", n, pa));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Matcher m = Pattern.compile("0x([0-9a-f]{2})\\b").matcher(out.replaceAll("(?m)^[0-9a-f]+:", ""));
        while (m.find()) {
            b.write(Integer.parseInt(m.group(1), 16));
        }
        assertEquals(n, b.size(), out);
        return b.toByteArray();
    }

    @Test
    void x86ResetState() throws Exception {
        try (Qemu q = Qemu.x86_64(); RspClient c = q.connect(RspClientOptions.defaults())) {
            assertEquals(0x1000, c.packetSize());
            assertFalse(c.noAckMode(), "QEMU 7.2 has no QStartNoAckMode");
            assertTrue(c.lastStop().halted());
            TargetDescription d = c.requireTargetDescription();
            for (String name : new String[] {"cr0", "cr3", "cr4", "efer"}) {
                RegisterInfo r = d.find("org.gnu.gdb.i386.core", name).orElseThrow();
                assertEquals(64, r.bitsize(), name);
            }
            // architectural reset values (Intel SDM: CS:IP = F000:FFF0, CR0 = 60000010h)
            assertEquals(0xfff0, c.readRegister("rip").toLong());
            assertEquals(0xf000, c.readRegister("cs").toLong());
            assertEquals(0x60000010L, c.readRegister("cr0").toLong());
            assertEquals(0, c.readRegister("cr3").toLong());
            RegisterInfo rip = d.find("rip").orElseThrow();
            assertEquals(0xfff0, c.readGeneralRegisters().get(rip).toLong(), "g and p agree");

            byte[] virt = c.readMemory(0xffff0, 16);
            byte[] phys = c.readPhysicalMemory(0xffff0, 16);
            assertEquals("0", c.request("qqemu.PhyMemMode"), "physical mode must be restored");
            assertArrayEquals(virt, phys, "paging is off at reset");
            assertArrayEquals(monitorBytes(c, 0xffff0, 16), phys);

            String regs = c.monitor("info registers");
            assertTrue(regs.contains("EIP=0000fff0"), regs);
            assertTrue(regs.contains("CR3=00000000"), regs);
            assertTrue(c.monitor("info mtree -f").contains("pc.ram"));

            assertEquals("E22", c.request("m0,801"), "QEMU caps m at 2048 bytes");
            byte[] pipelined = c.readPhysicalMemory(0, 1 << 20);
            assertArrayEquals(pipelined, c.withPhysicalMemoryMode(x -> x.readMemory(0, 1 << 20, 1)));
            assertArrayEquals(monitorBytes(c, 0xf0000, 8), java.util.Arrays.copyOfRange(pipelined, 0xf0000, 0xf0008));
            assertEquals("0", c.request("qqemu.PhyMemMode"));
        }
    }

    @Test
    void riscvResetState() throws Exception {
        try (Qemu q = Qemu.riscv64(); RspClient c = q.connect(RspClientOptions.defaults())) {
            TargetDescription d = c.requireTargetDescription();
            assertEquals("riscv:rv64", d.architecture().orElseThrow());
            assertTrue(d.documents().size() > 1, "QEMU splits the riscv description over included files");
            RegisterInfo satp = d.find("org.gnu.gdb.riscv.csr", "satp").orElseThrow();
            assertEquals(66 + 0x180, satp.regnum());
            assertEquals(0, c.readRegister(satp).toLong(), "satp is Bare at reset");
            assertEquals(0x1000, c.readRegister("pc").toLong(), "virt board reset vector in the mrom");
            byte[] virt = c.readMemory(0x1000, 32);
            assertArrayEquals(virt, c.readPhysicalMemory(0x1000, 32));
            assertArrayEquals(monitorBytes(c, 0x1000, 32), virt);
            assertEquals("0", c.request("qqemu.PhyMemMode"));
            assertTrue(c.monitor("info registers").contains("satp"));
            assertTrue(c.monitor("info mtree -f").contains("riscv_virt_board.mrom"));
            c.detach();
            assertFalse(c.isOpen());
        }
    }

    @Test
    void stepAndInterruptOnRealQemu() throws Exception {
        try (Qemu q = Qemu.riscv64(); RspClient c = q.connect(RspClientOptions.defaults())) {
            StopReply s = c.step();
            assertTrue(s.halted());
            assertEquals(0x1004, c.readRegister("pc").toLong(), "one 4-byte instruction later");
            c.resume();
            StopReply stop = c.interrupt(10_000);
            assertTrue(stop.halted());
            assertEquals(2, stop.code(), "SIGINT");
            assertEquals(4, c.readMemory(0x1000, 4).length);
        }
    }

    @Test
    void killingQemuMidReadGivesDisconnected() throws Exception {
        Qemu q = Qemu.x86_64();
        try (RspClient c = q.connect(RspClientOptions.defaults())) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < 100_000; i++) {
                        c.readMemory(0, 4 << 20);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            long start = c.stats().bytesReceived();
            for (int i = 0; i < 1200 && c.stats().bytesReceived() - start < (1 << 20); i++) {
                Thread.sleep(25);
            }
            q.close();
            reader.join(60_000);
            assertFalse(reader.isAlive());
            assertNotNull(failure.get());
            RspException e = assertInstanceOf(RspDisconnectedException.class, failure.get());
            assertTrue(e.partialData().length < (4 << 20));
            assertFalse(c.isOpen());
        } finally {
            q.close();
        }
    }
}
