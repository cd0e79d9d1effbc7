package org.vmscope.bridge.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target description shaped like QEMU's: a {@code target.xml} naming the architecture and including one
 * annex per feature, every register with an explicit regnum so the numbering never depends on a reader's
 * counting rules.
 */
final class Tdesc {
    private static final String XML_DECL = "<?xml version=\"1.0\"?>\n";

    private final String architecture;
    private final Map<String, String> documents;
    private final List<SimRegister> registers;
    private final Map<String, SimRegister> byName = new LinkedHashMap<>();

    private Tdesc(String architecture, Map<String, String> documents, List<SimRegister> registers) {
        this.architecture = architecture;
        this.documents = Collections.unmodifiableMap(documents);
        this.registers = List.copyOf(registers);
        for (SimRegister r : registers) {
            byName.putIfAbsent(r.name(), r);
        }
    }

    String architecture() {
        return architecture;
    }

    /** {@code target.xml} and the included annexes, by annex name. */
    Map<String, String> documents() {
        return documents;
    }

    /** Every register, in document order (which is regnum order). */
    List<SimRegister> registers() {
        return registers;
    }

    Optional<SimRegister> register(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<SimRegister> register(int regnum) {
        for (SimRegister r : registers) {
            if (r.regnum() == regnum) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static Builder builder(String architecture) {
        return new Builder(architecture);
    }

    /** Collects features and registers; regnums count up from the previous one unless set with {@link #at}. */
    static final class Builder {
        private final String architecture;
        private final Map<String, String> documents = new LinkedHashMap<>();
        private final List<SimRegister> all = new ArrayList<>();
        private final List<String> includes = new ArrayList<>();
        private String annex;
        private String feature;
        private List<SimRegister> current;
        private int next;

        private Builder(String architecture) {
            this.architecture = architecture;
        }

        Builder feature(String annexName, String featureName) {
            close();
            annex = annexName;
            feature = featureName;
            current = new ArrayList<>();
            return this;
        }

        /** The next register gets {@code regnum}. */
        Builder at(int regnum) {
            next = regnum;
            return this;
        }

        Builder reg(String name, int bitsize, String type, String group) {
            if (current == null) {
                throw new IllegalStateException("register outside a feature");
            }
            SimRegister r = new SimRegister(name, bitsize, next++, type, group);
            current.add(r);
            all.add(r);
            return this;
        }

        Builder reg(String name, int bitsize, String type) {
            return reg(name, bitsize, type, "");
        }

        Builder regs(int bitsize, String type, String group, String... names) {
            for (String n : names) {
                reg(n, bitsize, type, group);
            }
            return this;
        }

        private void close() {
            if (current == null) {
                return;
            }
            StringBuilder x = new StringBuilder(XML_DECL).append("<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n");
            x.append("<feature name=\"").append(feature).append("\">\n");
            for (SimRegister r : current) {
                x.append("  <reg name=\"").append(r.name()).append("\" bitsize=\"").append(r.bitsize())
                        .append("\" type=\"").append(r.type()).append("\" regnum=\"").append(r.regnum()).append('"');
                if (!r.group().isEmpty()) {
                    x.append(" group=\"").append(r.group()).append('"');
                }
                x.append("/>\n");
            }
            x.append("</feature>\n");
            documents.put(annex, x.toString());
            includes.add(annex);
            current = null;
        }

        Tdesc build() {
            close();
            StringBuilder t = new StringBuilder(XML_DECL).append("<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n");
            t.append("<target>\n  <architecture>").append(architecture).append("</architecture>\n");
            for (String a : includes) {
                t.append("  <xi:include href=\"").append(a).append("\"/>\n");
            }
            t.append("</target>\n");
            Map<String, String> docs = new LinkedHashMap<>();
            docs.put("target.xml", t.toString());
            docs.putAll(documents);
            return new Tdesc(architecture, docs, all);
        }
    }
}
