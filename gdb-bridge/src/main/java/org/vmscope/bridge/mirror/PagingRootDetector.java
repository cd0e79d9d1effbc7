package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.model.pmap.Aarch64Format;
import org.vmscope.model.pmap.Armv7aShortFormat;
import org.vmscope.model.pmap.Ia32Format;
import org.vmscope.model.pmap.PageTableFormat;
import org.vmscope.model.pmap.PagingRoot;
import org.vmscope.model.pmap.RiscvFormat;
import org.vmscope.model.pmap.SrmmuFormat;
import org.vmscope.model.pmap.X86_64Format;

/**
 * Finds the architecture and the paging roots of a halted target from its target description and
 * registers: x86 CR0/CR3/CR4/EFER, RISC-V satp, AArch64 TTBR0_EL1/TTBR1_EL1/TCR_EL1/SCTLR_EL1/MAIR_EL1,
 * ARMv7-A TTBR0/TTBR1/TTBCR/SCTLR, SPARC SRMMU mmucr/ctpr/ctxr where a stub serves them (vmscope's simulator
 * does; QEMU does not, as LEON reaches them only with {@code lda} ASI 0x19). {@code --arch} replaces the description's architecture; {@code --root}
 * replaces the first root's table address (CR3, satp.PPN, TTBR0) and lets a walk go ahead with paging
 * off or registers missing, with the mode's defaults.
 */
public final class PagingRootDetector {
    private static final long AARCH64_DEFAULT_MAIR = 0xffL;

    private final RegisterSource regs;
    private final Map<String, Long> read = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private PagingRootDetector(RegisterSource regs) {
        this.regs = regs;
    }

    /** Thrown inside detection when a required register is absent; becomes the setup's problem. */
    private static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    /**
     * @param arch     the architecture to assume, or null to take it from the target description
     * @param rootPa   a top-level table address to use instead of the first root register, or empty
     * @throws RspException when the connection fails while reading registers
     */
    public static PagingSetup detect(RegisterSource regs, TargetArch arch, OptionalLong rootPa) throws RspException {
        return new PagingRootDetector(regs).run(arch, rootPa);
    }

    private PagingSetup run(TargetArch forced, OptionalLong rootPa) throws RspException {
        Optional<String> described = regs.architecture();
        TargetArch arch = forced;
        if (arch == null) {
            arch = fromDescription(described.orElse(""));
            if (arch == null) {
                return new PagingSetup(null, List.of(), read, notes, described.isPresent()
                        ? "architecture '" + described.get() + "' has no MMU the mirror knows; use --arch"
                        : "the target description names no architecture; use --arch");
            }
        }
        List<NamedRoot> roots = new ArrayList<>();
        String problem;
        try {
            problem = switch (arch) {
                case IA32, X86_64 -> x86(arch, forced != null, rootPa, roots);
                case RISCV64 -> riscv(rootPa, roots);
                case AARCH64 -> aarch64(rootPa, roots);
                case ARMV7A -> armv7a(rootPa, roots);
                case SPARC -> sparc(rootPa, roots);
            };
        } catch (Missing m) {
            problem = m.getMessage();
        }
        if (problem.isEmpty() && roots.isEmpty()) {
            problem = "no paging root to walk";
        }
        TargetArch finalArch = roots.isEmpty() ? arch : archOf(roots.get(0).root().format(), arch);
        return new PagingSetup(finalArch, problem.isEmpty() ? roots : List.of(), read, notes, problem);
    }

    /** The {@code <architecture>} of QEMU's descriptions; x86 is settled later by EFER.LMA. */
    static TargetArch fromDescription(String architecture) {
        String a = architecture.trim();
        if (a.equals("i386:x86-64") || a.equals("x86-64")) {
            return TargetArch.X86_64;
        }
        if (a.startsWith("i386") || a.startsWith("i486") || a.startsWith("i686")) {
            return TargetArch.IA32;
        }
        if (a.equals("riscv:rv64")) {
            return TargetArch.RISCV64;
        }
        if (a.startsWith("aarch64")) {
            return TargetArch.AARCH64;
        }
        if (a.equals("arm") || a.startsWith("armv7") || a.startsWith("arm:")) {
            return TargetArch.ARMV7A;
        }
        if (a.equals("sparc") || a.equals("sparc:v8")) {
            return TargetArch.SPARC;
        }
        return null;
    }

