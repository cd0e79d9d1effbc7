package org.vmscope.model.pmap;

/**
 * Architecture-neutral page attributes, the model's counterpart of the kernel's PGHD_* bits
 * ({@code vm_attr_t}). Each architecture's format turns them into its own entry bits.
 */
public final class PageAttr {
    public static final int PRESENT = 1;
    public static final int READ = 1 << 1;
    public static final int WRITE = 1 << 2;
    public static final int EXEC = 1 << 3;
    public static final int USER = 1 << 4;
    /** Device memory (strongly ordered / uncached, PGHD_DEV). */
    public static final int DEV = 1 << 5;
    /** Normal memory, not cached (PGHD_NOT_CACHED). */
    public static final int NOT_CACHED = 1 << 6;

    private PageAttr() {
    }

    public static String describe(int attr) {
        StringBuilder sb = new StringBuilder();
        sb.append((attr & PRESENT) != 0 ? 'p' : '-');
        sb.append((attr & READ) != 0 ? 'r' : '-');
        sb.append((attr & WRITE) != 0 ? 'w' : '-');
        sb.append((attr & EXEC) != 0 ? 'x' : '-');
        sb.append((attr & USER) != 0 ? 'u' : '-');
        if ((attr & DEV) != 0) {
            sb.append(" dev");
        }
        if ((attr & NOT_CACHED) != 0) {
            sb.append(" nc");
        }
        return sb.toString();
    }
}
