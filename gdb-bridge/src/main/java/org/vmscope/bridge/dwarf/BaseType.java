package org.vmscope.bridge.dwarf;

import java.util.OptionalLong;

/** DW_TAG_base_type: int, unsigned char, _Bool ... ({@code encoding} is DW_ATE_*). */
public record BaseType(String name, OptionalLong byteSize, int encoding, long dieOffset) implements DwarfType {
    public static final int ATE_BOOLEAN = 0x02;
    public static final int ATE_FLOAT = 0x04;
    public static final int ATE_SIGNED = 0x05;
    public static final int ATE_SIGNED_CHAR = 0x06;
    public static final int ATE_UNSIGNED = 0x07;
    public static final int ATE_UNSIGNED_CHAR = 0x08;

    public boolean isSigned() {
        return encoding == ATE_SIGNED || encoding == ATE_SIGNED_CHAR;
    }

    @Override
    public String displayName() {
        return name;
    }
}
