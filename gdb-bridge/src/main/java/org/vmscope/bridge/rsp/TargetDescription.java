package org.vmscope.bridge.rsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed target description (target.xml plus included documents): the registers with their
 * numbers and sizes, grouped by feature. Names can repeat (QEMU's ARM description has two PAR
 * registers), so look-ups by name take the feature and, where needed, the size.
 */
public final class TargetDescription {
    private final String architecture;
    private final List<RegisterInfo> registers;
    private final Map<String, String> documents;
    private final List<String> features;

    TargetDescription(String architecture, List<RegisterInfo> registers, List<String> features,
                      Map<String, String> documents) {
        this.architecture = architecture;
        this.features = List.copyOf(new LinkedHashSet<>(features));
        List<RegisterInfo> sorted = new ArrayList<>(registers);
        sorted.sort(Comparator.comparingInt(RegisterInfo::regnum));
        this.registers = Collections.unmodifiableList(sorted);
        this.documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    }

    /** The {@code <architecture>} text, e.g. {@code i386:x86-64} or {@code riscv:rv64}. */
    public Optional<String> architecture() {
        return Optional.ofNullable(architecture);
    }

    /** All registers in regnum order. */
    public List<RegisterInfo> registers() {
        return registers;
    }

    /** Feature names in document order. */
    public List<String> features() {
        return features;
    }

    /** The XML documents read, by annex name (target.xml first). */
    public Map<String, String> documents() {
        return documents;
    }

    public Optional<RegisterInfo> byRegnum(int regnum) {
        for (RegisterInfo r : registers) {
            if (r.regnum() == regnum) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** First register named {@code name} (exact case) in {@code feature}. */
    public Optional<RegisterInfo> find(String feature, String name) {
        return registers.stream().filter(r -> r.feature().equals(feature) && r.name().equals(name)).findFirst();
    }

    /** Register named {@code name} in {@code feature} with the given width (for duplicated names). */
    public Optional<RegisterInfo> find(String feature, String name, int bitsize) {
        return registers.stream()
                .filter(r -> r.feature().equals(feature) && r.name().equals(name) && r.bitsize() == bitsize)
                .findFirst();
    }

    /** First register named {@code name} in any feature, ignoring case. */
    public Optional<RegisterInfo> find(String name) {
        return registers.stream().filter(r -> r.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Every register named {@code name} (exact case), in regnum order. */
    public List<RegisterInfo> findAll(String name) {
        return registers.stream().filter(r -> r.name().equals(name)).toList();
    }

    /** Registers of one feature, in regnum order. */
    public List<RegisterInfo> feature(String feature) {
        return registers.stream().filter(r -> r.feature().equals(feature)).toList();
    }

    /**
     * Byte offset of {@code reg} in a {@code g} reply: registers are laid out in regnum order
     * without gaps for unused numbers (QEMU's ARM cpsr is regnum 25 but follows r15 directly).
     */
    public int gOffset(RegisterInfo reg) {
        int off = 0;
        for (RegisterInfo r : registers) {
            if (r.regnum() == reg.regnum()) {
                return off;
            }
            off += r.byteSize();
        }
        throw new IllegalArgumentException("register " + reg.name() + " is not in this description");
    }
}
