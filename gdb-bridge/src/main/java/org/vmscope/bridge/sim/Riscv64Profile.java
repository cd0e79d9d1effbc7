package org.vmscope.bridge.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.RiscvPmap;

/**
 * qemu-system-riscv64: {@code riscv-64bit-cpu.xml} (x0-x31 by ABI name, pc), the virtual {@code priv} #65
 * and S-mode CSRs numbered like QEMU (66 + CSR number, so satp is #450). {@code g} carries x0-x31 and pc.
 */
final class Riscv64Profile extends ArchProfile {
    static final int CSR_BASE = 66;
    static final long SSTATUS_SUM = 1L << 18;
    static final long SSTATUS_UXL64 = 2L << 32;

    private static final String[] ABI = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};

    private static final Tdesc TDESC = buildTdesc();

    private static Tdesc buildTdesc() {
        Tdesc.Builder b = Tdesc.builder("riscv:rv64").feature("riscv-64bit-cpu.xml", "org.gnu.gdb.riscv.cpu").at(0);
        for (String n : ABI) {
            b.reg(n, 64, n.equals("sp") || n.equals("fp") ? "data_ptr" : "int", "general");
        }
        b.reg("pc", 64, "code_ptr", "general");
        b.feature("riscv-64bit-virtual.xml", "org.gnu.gdb.riscv.virtual").at(65).reg("priv", 64, "int", "general");
        b.feature("riscv-csr.xml", "org.gnu.gdb.riscv.csr");
        csr(b, "sstatus", 0x100);
        csr(b, "sie", 0x104);
        csr(b, "stvec", 0x105);
        csr(b, "sscratch", 0x140);
        csr(b, "sepc", 0x141);
        csr(b, "scause", 0x142);
        csr(b, "stval", 0x143);
        csr(b, "sip", 0x144);
        csr(b, "satp", 0x180);
        return b.build();
    }

    private static void csr(Tdesc.Builder b, String name, int number) {
        b.at(CSR_BASE + number).reg(name, 64, "int", "csr");
    }

    @Override
    Arch arch() {
        return Arch.RISCV64;
    }

    @Override
    Tdesc tdesc() {
        return TDESC;
    }

    @Override
    int generalRegisterCount() {
        return 33;
    }

    @Override
    String rootRegister() {
        return "satp";
    }

    @Override
    void check(SimKernel kernel) throws SimTargetException {
        requirePmap(kernel, RiscvPmap.class);
    }

    @Override
    CpuState state(SimKernel k, Pmap active) {
        RiscvPmap p = choose(k, active, RiscvPmap.class);
        long sp = kernelSp(k);
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("sp", sp);
        v.put("fp", sp);
        v.put("pc", kernelPc(k));
        v.put("priv", 1L); // S-mode: the kernel runs under SBI
        v.put("sstatus", SSTATUS_UXL64 | SSTATUS_SUM);
        v.put("stvec", kernelPc(k));
        v.put("satp", p.satp());
        return mmuState(v, roots(v), p);
    }

    /** satp decoded: Sv39/Sv48/Sv57 root, nothing in Bare mode. */
    static List<PagingRoot> roots(Map<String, Long> v) {
        RiscvFormat.Satp s = RiscvFormat.decodeSatp(v.getOrDefault("satp", 0L));
        return s.translated() ? List.of(s.root()) : List.of();
    }

    @Override
    String infoMem(CpuState cpu, AddressTranslator mmu) {
        return MemListing.riscv(mmu);
    }

    /** QEMU's layout ({@code " %-8s %016x"}), shortened to pc, the S-mode CSRs and the stack registers. */
    @Override
    String infoRegisters(CpuState c) {
        StringBuilder s = new StringBuilder(String.format(" %-8s %016x\n", "pc", c.value("pc")));
        for (String csr : List.of("sstatus", "stvec", "sepc", "scause", "stval", "satp")) {
            s.append(String.format(" %-8s %016x\n", csr, c.value(csr)));
        }
        s.append(String.format(" %-8s %016x %-8s %016x\n", "x1/ra", c.value("ra"), "x2/sp", c.value("sp")));
        return s.toString();
    }
}
