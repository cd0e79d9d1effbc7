package org.vmscope.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.vmscope.model.pmap.Aarch64Format;
import org.vmscope.model.pmap.Armv7aShortFormat;
import org.vmscope.model.pmap.Ia32Format;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.X86_64Format;

/** Register values as QEMU 7.2 reports them at the test guests' spin loops (qemu-gdbstub.md §2.2). */
class PagingRootDetectorTest {

    /** Registers by "name/bits" (bits 0: any width). */
    private static RegisterSource regs(String arch, Object... nameBitsValue) {
        Map<String, Long> m = new HashMap<>();
        for (int i = 0; i < nameBitsValue.length; i += 2) {
            m.put((String) nameBitsValue[i], ((Number) nameBitsValue[i + 1]).longValue());
        }
        return new RegisterSource() {
            @Override
            public Optional<String> architecture() {
                return Optional.ofNullable(arch);
            }

            @Override
            public OptionalLong read(String name, int bitsize) {
                Long v = m.get(name + "/" + bitsize);
                if (v == null) {
                    v = m.get(name + "/0");
                }
                return v == null ? OptionalLong.empty() : OptionalLong.of(v);
            }
        };
    }

    private static PagingSetup detect(RegisterSource r) throws Exception {
        return PagingRootDetector.detect(r, null, OptionalLong.empty());
    }

    @Test
    void ia32WithPse() throws Exception {
        PagingSetup s = detect(regs("i386", "cr0/0", 0x80010011L, "cr3/0", 0x101018L, "cr4/0", 0x10L, "efer/0", 0L));
        assertTrue(s.walkable(), s.problem());
        assertEquals(TargetArch.IA32, s.arch());
        assertEquals(0x101000L, s.roots().get(0).root().tablePa());
        assertEquals("ia32", s.roots().get(0).root().format().name());
        assertEquals(0x80010011L, s.registers().get("cr0"));
    }

    @Test
    void x86LongModeVersusProtectedModeOnTheSameDescription() throws Exception {
        PagingSetup lm = detect(regs("i386:x86-64", "cr0/0", 0x80010011L, "cr3/0", 0x101000L, "cr4/0", 0xa0L,
                "efer/0", 0xd00L));
        assertEquals(TargetArch.X86_64, lm.arch());
        assertTrue(lm.roots().get(0).root().format() instanceof X86_64Format f && f.nxe());
        PagingSetup pm = detect(regs("i386:x86-64", "cr0/0", 0x80000001L, "cr3/0", 0x2000L, "cr4/0", 0L, "efer/0", 0L));
        assertEquals(TargetArch.IA32, pm.arch());
        assertTrue(pm.roots().get(0).root().format() instanceof Ia32Format);
        assertEquals("ia32-nopse", pm.roots().get(0).root().format().name());
    }

    @Test
    void x86ProblemsAreClear() throws Exception {
        assertEquals("paging is off (cr0.PG = 0)",
                detect(regs("i386", "cr0/0", 0x11L, "cr3/0", 0L, "cr4/0", 0L)).problem());
        assertTrue(detect(regs("i386", "cr0/0", 0x80000011L, "cr3/0", 0x1000L, "cr4/0", 0x20L)).problem().contains("PAE"));
        assertTrue(detect(regs("i386:x86-64", "cr0/0", 0x80000011L, "cr3/0", 0x1000L, "cr4/0", 0x1020L, "efer/0", 0x500L))
                .problem().contains("LA57"));
        PagingSetup missing = detect(regs("i386", "cr0/0", 0x80000011L));
        assertFalse(missing.walkable());
        assertTrue(missing.problem().contains("cr3"), missing.problem());
        // --root walks even with paging off, and says so
        PagingSetup forced = PagingRootDetector.detect(regs("i386", "cr0/0", 0x11L, "cr3/0", 0L),
                null, OptionalLong.of(0x5000));
        assertTrue(forced.walkable());
        assertEquals(0x5000L, forced.roots().get(0).root().tablePa());
        assertEquals("--root", forced.roots().get(0).register());
        assertTrue(forced.notes().get(0).contains("paging is off"));
    }

    @Test
    void riscvSatp() throws Exception {
        PagingSetup s = detect(regs("riscv:rv64", "satp/0", 0x8000000000080009L, "priv/0", 1L));
        assertEquals(TargetArch.RISCV64, s.arch());
        assertEquals(RiscvFormat.sv39(), s.roots().get(0).root().format());
        assertEquals(0x80009000L, s.roots().get(0).root().tablePa());
        PagingSetup sv48 = detect(regs("riscv:rv64", "satp/0", 0x9000000000080209L));
        assertEquals(RiscvFormat.sv48(), sv48.roots().get(0).root().format());
        assertEquals("satp.MODE = Bare: no translation", detect(regs("riscv:rv64", "satp/0", 0L)).problem());
        PagingSetup m = detect(regs("riscv:rv64", "satp/0", 0x8000000000080009L, "priv/0", 3L));
        assertTrue(m.notes().get(0).contains("M-mode"));
    }

