package org.vmscope.bridge.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.SrmmuFormat;
import org.vmscope.model.pmap.SrmmuPmap;

/**
 * qemu-system-sparc (LEON3): QEMU serves SPARC without an XML description, so this one follows gdb's own
 * {@code sparc32} features, numbered as QEMU's fixed layout (window registers 0-31, f0-f31 32-63, y psr wim
 * tbr pc npc fsr csr 64-71, all in {@code g}), plus the SRMMU registers QEMU does not expose (vmscope's
 * {@code org.vmscope.sparc.srmmu}: control, context table pointer, context). Big-endian.
 */
final class SparcProfile extends ArchProfile {
    static final long MMU_ENABLE = 1;

    private static final Tdesc TDESC = Tdesc.builder("sparc")
            .feature("sparc32-cpu.xml", "org.gnu.gdb.sparc.cpu").at(0)
            .regs(32, "uint32", "general", "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "o0", "o1", "o2", "o3",
                    "o4", "o5")
            .reg("sp", 32, "data_ptr", "general").reg("o7", 32, "uint32", "general")
            .regs(32, "uint32", "general", "l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "i0", "i1", "i2", "i3",
                    "i4", "i5")
            .reg("fp", 32, "data_ptr", "general").reg("i7", 32, "uint32", "general")
            .feature("sparc32-fpu.xml", "org.gnu.gdb.sparc.fpu")
            .regs(32, "ieee_single", "float", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10",
                    "f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", "f21", "f22", "f23", "f24",
                    "f25", "f26", "f27", "f28", "f29", "f30", "f31")
            .feature("sparc32-cp0.xml", "org.gnu.gdb.sparc.cp0")
            .regs(32, "uint32", "general", "y", "psr", "wim", "tbr")
            .reg("pc", 32, "code_ptr", "general").reg("npc", 32, "code_ptr", "general")
            .regs(32, "uint32", "general", "fsr", "csr")
            .feature("vmscope-srmmu.xml", "org.vmscope.sparc.srmmu")
            .regs(32, "uint32", "system", "mmucr", "ctpr", "ctxr", "mmufsr", "mmufar")
            .build();

    @Override
    Arch arch() {
        return Arch.SPARCV8LEON;
    }

    @Override
    Tdesc tdesc() {
        return TDESC;
    }

    @Override
    int generalRegisterCount() {
        return 72;
    }

    @Override
    String rootRegister() {
        return "ctxr";
    }

    @Override
    void check(SimKernel kernel) throws SimTargetException {
        requirePmap(kernel, SrmmuPmap.class);
        if (((SrmmuPmap) kernel.kmap().pmap()).context() == SrmmuPmap.CONTEXT_INVALID) {
            throw new SimTargetException("the sparcv8leon kernel pmap has no SRMMU context");
        }
    }

    @Override
    CpuState state(SimKernel k, Pmap active) {
        SrmmuPmap kernel = (SrmmuPmap) k.kmap().pmap();
        SrmmuPmap p = active instanceof SrmmuPmap s && s.context() != SrmmuPmap.CONTEXT_INVALID ? s : kernel;
        long sp = kernelSp(k);
        long pc = kernelPc(k);
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("sp", sp - 96); // the register-window save area below the frame
        v.put("fp", sp);
        v.put("psr", 0xf30000e0L); // LEON3 impl/ver, supervisor, previous supervisor, traps enabled
        v.put("wim", 2L);
        v.put("tbr", pc);
        v.put("pc", pc);
        v.put("npc", pc + 4);
        v.put("mmucr", MMU_ENABLE);
        v.put("ctpr", (kernel.contextTable() >>> 6) << 2);
        v.put("ctxr", (long) p.context());
        return mmuState(v, roots(v), p);
    }

    /** The context-table slot of the current context, when the MMU is enabled. */
    static List<PagingRoot> roots(Map<String, Long> v) {
        if ((v.getOrDefault("mmucr", 0L) & MMU_ENABLE) == 0) {
            return List.of();
        }
        long table = SrmmuFormat.contextTableFromCtpr(v.getOrDefault("ctpr", 0L));
        return List.of(SrmmuFormat.contextRoot(table, (int) (v.getOrDefault("ctxr", 0L) & 0xff)));
    }

    /** QEMU's SPARC layout (pc/npc/psr line, then the windowed registers), shortened, plus the SRMMU registers. */
    @Override
    String infoRegisters(CpuState c) {
        return String.format("pc: %08x  npc: %08x\n", c.value("pc"), c.value("npc"))
                + String.format("psr: %08x wim: %08x tbr: %08x\n", c.value("psr"), c.value("wim"), c.value("tbr"))
                + String.format("sp: %08x fp: %08x\n", c.value("sp"), c.value("fp"))
                + String.format("mmucr: %08x ctpr: %08x ctxr: %08x\n", c.value("mmucr"), c.value("ctpr"),
                        c.value("ctxr"));
    }
}