    private static TargetArch archOf(PageTableFormat f, TargetArch fallback) {
        if (f instanceof X86_64Format) {
            return TargetArch.X86_64;
        }
        if (f instanceof Ia32Format) {
            return TargetArch.IA32;
        }
        return fallback;
    }

    private OptionalLong opt(String name, int bits) throws RspException {
        OptionalLong v = regs.read(name, bits);
        if (v.isPresent()) {
            read.put(name, v.getAsLong());
        }
        return v;
    }

    private long need(String name, int bits, OptionalLong rootPa, long fallback) throws RspException, Missing {
        OptionalLong v = opt(name, bits);
        if (v.isPresent()) {
            return v.getAsLong();
        }
        if (rootPa.isPresent()) {
            notes.add("register " + name + " is missing; assuming 0x" + Long.toHexString(fallback));
            return fallback;
        }
        throw new Missing("register " + name + " is missing from the target description (or unavailable)");
    }

    private static boolean bit(long v, int n) {
        return (v >>> n & 1) != 0;
    }

    // ---- x86 --------------------------------------------------------------------------------

    private String x86(TargetArch arch, boolean forced, OptionalLong rootPa, List<NamedRoot> roots)
            throws RspException, Missing {
        boolean x64Desc = arch == TargetArch.X86_64;
        long cr0 = need("cr0", 0, rootPa, 1L << 31);
        long cr3 = need("cr3", 0, rootPa, 0);
        long cr4 = opt("cr4", 0).orElse(0);
        OptionalLong eferReg = opt("efer", 0);
        // Without EFER, a 64-bit description suggests long mode with NX, as every x86_64 kernel runs.
        boolean lma = eferReg.isPresent() ? bit(eferReg.getAsLong(), 10) : x64Desc;
        boolean nxe = eferReg.isPresent() ? bit(eferReg.getAsLong(), 11) : x64Desc;
        if (!bit(cr0, 31)) {
            if (rootPa.isEmpty()) {
                return "paging is off (cr0.PG = 0)";
            }
            notes.add("paging is off (cr0.PG = 0); walking --root anyway");
        }
        boolean longMode = forced ? arch == TargetArch.X86_64 : lma;
        if (longMode) {
            if (bit(cr4, 12)) {
                return "5-level paging (cr4.LA57) is not supported";
            }
            if (!lma) {
                notes.add("efer.LMA = 0: the CPU is not in long mode; walking as 4-level anyway");
            }
            X86_64Format f = new X86_64Format(nxe);
            roots.add(root("cr3", cr3, f.rootFromCr3(cr3), rootPa));
            return "";
        }
        if (bit(cr4, 5)) {
            return "PAE paging (cr4.PAE without long mode) is not supported";
        }
        Ia32Format f = new Ia32Format(bit(cr4, 4));
        roots.add(root("cr3", cr3, f.rootFromCr3(cr3), rootPa));
        return "";
    }

    private static NamedRoot root(String reg, long value, PagingRoot fromRegister, OptionalLong rootPa) {
        if (rootPa.isPresent()) {
            return new NamedRoot("--root", rootPa.getAsLong(), new PagingRoot(fromRegister.format(), rootPa.getAsLong()));
        }
        return new NamedRoot(reg, value, fromRegister);
    }

    // ---- RISC-V -----------------------------------------------------------------------------

    private String riscv(OptionalLong rootPa, List<NamedRoot> roots) throws RspException, Missing {
        long satp = need("satp", 0, rootPa, RiscvFormat.sv48().satp(0));
        OptionalLong priv = opt("priv", 0);
        RiscvFormat.Satp s = RiscvFormat.decodeSatp(satp);
        if (priv.isPresent() && priv.getAsLong() == 3) {
            notes.add("the hart is in M-mode: satp does not translate its own accesses");
        }
        if (!s.translated()) {
            if (rootPa.isEmpty()) {
                return s.problem();
            }
            notes.add(s.problem() + "; walking --root as Sv48");
            roots.add(new NamedRoot("--root", rootPa.getAsLong(), new PagingRoot(RiscvFormat.sv48(), rootPa.getAsLong())));
            return "";
        }
        if (s.asid() != 0) {
            notes.add("satp.ASID = " + s.asid());
        }
        roots.add(root("satp", satp, s.root(), rootPa));
        return "";
    }

    // ---- AArch64 ----------------------------------------------------------------------------

