package org.vmscope.ui.rows;

/** How vmscope's views and properties print addresses and sizes. */
public final class Format {

    private Format() {
    }

    /** An address as psh prints it: zero-padded to the target's pointer width, with 0x. */
    public static String address(long a, int pointerBytes) {
        return pointerBytes == 4 ? String.format("0x%08x", a & 0xffffffffL) : String.format("0x%016x", a);
    }

    /** {@code START - LAST} of {@code bytes} bytes from {@code a}. */
    public static String span(long a, long bytes, int pointerBytes) {
        return address(a, pointerBytes) + " - " + address(a + bytes - 1, pointerBytes);
    }

    /** Whole MiB or KiB when exact, else bytes. */
    public static String size(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }

    /** {@code kernel} or {@code pid N}. */
    public static String pid(long pid) {
        return pid == org.vmscope.core.AddressSpace.KERNEL ? "kernel" : "pid " + pid;
    }
}
