package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vmscope.bridge.rsp.RegisterInfo;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspErrorReplyException;
import org.vmscope.bridge.rsp.TargetDescription;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.Mman;
import org.vmscope.model.map.VmMap;
import org.vmscope.model.page.Page;
import org.vmscope.model.page.PageFlags;

/** Our own {@link RspClient} against served kernels: description, registers, memory, monitor text. */
@Timeout(60)
class SimClientTest {

    record Served(SimKernel kernel, SimulatedTarget target, SimGdbServer server, RspClient client)
            implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    static Served serve(SimKernel k, SimulatedTarget t) throws Exception {
        SimGdbServer s = SimGdbServer.start(t, "0", null);
        return new Served(k, t, s, RspClient.connect("127.0.0.1", s.port()));
    }

    static long gva2gpa(RspClient c, long va) throws Exception {
        String out = c.monitor(String.format("gva2gpa 0x%x", va));
        Matcher m = Pattern.compile("gpa: (?:0x)?([0-9a-f]+)\n").matcher(out);
        assertTrue(m.matches(), out);
        return Long.parseUnsignedLong(m.group(1), 16);
    }

    static byte[] words(SimFixture.Marker m, int count, boolean bigEndian) {
        byte[] b = new byte[4 * count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 4; j++) {
                b[4 * i + j] = (byte) (m.word(i) >>> (bigEndian ? 24 - 8 * j : 8 * j));
            }
        }
        return b;
    }

    @Test
    void ia32DescriptionRegistersMemoryAndMonitor() throws Exception {
        SimKernel k = SimFixture.boot(Arch.IA32);
        SimFixture.Marker ro = readOnlyMarker(k);
        SimFixture.Marker three = SimFixture.kernelMarker(k, 3, 0xCAFE0000);
        assertEquals(0, k.kmap().munmap(three.va() + 0x2000, 0x1000)); // a hole right after two mapped pages
        SimFixture.Marker rw = new SimFixture.Marker(three.va(), three.pa(), 0x2000, three.base());
        SimulatedTarget t = new SimulatedTarget(k);
        assertEquals(java.util.OptionalLong.of(0x3000), t.register("cr3"));
        assertEquals(java.util.OptionalLong.empty(), t.register("satp"));
        assertEquals("cr3", t.rootRegister().orElseThrow());
        assertEquals(List.of("set architecture i386"), t.gdbSetupCommands());
        assertEquals("[ia32@0x3000]", t.pagingRoots().toString());
        assertTrue(t.activePmap() == k.kmap().pmap());
        try (Served s = serve(k, t)) {
            TargetDescription d = s.client().requireTargetDescription();
            assertEquals("i386", d.architecture().orElseThrow());
            RegisterInfo cr3 = d.find("org.gnu.gdb.i386.core", "cr3").orElseThrow();
            assertEquals(21, cr3.regnum(), "QEMU's i386 numbering");
            assertEquals(0x3000L, s.client().readRegister(cr3).toLong());
            assertEquals(0xC0100000L, s.client().readRegister("eip").toLong(), "kernel entry");

            // virtual and physical reads of what the test wrote, and the translation the test made
            assertArrayEquals(words(rw, 8, false), s.client().readMemory(rw.va(), 32));
            assertArrayEquals(words(rw, 8, false), s.client().readPhysicalMemory(rw.pa(), 32));
            assertEquals(rw.pa() + 0x1ffc, gva2gpa(s.client(), rw.va() + 0x1ffc));
            assertEquals(k.kmap().pmap().resolve(rw.va() + 0x1000) + 0x10, gva2gpa(s.client(), rw.va() + 0x1010));
            assertEquals("Unmapped\n", s.client().monitor(String.format("gva2gpa 0x%x", rw.va() + 0x2000)));
            RspErrorReplyException e = assertThrows(RspErrorReplyException.class,
                    () -> s.client().readMemory(rw.va() + rw.bytes() - 4, 8));
            assertEquals(0x14, e.code(), "a read running into an unmapped page fails whole, like QEMU");

            // QEMU's info mem: the marker is inside a -rw run, the read-only one inside a -r- run
            List<long[]> mem = ia32InfoMem(s.client().monitor("info mem"));
            assertTrue(covered(mem, rw.va(), rw.bytes(), 1), "rw marker in info mem");
            assertTrue(covered(mem, ro.va(), ro.bytes(), 0), "ro marker in info mem");
            assertTrue(s.client().monitor("info registers").contains("CR3=00003000"));
            assertTrue(s.client().monitor("help").contains("gva2gpa"));
            assertTrue(s.client().monitor("info mtree -f").contains(
                    "  0000000000100000-0000000001ffffff (prio 0, ram): "), "the second RAM bank of the PC machine");
            assertEquals("unknown command: 'frobnicate'\n", s.client().monitor("frobnicate"));
            assertEquals("E01", s.client().request(String.format("M%x,4:00000000", rw.va())), "writes refused");
            assertArrayEquals(words(rw, 1, false), k.phys().read(rw.pa(), 4));
        }
    }

    /** One page mapped read-only in the kernel map. */
    static SimFixture.Marker readOnlyMarker(SimKernel k) throws Exception {
        Page p = k.pages().alloc(k.arch().pageSize(), PageFlags.OWNER_KERNEL | PageFlags.KERNEL_HEAP);
        long va = k.kmap().mmap(0, p, k.arch().pageSize(), Mman.PROT_READ, k.kernelObject(), -1, Mman.MAP_NONE);
        assertTrue(va != 0);
        return new SimFixture.Marker(va, p.addr(), k.arch().pageSize(), 0);
    }

    /** {@code start-end size [u-]r[w-]} lines as {start, end, writable}. */
    static List<long[]> ia32InfoMem(String text) {
        List<long[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^([0-9a-f]{8})-([0-9a-f]{8,9}) ([0-9a-f]{8,9}) ([-u])r([-w])$").matcher(text);
        while (m.find()) {
            long start = Long.parseLong(m.group(1), 16);
            long end = Long.parseLong(m.group(2), 16);
            assertEquals(end - start, Long.parseLong(m.group(3), 16), text);
            out.add(new long[] {start, end, m.group(5).equals("w") ? 1 : 0});
        }
        assertFalse(out.isEmpty(), text);
        return out;
    }

    static boolean covered(List<long[]> lines, long va, long size, int writable) {
        for (long[] l : lines) {
            if (l[0] <= va && va + size <= l[1]) {
                return l[2] == writable;
            }
        }
        return false;
    }

    @Test
    void riscvDescriptionAndInfoMemInQemuFormat() throws Exception {
        SimKernel k = SimFixture.boot(Arch.RISCV64);
        SimFixture.Marker rw = SimFixture.kernelMarker(k, 2, 0x5EAD0000);
        VmMap user = SimFixture.userMap(k);
        SimFixture.Marker um = SimFixture.userMarker(k, user, 1, 0x7E570000);
        SimulatedTarget t = new SimulatedTarget(k, null, user::pmap);
        try (Served s = serve(k, t)) {
            TargetDescription d = s.client().requireTargetDescription();
            RegisterInfo satp = d.find("org.gnu.gdb.riscv.csr", "satp").orElseThrow();
            assertEquals(66 + 0x180, satp.regnum());
            long pdir = user.pdirPage().addr();
            assertEquals((8L << 60) | (pdir >>> 12), s.client().readRegister(satp).toLong(), "Sv39, user pdir");
            assertEquals(33 * 16, s.client().readRegistersHex().length(), "g carries x0-x31 and pc");

            // both the user page and the shared kernel half are visible through the user's table
            assertArrayEquals(words(um, 4, false), s.client().readMemory(um.va(), 16));
            assertArrayEquals(words(rw, 4, false), s.client().readMemory(rw.va(), 16));
            assertEquals(um.pa() + 8, gva2gpa(s.client(), um.va() + 8));

            String mem = s.client().monitor("info mem");
            assertTrue(mem.startsWith("vaddr            paddr            size             attr\n"
                    + "---------------- ---------------- ---------------- -------\n"), mem);
            // Phoenix writes A and D on every leaf; kernel pages are not U, user pages are
            assertTrue(riscvCovers(mem, rw, "rw---ad"), mem);
            assertTrue(riscvCovers(mem, um, "rw-u-ad"), mem);
        }
    }

    /** Whether a line of RISC-V info mem maps all of {@code m} to its PA with {@code attrs}. */
    static boolean riscvCovers(String text, SimFixture.Marker m, String attrs) {
        Matcher x = Pattern.compile("(?m)^([0-9a-f]{16}) ([0-9a-f]{16}) ([0-9a-f]{16}) ([-rwxugad]{7})$")
                .matcher(text);
        while (x.find()) {
            long va = Long.parseUnsignedLong(x.group(1), 16);
            long pa = Long.parseUnsignedLong(x.group(2), 16);
            long size = Long.parseUnsignedLong(x.group(3), 16);
            if (Long.compareUnsigned(m.va() - va, size) < 0) {
                return m.va() + m.bytes() <= va + size && pa + (m.va() - va) == m.pa() && x.group(4).equals(attrs);
            }
        }
        return false;
    }

    @Test
    void userPmapSelectsTheRootRegisterOnEveryArch() throws Exception {
        for (Arch arch : List.of(Arch.IA32, Arch.ARMV7A, Arch.AARCH64)) {
            SimKernel k = SimFixture.boot(arch);
            VmMap user = SimFixture.userMap(k);
            SimFixture.Marker um = SimFixture.userMarker(k, user, 1, 0x0BAD0000);
            SimFixture.Marker km = SimFixture.kernelMarker(k, 1, 0x0CAB0000);
            long pdir = user.pdirPage().addr();
            String reg = switch (arch) {
                case IA32 -> "cr3";
                default -> "TTBR0_EL1";
            };
            long expected = arch == Arch.ARMV7A ? pdir | 0x5b : pdir; // Phoenix ORs the cache bits into TTBR0
            try (Served s = serve(k, new SimulatedTarget(k, null, user::pmap))) {
                assertEquals(expected, s.client().readRegister(reg).toLong(), arch.id());
                assertArrayEquals(words(um, 4, false), s.client().readMemory(um.va(), 16), arch.id());
                assertArrayEquals(words(km, 4, false), s.client().readMemory(km.va(), 16), arch.id());
                assertEquals(um.pa(), gva2gpa(s.client(), um.va()), arch.id());
            }
        }
    }

    @Test
    void physicalHolesReadAsZerosButXpRefusesThem() throws Exception {
        SimKernel k = SimFixture.boot(Arch.IA32);
        try (Served s = serve(k, new SimulatedTarget(k))) {
            // ia32's standard machine has no RAM between 640 KiB and 1 MiB
            assertArrayEquals(new byte[8], s.client().readPhysicalMemory(0xB8000, 8));
            assertEquals("00000000000b8000: Cannot access memory\n", s.client().monitor("xp /2xw 0xb8000"));
        }
    }

    @Test
    void cortexMIsIdentityMapped() throws Exception {
        SimKernel k = SimFixture.boot(Arch.ARMV7M);
        long pa = 0x20010000L;
        k.phys().write(pa, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        try (Served s = serve(k, new SimulatedTarget(k))) {
            TargetDescription d = s.client().requireTargetDescription();
            assertEquals(25, d.find("org.gnu.gdb.arm.m-profile", "xpsr").orElseThrow().regnum());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, s.client().readMemory(pa, 8));
            assertEquals("gpa: 0x20010000\n", s.client().monitor("gva2gpa 0x20010000"));
            assertEquals("0000000020010000: 0x04030201 0x08070605\n", s.client().monitor("xp /2xw 0x20010000"));
            assertTrue(s.client().monitor("info mem").contains("20000000 20000000 00040000 rwx--"));
        }
    }
}
