package org.vmscope.model.page;

/**
 * The {@code page_t.flags} bits (phoenix-vm.md §2.2) and {@code pmap_marker}. Identical on every
 * architecture. Flags accumulate: allocation ORs bits in, free only sets {@link #FREE}.
 */
public final class PageFlags {
    public static final int FREE = 0x01;

    public static final int OWNER_BOOT = 0x00;
    public static final int OWNER_KERNEL = 0x02;
    public static final int OWNER_APP = 0x04;

    public static final int KERNEL_SYSPAGE = 0x10;
    public static final int KERNEL_CPU = 0x20;
    public static final int KERNEL_PTABLE = 0x30;
    public static final int KERNEL_PMAP = 0x40;
    public static final int KERNEL_STACK = 0x50;
    public static final int KERNEL_HEAP = 0x60;

    /** The marker table rows, indexed by owner, then usage (pmap_marker). */
    private static final String[] MARKERS = {
        "BBBBBBBBBBBBBBBB",
        "KYCPMSHKKKKKKKKK",
        "AAAAAAAAAAAAAAAA",
        "UUUUUUUUUUUUUUUU",
    };

    private PageFlags() {
    }

    /** Owner field, bits 1-2: 0 boot, 1 kernel, 2 app, 3 (no constant; printed 'U'). */
    public static int owner(int flags) {
        return (flags >> 1) & 3;
    }

    /** Kernel usage field, bits 4-7. */
    public static int usage(int flags) {
        return (flags >> 4) & 0xf;
    }

    public static boolean isFree(int flags) {
        return (flags & FREE) != 0;
    }

    /** {@code pmap_marker} of an MMU target: '.' when free, else the owner/usage table character. */
    public static char marker(int flags) {
        if (isFree(flags)) {
            return '.';
        }
        return MARKERS[owner(flags)].charAt(usage(flags));
    }

    /** A readable form such as {@code 0x66 U (owner 3, usage 6)}. */
    public static String describe(int flags) {
        return String.format("0x%02x %c (owner %d, usage %d%s)", flags, marker(flags), owner(flags), usage(flags),
                isFree(flags) ? ", free" : "");
    }

    /**
     * What a psh marker means, in a word or two: {@code free}, {@code kernel}, {@code page table}, {@code app}...;
     * {@code x} (a physical gap psh prints between page_t entries) is {@code hole}.
     */
    public static String markerOwner(char marker) {
        return switch (marker) {
            case 'B' -> "boot";
            case 'K' -> "kernel";
            case 'Y' -> "syspage";
            case 'C' -> "cpu";
            case 'P' -> "page table";
            case 'M' -> "pmap";
            case 'S' -> "stack";
            case 'H' -> "heap";
            case 'A' -> "app";
            case 'U' -> "unknown owner";
            case '.' -> "free";
            case 'x' -> "hole";
            default -> "?";
        };
    }
}