    private String aarch64(OptionalLong rootPa, List<NamedRoot> roots) throws RspException, Missing {
        OptionalLong sctlr = opt("SCTLR_EL1", 64);
        if (sctlr.isEmpty()) {
            sctlr = opt("SCTLR", 64); // QEMU 7.2 names SCTLR_EL1 "SCTLR"
        }
        long tcr = need("TCR_EL1", 0, rootPa, 16);
        long ttbr0 = need("TTBR0_EL1", 0, rootPa, 0);
        OptionalLong ttbr1 = opt("TTBR1_EL1", 0);
        OptionalLong mairReg = opt("MAIR_EL1", 0);
        long mair = mairReg.orElse(AARCH64_DEFAULT_MAIR);
        if (mairReg.isEmpty()) {
            notes.add("MAIR_EL1 is missing: every page is shown as normal write-back memory");
        }
        if (sctlr.isPresent() && !bit(sctlr.getAsLong(), 0)) {
            if (rootPa.isEmpty()) {
                return "the MMU is off (SCTLR_EL1.M = 0)";
            }
            notes.add("the MMU is off (SCTLR_EL1.M = 0); walking --root anyway");
        } else if (sctlr.isEmpty()) {
            notes.add("SCTLR_EL1 is missing: assuming the MMU is on");
        }
        List<String> skipped = new ArrayList<>();
        // TTBR0: T0SZ bits 5:0, EPD0 bit 7, TG0 bits 15:14 (00 = 4 KiB)
        int t0sz = (int) (tcr & 0x3f);
        if (bit(tcr, 7) && rootPa.isEmpty()) {
            skipped.add("TTBR0 walks are disabled (TCR_EL1.EPD0)");
        } else if ((tcr >>> 14 & 3) != 0) {
            skipped.add("TTBR0 granule (TG0 = " + (tcr >>> 14 & 3) + ") is not 4 KiB");
        } else if (64 - t0sz < 25 || 64 - t0sz > 48) {
            skipped.add("T0SZ = " + t0sz + " is outside 16..39");
        } else {
            Aarch64Format f = new Aarch64Format(64 - t0sz, false, mair);
            roots.add(root("TTBR0_EL1", ttbr0, f.rootFromTtbr(ttbr0), rootPa));
        }
        // TTBR1: T1SZ bits 21:16, EPD1 bit 23, TG1 bits 31:30 (10 = 4 KiB)
        int t1sz = (int) (tcr >>> 16 & 0x3f);
        if (bit(tcr, 23)) {
            notes.add("TTBR1 walks are disabled (TCR_EL1.EPD1)");
        } else if (ttbr1.isEmpty()) {
            notes.add("TTBR1_EL1 is missing: the upper VA range is not walked");
        } else if ((tcr >>> 30 & 3) != 2) {
            skipped.add("TTBR1 granule (TG1 = " + (tcr >>> 30 & 3) + ") is not 4 KiB");
        } else if (64 - t1sz < 25 || 64 - t1sz > 48) {
            skipped.add("T1SZ = " + t1sz + " is outside 16..39");
        } else {
            Aarch64Format f = new Aarch64Format(64 - t1sz, true, mair);
            roots.add(new NamedRoot("TTBR1_EL1", ttbr1.getAsLong(), f.rootFromTtbr(ttbr1.getAsLong())));
        }
        notes.addAll(skipped);
        return roots.isEmpty() ? "no TTBR region can be walked: " + String.join("; ", skipped) : "";
    }

    // ---- ARMv7-A ----------------------------------------------------------------------------

