package org.vmscope.bridge.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.Armv7aPmap;
import org.vmscope.model.pmap.Armv7aShortFormat;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;

/**
 * qemu-system-arm (Cortex-A): {@code arm-core.xml} (r0-r12, sp, lr, pc, cpsr #25; what {@code g} carries) and
 * QEMU's cp15 feature with its naming: {@code TTBR0}/{@code TTBR1} are the 64-bit views, {@code TTBR0_EL1}/
 * {@code TTBR1_EL1} the 32-bit ones. TTBCR.N = 1 as Phoenix sets it: TTBR1 holds {@code kpdir}, TTBR0 the
 * active user L1 (or {@code kpdir} again when no user address space is active).
 */
final class Armv7aProfile extends ArchProfile {
    static final long SCTLR_M = 1;

    private static final Tdesc TDESC = Tdesc.builder("arm")
            .feature("arm-core.xml", "org.gnu.gdb.arm.core").at(0)
            .regs(32, "uint32", "general", "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
                    "r12")
            .reg("sp", 32, "data_ptr", "general").reg("lr", 32, "int", "general").reg("pc", 32, "code_ptr", "general")
            .at(25).reg("cpsr", 32, "int", "general")
            .feature("system-registers.xml", "org.qemu.gdb.arm.sys.regs")
            .regs(64, "int", "cp_regs", "TTBR0", "TTBR1")
            .regs(32, "int", "cp_regs", "TTBR0_EL1", "TTBR1_EL1", "TTBCR", "SCTLR", "DACR", "CONTEXTIDR_EL1")
            .build();

    @Override
    Arch arch() {
        return Arch.ARMV7A;
    }

    @Override
    Tdesc tdesc() {
        return TDESC;
    }

    @Override
    int generalRegisterCount() {
        return 17;
    }

    @Override
    String rootRegister() {
        return "TTBR0_EL1";
    }

    @Override
    void check(SimKernel kernel) throws SimTargetException {
        requirePmap(kernel, Armv7aPmap.class);
    }

    @Override
    CpuState state(SimKernel k, Pmap active) {
        Armv7aPmap kernel = (Armv7aPmap) k.kmap().pmap();
        Armv7aPmap user = active instanceof Armv7aPmap a && !a.isKernel() ? a : null;
        long ttbr1 = kernel.root() | Armv7aPmap.TTBR_CACHE_CONF;
        long ttbr0 = user == null ? ttbr1 : user.ttbr0();
        long sp = kernelSp(k);
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("sp", sp);
        v.put("r11", sp);
        v.put("pc", kernelPc(k));
        v.put("lr", kernelPc(k));
        v.put("cpsr", 0x1d3L); // SVC mode, A/I/F masked
        v.put("TTBR0", ttbr0);
        v.put("TTBR1", ttbr1);
        v.put("TTBR0_EL1", ttbr0);
        v.put("TTBR1_EL1", ttbr1);
        v.put("TTBCR", 1L);
        v.put("SCTLR", 0x00c5187dL); // MMU, caches, branch prediction on
        v.put("DACR", 0x55555555L);  // every domain client
        return mmuState(v, roots(v), user == null ? kernel : user);
    }

    /** TTBR0 covers VAs below 2^(32-N), TTBR1 the rest; N = 0 leaves TTBR0 alone. */
    static List<PagingRoot> roots(Map<String, Long> v) {
        if ((v.getOrDefault("SCTLR", 0L) & SCTLR_M) == 0) {
            return List.of();
        }
        int n = (int) (v.getOrDefault("TTBCR", 0L) & 7);
        PagingRoot r0 = Armv7aShortFormat.ttbr0(n).rootFromTtbr(v.getOrDefault("TTBR0_EL1", 0L));
        if (n == 0) {
            return List.of(r0);
        }
        return List.of(r0, Armv7aShortFormat.ttbr1(n).rootFromTtbr(v.getOrDefault("TTBR1_EL1", 0L)));
    }

    /** QEMU's ARM layout (R00-R15 four a line, PSR), plus the translation registers QEMU leaves out. */
    @Override
    String infoRegisters(CpuState c) {
        StringBuilder s = new StringBuilder();
        String[] names = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr",
            "pc"};
        for (int i = 0; i < 16; i++) {
            s.append(String.format("R%02d=%08x%s", i, c.value(names[i]), i % 4 == 3 ? "\n" : " "));
        }
        s.append(String.format("PSR=%08x ---- A svc32\n", c.value("cpsr")));
        s.append(String.format("TTBR0=%08x TTBR1=%08x TTBCR=%08x SCTLR=%08x\n", c.value("TTBR0_EL1"),
                c.value("TTBR1_EL1"), c.value("TTBCR"), c.value("SCTLR")));
        return s.toString();
    }
}
