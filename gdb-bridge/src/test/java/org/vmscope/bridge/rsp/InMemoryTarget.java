package org.vmscope.bridge.rsp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A served target made of plain arrays: one RAM bank, a page map (4 KiB pages, virtual to
 * physical), a register file and a few XML documents. Its memory content is a pure function of
 * the physical address ({@link #byteAt}), so tests compute expected bytes independently.
 */
final class InMemoryTarget implements ServedTarget {
    static final int PAGE = 4096;

    final Map<String, String> documents = new HashMap<>();
    final Map<Integer, byte[]> registers = new TreeMap<>();
    final long ramBase;
    final byte[] ram;
    final Map<Long, Long> pages = new HashMap<>();
    final AtomicInteger resumes = new AtomicInteger();
    final AtomicInteger halts = new AtomicInteger();
    final AtomicInteger steps = new AtomicInteger();
    final AtomicInteger physicalReads = new AtomicInteger();
    int generalCount = -1;
    boolean runsUntilHalted;
    boolean writable;
    volatile int pendingStop = -1;

    InMemoryTarget(long ramBase, int ramSize) {
        this.ramBase = ramBase;
        this.ram = new byte[ramSize];
        for (int i = 0; i < ramSize; i++) {
            ram[i] = byteAt(ramBase + i);
        }
    }

    /** Content of RAM at a physical address: mixes in '#', '$', '}' and '*' regularly. */
    static byte byteAt(long pa) {
        long x = pa * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56);
    }

    void mapIdentity() {
        for (long pa = ramBase; pa < ramBase + ram.length; pa += PAGE) {
            pages.put(pa, pa);
        }
    }

    void map(long va, long pa, int count) {
        for (int i = 0; i < count; i++) {
            pages.put(va + (long) i * PAGE, pa + (long) i * PAGE);
        }
    }

    void putWord(long pa, int value) {
        int off = (int) (pa - ramBase);
        for (int i = 0; i < 4; i++) {
            ram[off + i] = (byte) (value >>> (8 * i));
        }
    }

    void setRegister(int regnum, long value, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes && i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        registers.put(regnum, b);
    }

    @Override
    public Optional<String> featureDocument(String annex) {
        return Optional.ofNullable(documents.get(annex));
    }

    @Override
    public Optional<byte[]> readRegister(int regnum) throws ServedTargetException {
        byte[] v = registers.get(regnum);
        if (v == null) {
            return Optional.empty();
        }
        return Optional.of(v.clone());
    }

    @Override
    public void writeRegister(int regnum, byte[] value) {
        registers.put(regnum, value.clone());
    }

    @Override
    public int generalRegisterCount() {
        return generalCount;
    }

    @Override
    public byte[] readVirtual(long address, int length) throws ServedTargetException {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long va = address + done;
            Long pa = pages.get(va & ~(PAGE - 1L));
            if (pa == null) {
                break;  // stop at the first unmapped page: a short read
            }
            int n = (int) Math.min(length - done, PAGE - (va & (PAGE - 1)));
            System.arraycopy(physical(pa + (va & (PAGE - 1)), n), 0, out, done, n);
            done += n;
        }
        if (done == 0) {
            throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "unmapped");
        }
        return java.util.Arrays.copyOf(out, done);
    }

    @Override
    public boolean supportsPhysical() {
        return true;
    }

    @Override
    public byte[] readPhysical(long address, int length) throws ServedTargetException {
        physicalReads.incrementAndGet();
        return physical(address, length);
    }

    private byte[] physical(long pa, int length) throws ServedTargetException {
        if (pa < ramBase || pa + length > ramBase + ram.length) {
            throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "outside RAM");
        }
        byte[] out = new byte[length];
        System.arraycopy(ram, (int) (pa - ramBase), out, 0, length);
        return out;
    }

    @Override
    public void writeMemory(long address, byte[] data, boolean physical) throws ServedTargetException {
        if (!writable) {
            ServedTarget.super.writeMemory(address, data, physical);
        }
        for (int i = 0; i < data.length; i++) {
            long a = address + i;
            Long pa = physical ? Long.valueOf(a) : pages.get(a & ~(PAGE - 1L));
            if (pa == null) {
                throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "unmapped");
            }
            long p = physical ? a : pa + (a & (PAGE - 1));
            if (p < ramBase || p >= ramBase + ram.length) {
                throw new ServedTargetException(ServedTargetException.BAD_ADDRESS, "outside RAM");
            }
            ram[(int) (p - ramBase)] = data[i];
        }
    }

    @Override
    public Optional<String> monitor(String command) throws ServedTargetException {
        if (command.equals("info registers")) {
            StringBuilder s = new StringBuilder();
            for (Map.Entry<Integer, byte[]> e : registers.entrySet()) {
                s.append("r").append(e.getKey()).append('=').append(Hex.encode(e.getValue())).append('\n');
            }
            return Optional.of(s.toString());
        }
        if (command.startsWith("fail")) {
            throw new ServedTargetException(ServedTargetException.BAD_ARGUMENT, "fails");
        }
        return Optional.of("unknown command: '" + command + "'\n");
    }

    @Override
    public OptionalInt resume() {
        resumes.incrementAndGet();
        return runsUntilHalted ? OptionalInt.empty() : OptionalInt.of(5);
    }

    @Override
    public int step() {
        steps.incrementAndGet();
        return 5;
    }

    @Override
    public int halt() {
        halts.incrementAndGet();
        return 2;
    }

    @Override
    public OptionalInt pollStop() {
        int s = pendingStop;
        if (s >= 0) {
            pendingStop = -1;
            return OptionalInt.of(s);
        }
        return OptionalInt.empty();
    }

    // ---- two ready-made targets ------------------------------------------------------------

    static final String[] RV_NAMES = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3",
        "t4", "t5", "t6"};
    static final long RV_RAM = 0x80000000L;
    static final long RV_MARKER_VA = 0xffffffc0dead0000L;
    static final long RV_MARKER_PA = 0x80006000L;
    static final long RV_SATP = 0x8000000000080009L;
    static final int RV_SATP_REGNUM = 66 + 0x180;
    static final int RV_SSTATUS_REGNUM = 66 + 0x100;

    /** RV64 with its description split over included documents, like QEMU's. */
    static InMemoryTarget riscv64() {
        InMemoryTarget t = new InMemoryTarget(RV_RAM, 64 * 1024);
        t.documents.put("target.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE target SYSTEM "gdb-target.dtd">
                <target version="1.0" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <architecture>riscv:rv64</architecture>
                  <xi:include href="rv64-cpu.xml"/>
                  <xi:include href="rv64-csr.xml"/>
                </target>
                """);
        StringBuilder cpu = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"
                + "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");
        for (int i = 0; i < 32; i++) {
            String type = i == 2 ? "data_ptr" : "int";
            // only the first carries regnum: the others must be numbered in sequence
            cpu.append("  <reg name=\"").append(RV_NAMES[i]).append("\" bitsize=\"64\" type=\"").append(type)
                    .append('"').append(i == 0 ? " regnum=\"0\"" : "").append("/>\n");
        }
        cpu.append("  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\"/>\n</feature>\n");
        t.documents.put("rv64-cpu.xml", cpu.toString());
        t.documents.put("rv64-csr.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE feature SYSTEM "gdb-target.dtd">
                <feature name="org.gnu.gdb.riscv.csr">
                  <reg name="sstatus" bitsize="64" regnum="322" group="csr"/>
                  <reg name="satp" bitsize="64" regnum="450" group="csr"/>
                </feature>
                """);
        for (int i = 1; i < 32; i++) {
            t.setRegister(i, 0x1000L * i + i, 8);
        }
        t.setRegister(0, 0, 8);
        t.setRegister(2, RV_RAM + 0x8000, 8);  // sp inside RAM
        t.setRegister(32, RV_RAM, 8);          // pc
        t.setRegister(RV_SSTATUS_REGNUM, 0x200000000L, 8);
        t.setRegister(RV_SATP_REGNUM, RV_SATP, 8);
        t.generalCount = 33;
        t.mapIdentity();
        t.map(RV_MARKER_VA, RV_MARKER_PA, 2);  // dead2000 stays unmapped
        for (int i = 0; i < 1024; i++) {
            t.putWord(RV_MARKER_PA + 4L * i, 0xCAFE0000 | i);
        }
        return t;
    }

    static final long X86_RAM = 0x100000L;
    static final long X86_DIRECT_MAP = 0xffff888000000000L;
    static final long X86_CR3 = 0x101000L;

    /** A small x86-64 register file (64-bit core registers, 32-bit eflags/cs, one 128-bit xmm). */
    static InMemoryTarget x86_64() {
        InMemoryTarget t = new InMemoryTarget(X86_RAM, 256 * 1024);
        t.documents.put("target.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE target SYSTEM "gdb-target.dtd">
                <target>
                  <architecture>i386:x86-64</architecture>
                  <feature name="org.gnu.gdb.i386.core">
                    <reg name="rax" bitsize="64"/>
                    <reg name="rbx" bitsize="64"/>
                    <reg name="rip" bitsize="64" type="code_ptr"/>
                    <reg name="eflags" bitsize="32"/>
                    <reg name="cs" bitsize="32"/>
                    <reg name="cr0" bitsize="64" group="system"/>
                    <reg name="cr3" bitsize="64" group="system"/>
                    <reg name="cr4" bitsize="64" group="system"/>
                    <reg name="efer" bitsize="64" group="system"/>
                  </feature>
                  <feature name="org.gnu.gdb.i386.sse">
                    <reg name="xmm0" bitsize="128" regnum="20"/>
                  </feature>
                </target>
                """);
        t.setRegister(0, 0x1111222233334444L, 8);
        t.setRegister(1, 0x5555666677778888L, 8);
        t.setRegister(2, 0xffffffff801001a2L, 8);
        t.setRegister(3, 0x246, 4);
        t.setRegister(4, 0x8, 4);
        t.setRegister(5, 0x80010011L, 8);
        t.setRegister(6, X86_CR3, 8);
        t.setRegister(7, 0xa0, 8);
        // efer (8) left unavailable on purpose
        byte[] xmm = new byte[16];
        for (int i = 0; i < 16; i++) {
            xmm[i] = (byte) (i + 1);
        }
        t.registers.put(20, xmm);
        t.generalCount = 5;
        t.mapIdentity();
        t.map(X86_DIRECT_MAP + X86_RAM, X86_RAM, 64);
        return t;
    }
}