    private String armv7a(OptionalLong rootPa, List<NamedRoot> roots) throws RspException, Missing {
        OptionalLong sctlr = opt("SCTLR", 32);
        OptionalLong ttbcrReg = opt("TTBCR", 32);
        if (sctlr.isEmpty() && ttbcrReg.isEmpty() && rootPa.isEmpty()) {
            return "no MMU registers (SCTLR, TTBCR) in the target description: an M-profile core has no page tables";
        }
        long ttbcr = ttbcrReg.orElse(0);
        if (ttbcrReg.isEmpty()) {
            notes.add("TTBCR is missing: assuming N = 0");
        }
        if (sctlr.isPresent()) {
            long s = sctlr.getAsLong();
            if (!bit(s, 0)) {
                if (rootPa.isEmpty()) {
                    return "the MMU is off (SCTLR.M = 0)";
                }
                notes.add("the MMU is off (SCTLR.M = 0); walking --root anyway");
            }
            if (bit(s, 28)) {
                notes.add("SCTLR.TRE = 1: memory types are decoded as if TEX remap were off");
            }
            if (bit(s, 29)) {
                notes.add("SCTLR.AFE = 1: AP[0] is an access flag, rights are decoded with the full AP[2:0] model");
            }
        }
        if (bit(ttbcr, 31)) {
            return "long descriptors (TTBCR.EAE = 1, LPAE) are not supported";
        }
        int n = (int) (ttbcr & 7);
        long ttbr0 = armTtbr("TTBR0_EL1", "TTBR0", rootPa);
        if (bit(ttbcr, 4) && rootPa.isEmpty()) {
            notes.add("TTBR0 walks are disabled (TTBCR.PD0)");
        } else {
            Armv7aShortFormat f = Armv7aShortFormat.ttbr0(n);
            roots.add(root("TTBR0", ttbr0, f.rootFromTtbr(ttbr0), rootPa));
        }
        if (n > 0) {
            if (bit(ttbcr, 5)) {
                notes.add("TTBR1 walks are disabled (TTBCR.PD1)");
            } else {
                OptionalLong ttbr1 = armTtbrOpt("TTBR1_EL1", "TTBR1");
                if (ttbr1.isEmpty()) {
                    notes.add("TTBR1 is missing: VAs from 0x" + Long.toHexString(1L << (32 - n)) + " are not walked");
                } else {
                    Armv7aShortFormat f = Armv7aShortFormat.ttbr1(n);
                    roots.add(new NamedRoot("TTBR1", ttbr1.getAsLong(), f.rootFromTtbr(ttbr1.getAsLong())));
                }
            }
        }
        return "";
    }

    // ---- SPARC SRMMU -------------------------------------------------------------------------

    /**
     * The walk starts at the current context's context-table entry. {@code --root} names that entry's
     * physical address (context table + 4 x context) directly, for stubs without the MMU registers.
     */
    private String sparc(OptionalLong rootPa, List<NamedRoot> roots) throws RspException {
        if (rootPa.isPresent()) {
            long slot = rootPa.getAsLong();
            roots.add(new NamedRoot("--root", slot, new PagingRoot(SrmmuFormat.contextRooted(), slot)));
            return "";
        }
        OptionalLong ctpr = opt("ctpr", 32);
        OptionalLong ctxr = opt("ctxr", 32);
        if (ctpr.isEmpty() || ctxr.isEmpty()) {
            return "the SRMMU registers (ctpr, ctxr) are not served by this stub (QEMU's LEON3 reaches them only"
                    + " with lda ASI 0x19); give --root with the physical address of the current context's"
                    + " context-table entry (context table + 4 x context)";
        }
        OptionalLong mmucr = opt("mmucr", 32);
        if (mmucr.isPresent() && !bit(mmucr.getAsLong(), 0)) {
            return "the SRMMU is off (mmucr.E = 0)";
        }
        long table = SrmmuFormat.contextTableFromCtpr(ctpr.getAsLong());
        int context = (int) (ctxr.getAsLong() & 0xff);
        notes.add(String.format("context %d of the context table at 0x%x", context, table));
        roots.add(new NamedRoot("ctxr", ctxr.getAsLong(), SrmmuFormat.contextRoot(table, context)));
        return "";
    }

    /** QEMU names the 32-bit TTBRs {@code TTBR0_EL1}/{@code TTBR1_EL1}; the 64-bit views {@code TTBR0}/{@code TTBR1}. */
    private OptionalLong armTtbrOpt(String name32, String name64) throws RspException {
        OptionalLong v = opt(name32, 32);
        if (v.isEmpty()) {
            v = opt(name64, 64);
            if (v.isPresent()) {
                v = OptionalLong.of(v.getAsLong() & 0xFFFFFFFFL);
            }
        }
        return v;
    }

    private long armTtbr(String name32, String name64, OptionalLong rootPa) throws RspException, Missing {
        OptionalLong v = armTtbrOpt(name32, name64);
        if (v.isPresent()) {
            return v.getAsLong();
        }
        if (rootPa.isPresent()) {
            return rootPa.getAsLong();
        }
        throw new Missing("register " + name32 + " (TTBR0) is missing from the target description");
    }
}
