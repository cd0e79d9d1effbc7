package org.vmscope.bridge.dwarf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the quick pass over all units found: named top-level types and variables mapped to their DIE
 * offsets, definitions kept apart from declarations. Keys are "struct foo", "union foo", "enum foo",
 * "class foo" for tagged types and the bare name for typedefs and base types.
 */
final class NameIndex {
    /** A variable DIE found at unit level; {@code nameDie} is where name/type live (a declaration for C++-style specs). */
    record VariableRef(long die, long nameDie, Unit unit, boolean external, boolean hasLocation) {
    }

    private final Map<String, List<Long>> definitions = new HashMap<>();
    private final Map<String, List<Long>> declarations = new HashMap<>();
    private final Map<String, List<VariableRef>> variables = new HashMap<>();

    void addType(String key, long die, boolean declaration) {
        (declaration ? declarations : definitions).computeIfAbsent(key, k -> new ArrayList<>(1)).add(die);
    }

    void addVariable(String name, VariableRef ref) {
        variables.computeIfAbsent(name, k -> new ArrayList<>(1)).add(ref);
    }

    List<Long> definitions(String key) {
        return definitions.getOrDefault(key, List.of());
    }

    List<Long> declarations(String key) {
        return declarations.getOrDefault(key, List.of());
    }

    List<VariableRef> variables(String name) {
        return variables.getOrDefault(name, List.of());
    }

    Set<String> typeKeys() {
        Set<String> keys = new java.util.TreeSet<>(definitions.keySet());
        keys.addAll(declarations.keySet());
        return Collections.unmodifiableSet(keys);
    }

    Set<String> variableNames() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(variables.keySet()));
    }

    static String tagKey(int tag, String name) {
        return switch (tag) {
            case Dw.TAG_STRUCTURE_TYPE -> "struct " + name;
            case Dw.TAG_UNION_TYPE -> "union " + name;
            case Dw.TAG_ENUMERATION_TYPE -> "enum " + name;
            case Dw.TAG_CLASS_TYPE -> "class " + name;
            default -> name;
        };
    }
}
