package org.vmscope.bridge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.Aarch64Format;
import org.vmscope.model.pmap.Aarch64Pmap;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;

/**
 * qemu-system-aarch64: {@code aarch64-core.xml} (x0-x30, sp, pc, cpsr; what {@code g} carries) and QEMU's
 * system-register feature with the EL1 translation registers. TTBR1_EL1 holds Phoenix's {@code kernel_ttl2}
 * (T1SZ = 34), TTBR0_EL1 the active user ttl1 (T0SZ = 25); without a user address space TTBR0 walks are
 * disabled (TCR_EL1.EPD0).
 */
final class Aarch64Profile extends ArchProfile {
    static final int SYSREG_BASE = 68; // after QEMU's core (0-33) and fpu (34-67) numbers
    static final long TCR_EPD0 = 1L << 7;
    static final long TCR_EPD1 = 1L << 23;
    static final long TCR_TG1_4K = 2L << 30;
    static final long TCR_IPS_40 = 2L << 32;
    static final long SCTLR_M = 1;
    static final long SCTLR_RES1 = 0x30d00800L;

    private static final Tdesc TDESC = buildTdesc();

    private static Tdesc buildTdesc() {
        Tdesc.Builder b = Tdesc.builder("aarch64").feature("aarch64-core.xml", "org.gnu.gdb.aarch64.core").at(0);
        for (int i = 0; i <= 30; i++) {
            b.reg("x" + i, 64, "int", "general");
        }
        b.reg("sp", 64, "data_ptr", "general").reg("pc", 64, "code_ptr", "general").reg("cpsr", 32, "int", "general");
        b.feature("system-registers.xml", "org.qemu.gdb.arm.sys.regs").at(SYSREG_BASE)
                .regs(64, "int", "cp_regs", "SCTLR_EL1", "TTBR0_EL1", "TTBR1_EL1", "TCR_EL1", "MAIR_EL1",
                        "CONTEXTIDR_EL1", "VBAR_EL1", "ESR_EL1", "FAR_EL1");
        return b.build();
    }

    @Override
    Arch arch() {
        return Arch.AARCH64;
    }

    @Override
    Tdesc tdesc() {
        return TDESC;
    }

    @Override
    int generalRegisterCount() {
        return 34;
    }

    @Override
    String rootRegister() {
        return "TTBR0_EL1";
    }

    @Override
    void check(SimKernel kernel) throws SimTargetException {
        requirePmap(kernel, Aarch64Pmap.class);
    }

    @Override
    CpuState state(SimKernel k, Pmap active) {
        Aarch64Pmap kernel = (Aarch64Pmap) k.kmap().pmap();
        Aarch64Pmap user = active instanceof Aarch64Pmap a && !a.isKernel() ? a : null;
        long sp = kernelSp(k);
        long tcr = (64 - 39) | ((64L - 30) << 16) | TCR_TG1_4K | TCR_IPS_40 | (user == null ? TCR_EPD0 : 0);
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("x29", sp);
        v.put("sp", sp);
        v.put("pc", kernelPc(k));
        v.put("cpsr", 0x3c5L); // EL1h, DAIF masked
        v.put("SCTLR_EL1", SCTLR_RES1 | SCTLR_M | (1L << 2) | (1L << 12));
        v.put("TTBR0_EL1", user == null ? 0L : user.ttbr0(0));
        v.put("TTBR1_EL1", kernel.hardwareKernelRoot().tablePa());
        v.put("TCR_EL1", tcr);
        v.put("MAIR_EL1", Aarch64Format.PHOENIX_MAIR);
        v.put("VBAR_EL1", kernelPc(k));
        return mmuState(v, roots(v), user == null ? kernel : user);
    }

    /** TTBR0 then TTBR1, each with the VA width its TnSZ gives, skipped when TCR disables its walks. */
    static List<PagingRoot> roots(Map<String, Long> v) {
        if ((v.getOrDefault("SCTLR_EL1", 0L) & SCTLR_M) == 0) {
            return List.of();
        }
        long tcr = v.getOrDefault("TCR_EL1", 0L);
        long mair = v.getOrDefault("MAIR_EL1", 0L);
        List<PagingRoot> roots = new ArrayList<>();
        int t0 = (int) (tcr & 0x3f);
        int t1 = (int) ((tcr >>> 16) & 0x3f);
        if ((tcr & TCR_EPD0) == 0 && t0 >= 16 && t0 <= 39) {
            roots.add(new Aarch64Format(64 - t0, false, mair).rootFromTtbr(v.getOrDefault("TTBR0_EL1", 0L)));
        }
        if ((tcr & TCR_EPD1) == 0 && t1 >= 16 && t1 <= 39) {
            roots.add(new Aarch64Format(64 - t1, true, mair).rootFromTtbr(v.getOrDefault("TTBR1_EL1", 0L)));
        }
        return roots;
    }

    /** QEMU's aarch64 layout (PC/SP, X registers four a line, PSTATE), shortened, plus the translation registers. */
    @Override
    String infoRegisters(CpuState c) {
        StringBuilder s = new StringBuilder(String.format(" PC=%016x  SP=%016x\n", c.value("pc"), c.value("sp")));
        for (int i = 0; i <= 30; i++) {
            s.append(String.format("X%02d=%016x%s", i, c.value("x" + i), i % 4 == 3 || i == 30 ? "\n" : " "));
        }
        s.append(String.format("PSTATE=%08x ---- EL1h\n", c.value("cpsr")));
        s.append(String.format("TTBR0_EL1=%016x TTBR1_EL1=%016x TCR_EL1=%016x SCTLR_EL1=%016x\n",
                c.value("TTBR0_EL1"), c.value("TTBR1_EL1"), c.value("TCR_EL1"), c.value("SCTLR_EL1")));
        return s.toString();
    }
}
