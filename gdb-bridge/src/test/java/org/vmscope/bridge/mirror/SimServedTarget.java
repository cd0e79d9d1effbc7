package org.vmscope.bridge.mirror;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmscope.bridge.rsp.ServedTarget;
import org.vmscope.bridge.rsp.ServedTargetException;
import org.vmscope.model.phys.MemoryAccessException;
import org.vmscope.model.phys.RamBank;
import org.vmscope.model.phys.SimPhysicalMemory;
import org.vmscope.model.pmap.PageTableFormat;

/**
 * A served target that behaves like QEMU where it matters to the mirror: physical reads outside RAM
 * answer zeros (so only the client can refuse them), {@code info mtree -f} and {@code xp} work, and
 * every physical access is logged so tests can check what reached the target.
 */
final class SimServedTarget implements ServedTarget {
    static final long MMIO = 0x10000000L;
    private static final Pattern XP = Pattern.compile("xp /(\\d+)xb 0x([0-9a-f]+)");

    final SimPhysicalMemory mem;
    final List<RamBank> banks;
    final Map<Integer, Long> registers = new HashMap<>();
    final Map<String, String> documents = new HashMap<>();
    final List<long[]> physicalReads = Collections.synchronizedList(new ArrayList<>());
    boolean phymem = true;
    private long nextTable;

    SimServedTarget(String architecture, List<String[]> regs, List<RamBank> banks, long tableBase) {
        this.banks = banks;
        this.mem = new SimPhysicalMemory(banks);
        this.nextTable = tableBase;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><target><architecture>").append(architecture)
                .append("</architecture><feature name=\"org.vmscope.test\">");
        int regnum = 0;
        for (String[] r : regs) {
            xml.append("<reg name=\"").append(r[0]).append("\" bitsize=\"").append(r[1]).append("\" regnum=\"")
                    .append(regnum++).append("\"/>");
        }
        documents.put("target.xml", xml.append("</feature></target>").toString());
    }

    /** A riscv64 target: RAM at 0x80000000, satp as register 1. */
    static SimServedTarget riscv(long ramSize) {
        return new SimServedTarget("riscv:rv64", List.of(new String[] {"pc", "64"}, new String[] {"satp", "64"},
                new String[] {"priv", "64"}), List.of(new RamBank(0x80000000L, ramSize)), 0x80100000L);
    }

    long newTable() {
        long t = nextTable;
        nextTable += 0x1000;
        return t;
    }

    void putEntry(PageTableFormat f, long pa, long raw) {
        try {
            mem.write(pa, f.entryBytes(raw));
        } catch (MemoryAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Maps one leaf at {@code level}, creating tables on the way as the format encodes them. */
    void map(PageTableFormat f, long rootPa, long va, long pa, int attr, int level) {
        long table = rootPa;
        for (int l = 0; l < level; l++) {
            long entryPa = table + (long) f.geometry().index(va, l) * f.geometry().entryBytes();
            long raw = read(f, entryPa);
            if (!f.decode(raw, l).isTable()) {
                long t = newTable();
                raw = f.encodeTable(t, l);
                putEntry(f, entryPa, raw);
            }
            table = f.decode(raw, l).pa();
        }
        putEntry(f, table + (long) f.geometry().index(va, level) * f.geometry().entryBytes(), f.encodeLeaf(pa, attr, level));
    }

    private long read(PageTableFormat f, long pa) {
        try {
            byte[] b = mem.read(pa, f.geometry().entryBytes());
            return f.entryAt(b, 0);
        } catch (MemoryAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean readOutsideRam() {
        synchronized (physicalReads) {
            return physicalReads.stream().anyMatch(r -> !mem.isRam(r[0], r[1]));
        }
    }

    long physicalBytesRead() {
        synchronized (physicalReads) {
            return physicalReads.stream().mapToLong(r -> r[1]).sum();
        }
    }

    @Override
    public Optional<String> featureDocument(String annex) {
        return Optional.ofNullable(documents.get(annex));
    }

    @Override
    public Optional<byte[]> readRegister(int regnum) throws ServedTargetException {
        Long v = registers.get(regnum);
        if (v == null) {
            if (regnum < 3) {
                return Optional.empty();
            }
            throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "no register " + regnum);
        }
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return Optional.of(b);
    }

    @Override
    public byte[] readVirtual(long address, int length) throws ServedTargetException {
        throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "no virtual reads here");
    }

    @Override
    public boolean supportsPhysical() {
        return phymem;
    }

    @Override
    public byte[] readPhysical(long address, int length) {
        physicalReads.add(new long[] {address, length});
        return physical(address, length);
    }

    /** Like QEMU: RAM bytes, zeros anywhere else. */
    private byte[] physical(long address, int length) {
        if (mem.isRam(address, length)) {
            try {
                return mem.read(address, length);
            } catch (MemoryAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return new byte[length];
    }

    @Override
    public Optional<String> monitor(String command) {
        if (command.equals("info mtree -f")) {
            StringBuilder sb = new StringBuilder("FlatView #0\n AS \"I/O\", root: io\n Root memory region: io\n"
                    + "  0000000000000000-0000000000000007 (prio 0, ram): not-system\n"
                    + "FlatView #1\n AS \"memory\", root: system\n Root memory region: system\n");
            sb.append(String.format("  %016x-%016x (prio 0, i/o): uart%n", MMIO, MMIO + 0xfff));
            for (RamBank b : banks) {
                sb.append(String.format("  %016x-%016x (prio 0, ram): sim.ram%n", b.base(), b.base() + b.size() - 1));
            }
            return Optional.of(sb.toString());
        }
        Matcher m = XP.matcher(command);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            long at = Long.parseUnsignedLong(m.group(2), 16);
            physicalReads.add(new long[] {at, n});
            byte[] data = physical(at, n);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i % 8 == 0) {
                    sb.append(i == 0 ? "" : "\n").append(String.format("%016x:", at + i));
                }
                sb.append(String.format(" 0x%02x", data[i] & 0xff));
            }
            return Optional.of(sb.append('\n').toString());
        }
        return Optional.of("unknown command: '" + command + "'\n");
    }
}
