package org.vmscope.bridge.sim;

import java.util.List;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.pmap.MappedRange;
import org.vmscope.model.pmap.PageAttr;
import org.vmscope.model.pmap.RiscvFormat;

/** The monitor's {@code info mem} listings: QEMU's text for x86 and RISC-V, a table of ours elsewhere. */
final class MemListing {
    private static final String RISCV_HEADER = "vaddr            paddr            size             attr\n"
            + "---------------- ---------------- ---------------- -------\n";

    private MemListing() {
    }

    /**
     * QEMU's 32-bit x86 listing: {@code start-end size} and {@code [u-]r[w-]}, one line per run of VAs with
     * the same effective user/write rights, physical addresses ignored (QEMU merges across them too).
     */
    static String ia32(AddressTranslator mmu) {
        StringBuilder s = new StringBuilder();
        long start = 0;
        long end = 0;
        int prot = -1;
        for (MappedRange r : mmu.ranges()) {
            int p = r.attr() & (PageAttr.USER | PageAttr.WRITE);
            if (prot >= 0 && p == prot && end == r.va()) {
                end = r.va() + r.size();
                continue;
            }
            if (prot >= 0) {
                ia32Line(s, start, end, prot);
            }
            start = r.va();
            end = r.va() + r.size();
            prot = p;
        }
        if (prot >= 0) {
            ia32Line(s, start, end, prot);
        }
        return s.toString();
    }

    private static void ia32Line(StringBuilder s, long start, long end, int prot) {
        s.append(String.format("%08x-%08x %08x %c%c%c\n", start, end, end - start,
                (prot & PageAttr.USER) != 0 ? 'u' : '-', 'r', (prot & PageAttr.WRITE) != 0 ? 'w' : '-'));
    }

    /**
     * QEMU's RISC-V listing: a header, then {@code vaddr paddr size rwxugad} per run of leaves contiguous in
     * VA and PA with equal low PTE bits.
     */
    static String riscv(AddressTranslator mmu) {
        if (mmu.roots().isEmpty()) {
            return "No translation or protection\n";
        }
        StringBuilder s = new StringBuilder(RISCV_HEADER);
        long va = 0;
        long pa = 0;
        long size = 0;
        long bits = -1;
        for (AddressTranslator.Leaf l : mmu.leaves()) {
            long b = l.entry().raw() & 0xff;
            if (size != 0 && b == bits && va + size == l.va() && pa + size == l.pa()) {
                size += l.size();
                continue;
            }
            if (size != 0) {
                riscvLine(s, va, pa, size, bits);
            }
            va = l.va();
            pa = l.pa();
            size = l.size();
            bits = b;
        }
        if (size != 0) {
            riscvLine(s, va, pa, size, bits);
        }
        return s.toString();
    }

    private static void riscvLine(StringBuilder s, long va, long pa, long size, long b) {
        s.append(String.format("%016x %016x %016x %c%c%c%c%c%c%c\n", va, pa, size,
                (b & RiscvFormat.R) != 0 ? 'r' : '-', (b & RiscvFormat.W) != 0 ? 'w' : '-',
                (b & RiscvFormat.X) != 0 ? 'x' : '-', (b & RiscvFormat.U) != 0 ? 'u' : '-',
                (b & RiscvFormat.G) != 0 ? 'g' : '-', (b & RiscvFormat.A) != 0 ? 'a' : '-',
                (b & RiscvFormat.D) != 0 ? 'd' : '-'));
    }

    /**
     * QEMU's {@code info mtree}: the system address space with one {@code ram} region per bank, which is how
     * a client learns the RAM layout (QEMU offers no {@code qXfer:memory-map}). {@code flat} gives the
     * {@code -f} form.
     */
    static String mtree(List<RamBank> banks, boolean flat) {
        StringBuilder s = new StringBuilder();
        if (flat) {
            s.append("FlatView #0\n AS \"memory\", root: system\n AS \"cpu-memory-0\", root: system\n"
                    + " Root memory region: system\n");
        } else {
            s.append("address-space: memory\n  0000000000000000-ffffffffffffffff (prio 0, container): system\n");
        }
        int i = 0;
        for (RamBank b : banks) {
            s.append(String.format("%s%016x-%016x (prio 0, ram): vmscope.ram%d\n", flat ? "  " : "    ", b.base(),
                    b.base() + b.size() - 1, i++));
        }
        return s.toString();
    }

    /**
     * vmscope's listing where QEMU has no {@code info mem} (ARM, SPARC): RISC-V's columns with the merged
     * ranges of the walker and {@code rwxug} (rights of any privilege, user access, global). Without an MMU,
     * RAM is listed as mapped to itself.
     */
    static String generic(AddressTranslator mmu, int digits) {
        String col = "-".repeat(digits);
        StringBuilder s = new StringBuilder(String.format("%-" + digits + "s %-" + digits + "s %-" + digits
                + "s attr\n%s %s %s -----\n", "vaddr", "paddr", "size", col, col, col));
        String row = "%0" + digits + "x %0" + digits + "x %0" + digits + "x %s\n";
        if (mmu.identity()) {
            List<RamBank> banks = mmu.ramBanks();
            for (RamBank b : banks) {
                s.append(String.format(row, b.base(), b.base(), b.size(), "rwx--"));
            }
            return s.toString();
        }
        for (MappedRange r : mmu.ranges()) {
            String attr = "" + ((r.attr() & PageAttr.READ) != 0 ? 'r' : '-') + ((r.attr() & PageAttr.WRITE) != 0 ? 'w'
                    : '-') + ((r.attr() & PageAttr.EXEC) != 0 ? 'x' : '-') + ((r.attr() & PageAttr.USER) != 0 ? 'u'
                    : '-') + (r.global() ? 'g' : '-');
            s.append(String.format(row, r.va(), r.pa(), r.size(), attr));
        }
        return s.toString();
    }
}
