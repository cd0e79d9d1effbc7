package org.vmscope.bridge.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.Ia32Format;
import org.vmscope.model.pmap.Ia32Pmap;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.Pmap;

/**
 * qemu-system-i386: one {@code org.gnu.gdb.i386.core} feature laid out like QEMU's {@code i386-32bit.xml}
 * (general and segment registers, fs/gs/k_gs base, the control registers cr0 #19, cr2, cr3 #21, cr4 #22,
 * cr8, efer #24 in group system, then the x87 registers gdb requires). CR3 holds the active page directory.
 */
final class Ia32Profile extends ArchProfile {
    static final long CR0_PE = 1;
    static final long CR0_ET = 1 << 4;
    static final long CR0_WP = 1 << 16;
    static final long CR0_PG = 1L << 31;
    static final long CR4_PSE = 1 << 4;

    private static final Tdesc TDESC = Tdesc.builder("i386")
            .feature("i386-32bit.xml", "org.gnu.gdb.i386.core")
            .regs(32, "int32", "general", "eax", "ecx", "edx", "ebx")
            .reg("esp", 32, "data_ptr", "general").reg("ebp", 32, "data_ptr", "general")
            .regs(32, "int32", "general", "esi", "edi")
            .reg("eip", 32, "code_ptr", "general")
            .regs(32, "int32", "general", "eflags", "cs", "ss", "ds", "es", "fs", "gs")
            .regs(32, "int32", "system", "fs_base", "gs_base", "k_gs_base", "cr0", "cr2", "cr3", "cr4", "cr8", "efer")
            .regs(80, "i387_ext", "float", "st0", "st1", "st2", "st3", "st4", "st5", "st6", "st7")
            .regs(32, "int", "float", "fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop")
            .build();

    @Override
    Arch arch() {
        return Arch.IA32;
    }

    @Override
    Tdesc tdesc() {
        return TDESC;
    }

    @Override
    int generalRegisterCount() {
        return -1; // QEMU's i386 g reply carries every register of the description
    }

    @Override
    String rootRegister() {
        return "cr3";
    }

    @Override
    void check(SimKernel kernel) throws SimTargetException {
        requirePmap(kernel, Ia32Pmap.class);
    }

    @Override
    CpuState state(SimKernel k, Pmap active) {
        Ia32Pmap p = choose(k, active, Ia32Pmap.class);
        long sp = kernelSp(k);
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("esp", sp);
        v.put("ebp", sp);
        v.put("eip", kernelPc(k));
        v.put("eflags", 0x2L); // reserved bit 1; interrupts off at the stop
        v.put("cs", 0x8L);
        for (String seg : List.of("ss", "ds", "es", "fs", "gs")) {
            v.put(seg, 0x10L);
        }
        v.put("cr0", CR0_PG | CR0_WP | CR0_ET | CR0_PE);
        v.put("cr3", p.cr3());
        v.put("cr4", CR4_PSE); // Phoenix-RTOS boots with 4 MiB pages enabled
        v.put("fctrl", 0x37fL); // x87 state after FNINIT
        v.put("ftag", 0xffffL);
        return mmuState(v, roots(v), p);
    }

    /** CR3 walked as a 2-level directory, PDE.PS honoured when CR4.PSE is set; nothing when CR0.PG is clear. */
    static List<PagingRoot> roots(Map<String, Long> v) {
        if ((v.getOrDefault("cr0", 0L) & CR0_PG) == 0) {
            return List.of();
        }
        Ia32Format f = new Ia32Format((v.getOrDefault("cr4", 0L) & CR4_PSE) != 0);
        return List.of(f.rootFromCr3(v.getOrDefault("cr3", 0L)));
    }

    @Override
    String infoMem(CpuState cpu, AddressTranslator mmu) {
        if (mmu.roots().isEmpty()) {
            return "PG disabled\n";
        }
        return MemListing.ia32(mmu);
    }

    /** The first lines of QEMU's x86 {@code info registers}, then its control-register line. */
    @Override
    String infoRegisters(CpuState c) {
        return String.format("EAX=%08x EBX=%08x ECX=%08x EDX=%08x\n"
                        + "ESI=%08x EDI=%08x EBP=%08x ESP=%08x\n"
                        + "EIP=%08x EFL=%08x [-------] CPL=0 II=0 A20=1 SMM=0 HLT=0\n"
                        + "CR0=%08x CR2=%08x CR3=%08x CR4=%08x\n",
                c.value("eax"), c.value("ebx"), c.value("ecx"), c.value("edx"), c.value("esi"), c.value("edi"),
                c.value("ebp"), c.value("esp"), c.value("eip"), c.value("eflags"), c.value("cr0"), c.value("cr2"),
                c.value("cr3"), c.value("cr4"));
    }
}
