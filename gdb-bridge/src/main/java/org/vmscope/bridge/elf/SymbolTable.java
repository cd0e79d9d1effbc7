package org.vmscope.bridge.elf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Symbols of .symtab and/or .dynsym with lookup by name, by name within a source file, and by address. */
public final class SymbolTable {
    private final List<ElfSymbol> all;
    private final Map<String, List<ElfSymbol>> byName = new HashMap<>();
    private final ElfSymbol[] byAddress;
    private final long maxSize;

    public SymbolTable(List<ElfSymbol> symbols) {
        this.all = List.copyOf(symbols);
        List<ElfSymbol> addressable = new ArrayList<>();
        long max = 0;
        for (ElfSymbol s : all) {
            if (!s.name().isEmpty() && s.type() != ElfSymbol.STT_FILE && s.type() != ElfSymbol.STT_SECTION) {
                byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
            }
            if (s.isDefined() && s.isCodeOrData() && s.sectionIndex() != ElfSymbol.SHN_COMMON) {
                addressable.add(s);
                max = Math.max(max, s.size());
            }
        }
        addressable.sort(Comparator.comparing(ElfSymbol::value, Long::compareUnsigned));
        this.byAddress = addressable.toArray(new ElfSymbol[0]);
        this.maxSize = max;
    }

    public List<ElfSymbol> all() {
        return all;
    }

    public int size() {
        return all.size();
    }

    /** Every symbol with that name (a file-static may exist once per compilation unit). */
    public List<ElfSymbol> lookupAll(String name) {
        return List.copyOf(byName.getOrDefault(name, List.of()));
    }

    /** The symbol with that name, preferring a defined global or weak one, then a defined local one. */
    public Optional<ElfSymbol> lookup(String name) {
        List<ElfSymbol> list = byName.getOrDefault(name, List.of());
        ElfSymbol local = null;
        ElfSymbol undefined = null;
        for (ElfSymbol s : list) {
            if (!s.isDefined()) {
                undefined = undefined == null ? s : undefined;
            } else if (!s.isLocal()) {
                return Optional.of(s);
            } else if (local == null) {
                local = s;
            }
        }
        return Optional.ofNullable(local != null ? local : undefined);
    }

    /**
     * The file-static {@code name} of the compilation unit {@code file} ("page.c" or "vm/page.c"); falls
     * back to a global of that name, since a global is visible from every file.
     */
    public Optional<ElfSymbol> lookup(String name, String file) {
        for (ElfSymbol s : byName.getOrDefault(name, List.of())) {
            if (s.isLocal() && s.isDefined() && SourceFileNames.sameFile(s.file(), file)) {
                return Optional.of(s);
            }
        }
        for (ElfSymbol s : byName.getOrDefault(name, List.of())) {
            if (!s.isLocal() && s.isDefined()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The function or object whose [value, value + size) contains {@code address} (a zero-sized symbol
     * matches only its own value). When several do, the one starting closest below wins, globals first.
     */
    public Optional<ElfSymbol> symbolAt(long address) {
        int lo = 0;
        int hi = byAddress.length - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(byAddress[mid].value(), address) <= 0) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        ElfSymbol best = null;
        for (int i = last; i >= 0; i--) {
            ElfSymbol s = byAddress[i];
            if (Long.compareUnsigned(address - s.value(), maxSize) > 0 && maxSize > 0) {
                break; // nothing further down is big enough to reach the address
            }
            if (s.contains(address)) {
                if (best == null) {
                    best = s;
                } else if (best.value() == s.value() && best.isLocal() && !s.isLocal()) {
                    best = s;
                } else if (best.value() != s.value()) {
                    break;
                }
            } else if (maxSize == 0) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }
}
