package org.vmscope.bridge.elf;

/**
 * Compares source file names that come from different places: STT_FILE symbols usually hold a bare
 * name ("page.c"), DWARF compilation units a relative or absolute path ("vm/page.c").
 */
public final class SourceFileNames {
    private SourceFileNames() {
    }

    /** True when both name the same file: equal, or one is a path ending in "/" + the other. */
    public static boolean sameFile(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        String x = a.replace('\\', '/');
        String y = b.replace('\\', '/');
        return x.equals(y) || x.endsWith("/" + y) || y.endsWith("/" + x);
    }
}
