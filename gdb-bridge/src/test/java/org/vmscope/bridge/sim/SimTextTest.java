package org.vmscope.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vmscope.bridge.rsp.RegisterInfo;
import org.vmscope.bridge.rsp.TargetDescription;
import org.vmscope.bridge.rsp.TargetDescriptionParser;
import org.vmscope.model.Arch;

/** Descriptions, the monitor's dump layout and HMP number parsing, against hand-written expectations. */
class SimTextTest {

    static TargetDescription parse(ArchProfile p) throws Exception {
        return TargetDescriptionParser.load(annex -> p.tdesc().documents().get(annex));
    }

    @Test
    void descriptionsParseWithQemuNumbering() throws Exception {
        for (Arch a : Arch.values()) {
            ArchProfile p = ArchProfile.forArch(a);
            TargetDescription d = parse(p);
            assertEquals(p.gdbArchitecture(), d.architecture().orElseThrow());
            Set<Integer> nums = new HashSet<>();
            for (RegisterInfo r : d.registers()) {
                assertTrue(nums.add(r.regnum()), a + ": regnum " + r.regnum() + " twice");
            }
            assertTrue(p.generalRegisterCount() <= d.registers().size());
            if (p.rootRegister() != null) {
                assertTrue(d.find(p.rootRegister()).isPresent(), a.id());
            }
        }
        TargetDescription i386 = parse(ArchProfile.forArch(Arch.IA32));
        assertEquals(19, i386.find("cr0").orElseThrow().regnum());
        assertEquals(21, i386.find("cr3").orElseThrow().regnum());
        assertEquals(22, i386.find("cr4").orElseThrow().regnum());
        assertEquals(24, i386.find("efer").orElseThrow().regnum());
        assertEquals(80, i386.find("st0").orElseThrow().bitsize());
        TargetDescription rv = parse(ArchProfile.forArch(Arch.RISCV64));
        assertEquals(450, rv.find("org.gnu.gdb.riscv.csr", "satp").orElseThrow().regnum());
        assertEquals(65, rv.find("priv").orElseThrow().regnum());
        assertEquals(32, rv.find("pc").orElseThrow().regnum());
        TargetDescription arm = parse(ArchProfile.forArch(Arch.ARMV7A));
        assertEquals(25, arm.find("cpsr").orElseThrow().regnum());
        assertEquals(64, arm.find("org.qemu.gdb.arm.sys.regs", "TTBR0").orElseThrow().bitsize());
        assertEquals(32, arm.find("org.qemu.gdb.arm.sys.regs", "TTBR0_EL1").orElseThrow().bitsize());
        assertTrue(parse(ArchProfile.forArch(Arch.AARCH64)).find("org.qemu.gdb.arm.sys.regs", "TCR_EL1").isPresent());
        assertEquals(1, parse(ArchProfile.forArch(Arch.ARMV7M)).features().size(), "m-profile core only");
    }

    static MemoryDump.LineReader counting() {
        return (a, n) -> {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (a + i);
            }
            return b;
        };
    }

    @Test
    void dumpLayoutIsQemus() {
        MemoryDump.Format f = MemoryDump.parseFormat("6xw");
        assertEquals(new MemoryDump.Format(6, 'x', 4), f);
        assertEquals("0000000000001000: 0x03020100 0x07060504 0x0b0a0908 0x0f0e0d0c\n"
                + "0000000000001010: 0x13121110 0x17161514\n",
                MemoryDump.dump(f, 0x1000, true, 8, ByteOrder.LITTLE_ENDIAN, counting()));
        assertEquals("c0001000: 0x00010203 0x04050607\n",
                MemoryDump.dump(MemoryDump.parseFormat("2xw"), 0xc0001000L, false, 8, ByteOrder.BIG_ENDIAN,
                        counting()));
        assertEquals("00000000c0001000: 0x00 0x01 0x02 0x03 0x04 0x05 0x06 0x07\n"
                + "00000000c0001008: 0x08 0x09\n",
                MemoryDump.dump(MemoryDump.parseFormat("10bx"), 0xc0001000L, false, 16, ByteOrder.LITTLE_ENDIAN,
                        counting()));
        assertEquals("0000000000000010: 0x1716151413121110\n",
                MemoryDump.dump(MemoryDump.parseFormat("xg"), 0x10, true, 8, ByteOrder.LITTLE_ENDIAN, counting()));
        assertEquals("0000000000000000:   256   770\n",
                MemoryDump.dump(MemoryDump.parseFormat("2dh"), 0, true, 8, ByteOrder.LITTLE_ENDIAN, counting()));
        MemoryDump.LineReader holey = (a, n) -> a >= 0x2010 ? null : new byte[n];
        assertEquals("0000000000002000: 0x00000000 0x00000000 0x00000000 0x00000000\n"
                + "0000000000002010: Cannot access memory\n",
                MemoryDump.dump(MemoryDump.parseFormat("8x"), 0x2000, true, 8, ByteOrder.LITTLE_ENDIAN, holey));
        assertEquals("invalid char in format: 'q'",
                assertThrows(IllegalArgumentException.class, () -> MemoryDump.parseFormat("4q")).getMessage());
        assertTrue(MemoryDump.dump(MemoryDump.parseFormat("999999999xg"), 0, true, 8, ByteOrder.LITTLE_ENDIAN,
                counting()).contains("refused"));
    }

    @Test
    void hmpNumbers() throws Exception {
        ArchProfile p = ArchProfile.forArch(Arch.IA32);
        CpuState cpu = new CpuState(java.util.Map.of("eip", 0xc0100000L), java.util.List.of(), null, false);
        MonitorShell m = new MonitorShell(p, cpu, null, null);
        assertEquals(0x10, m.number("0x10"));
        assertEquals(16, m.number("16"));
        assertEquals(16, m.number("020"));
        assertEquals(0xffffffffc0000000L, m.number("0xffffffffc0000000"));
        assertEquals(0xc0100000L, m.number("$eip"));
        assertEquals(0xc0100000L, m.number("$pc"), "HMP's $pc is eip on x86");
        assertEquals(0, m.number("$cr2"), "a described register the CPU state leaves at zero");
        assertEquals("invalid char 'z' in expression",
                assertThrows(IllegalArgumentException.class, () -> m.number("0xz")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.number("$nope"));
        assertThrows(IllegalArgumentException.class, () -> m.number("0x1ffffffffffffffff"));
        assertEquals("Parameter 'addr' is missing\n", m.run("gva2gpa"));
        assertEquals("Parameter 'addr' is missing\n", m.run("xp /4xw"));
        assertEquals("invalid char 'g' in expression\n", m.run("xp /4xw 0xg"));
        assertEquals("unknown command: 'info tlb'\n", m.run("info tlb"));
        assertEquals(MonitorShell.HELP, m.run("help"));
    }
}