    @Test
    void aarch64TcrSelectsRegionsAndWidths() throws Exception {
        // the va39 guest: T0SZ = 25, EPD1 = 1, TG0 = 4K
        PagingSetup s = detect(regs("aarch64", "SCTLR/64", 0xc50839L, "TCR_EL1/0", 0x200803519L,
                "TTBR0_EL1/0", 0x40106000L, "TTBR1_EL1/0", 0L, "MAIR_EL1/0", 0xffL));
        assertTrue(s.walkable(), s.problem());
        assertEquals(1, s.roots().size());
        Aarch64Format f = (Aarch64Format) s.roots().get(0).root().format();
        assertEquals(39, f.geometry().vaBits());
        assertEquals(0x40106000L, s.roots().get(0).root().tablePa());
        assertTrue(s.notes().stream().anyMatch(n -> n.contains("EPD1")));
        // T0SZ = 16 and TTBR1 in use with T1SZ = 34 and TG1 = 4K
        long tcr = 16 | (34L << 16) | (2L << 30);
        PagingSetup both = detect(regs("aarch64", "SCTLR/64", 1L, "TCR_EL1/0", tcr, "TTBR0_EL1/0", 0x1000L | (5L << 48),
                "TTBR1_EL1/0", 0x2000L, "MAIR_EL1/0", 0xffL));
        assertEquals(2, both.roots().size());
        assertEquals(48, both.roots().get(0).root().format().geometry().vaBits());
        assertEquals(0x1000L, both.roots().get(0).root().tablePa(), "ASID stripped");
        assertEquals(30, both.roots().get(1).root().format().geometry().vaBits());
        assertEquals("the MMU is off (SCTLR_EL1.M = 0)", detect(regs("aarch64", "SCTLR/64", 0xc50838L,
                "TCR_EL1/0", tcr, "TTBR0_EL1/0", 0x1000L)).problem());
    }

    @Test
    void armv7aSplitsAtTtbcrN() throws Exception {
        PagingSetup s = detect(regs("arm", "SCTLR/32", 0xc50079L, "TTBCR/32", 1L, "TTBR0_EL1/32", 0x40110000L,
                "TTBR1_EL1/32", 0x4010c000L));
        assertTrue(s.walkable(), s.problem());
        assertEquals(2, s.roots().size());
        assertEquals(Armv7aShortFormat.ttbr0(1).name(), s.roots().get(0).root().format().name());
        assertEquals(0x40110000L, s.roots().get(0).root().tablePa());
        assertEquals(0x4010c000L, s.roots().get(1).root().tablePa());
        assertEquals(2048, s.roots().get(1).root().format().geometry().firstTopIndex());
        // only the 64-bit view: its low word
        PagingSetup wide = detect(regs("arm", "SCTLR/32", 1L, "TTBCR/32", 0L, "TTBR0/64", 0x40110059L));
        assertEquals(1, wide.roots().size());
        assertEquals(0x40110000L, wide.roots().get(0).root().tablePa());
        assertTrue(detect(regs("arm", "SCTLR/32", 1L, "TTBCR/32", 0x80000000L, "TTBR0_EL1/32", 0x4000L))
                .problem().contains("EAE"));
        assertEquals("the MMU is off (SCTLR.M = 0)", detect(regs("arm", "SCTLR/32", 0L, "TTBCR/32", 0L,
                "TTBR0_EL1/32", 0x4000L)).problem());
    }

    @Test
    void cortexMAndUnknownArchitectures() throws Exception {
        assertTrue(detect(regs("arm")).problem().contains("M-profile"));
        assertTrue(detect(regs("mips")).problem().contains("--arch"));
        assertTrue(detect(regs(null)).problem().contains("--arch"));
        PagingSetup forced = PagingRootDetector.detect(regs(null, "satp/0", 0x8000000000080009L), TargetArch.RISCV64,
                OptionalLong.empty());
        assertTrue(forced.walkable());
    }

    /** The simulator serves the SRMMU registers; QEMU's LEON3 stub does not, so --root names the context slot. */
    @Test
    void sparcFromMmuRegistersOrFromRoot() throws Exception {
        // context table at 0x40004000 (ctpr holds PA[35:6] in bits 31:2), context 1, MMU enabled
        PagingSetup s = detect(regs("sparc", "mmucr/32", 0xf3000001L, "ctpr/32", 0x04000400L, "ctxr/32", 1L));
        assertTrue(s.walkable(), s.problem());
        assertEquals(TargetArch.SPARC, s.arch());
        assertEquals(0x40004004L, s.roots().get(0).root().tablePa());
        assertEquals("srmmu-ctx", s.roots().get(0).root().format().name());

        assertEquals("the SRMMU is off (mmucr.E = 0)",
                detect(regs("sparc", "mmucr/32", 0xf3000000L, "ctpr/32", 0x04000400L, "ctxr/32", 1L)).problem());
        PagingSetup bare = detect(regs(null));
        assertFalse(bare.walkable());
        PagingSetup noRegs = PagingRootDetector.detect(regs(null), TargetArch.SPARC, OptionalLong.empty());
        assertTrue(noRegs.problem().contains("--root"), noRegs.problem());
        PagingSetup given = PagingRootDetector.detect(regs(null), TargetArch.SPARC, OptionalLong.of(0x40004004L));
        assertTrue(given.walkable(), given.problem());
        assertEquals(0x40004004L, given.roots().get(0).root().tablePa());
        assertEquals(TargetArch.SPARC, TargetArch.parse("leon3"));
    }
}
