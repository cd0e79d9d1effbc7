package org.vmscope.model.kernel;

/**
 * A program image with its loadable segments.
 * <ul>
 * <li>A syspage program ({@code syspage_prog_t}, {@link #resident()}): an ELF image resident in physical memory at
 * {@code [addr, addr+size)}, 'A' at boot; a process loaded from it maps its segments from those frames
 * ({@code VM_OBJ_PHYSMEM}).</li>
 * <li>A file image ({@link #file}): served by a file server as a memory object; not in physical memory.</li>
 * </ul>
 * Segment sizes are bytes (rounded up to pages when mapped); {@code text} is mapped read/execute from offset 0,
 * {@code data} read/write copy-on-write from offset {@code text}, {@code bss} anonymous after it, and
 * {@code stack} anonymous at the top of user space ({@code 0} = {@code SIZE_USTACK}, 8 pages).
 */
public record ProgramImage(String name, long addr, long size, long text, long data, long bss, long stack,
        boolean resident) {

    public ProgramImage {
        if (size <= 0) {
            throw new IllegalArgumentException("program size must be positive: " + name);
        }
        if (text < 0 || data < 0 || bss < 0 || stack < 0 || text + data > size) {
            throw new IllegalArgumentException("bad segment sizes for program " + name);
        }
    }

    /** A resident syspage program without segment information: all of it is text, no data or bss. */
    public ProgramImage(String name, long addr, long size) {
        this(name, addr, size, size, 0, 0, 0, true);
    }

    /** A program loaded from a file server: {@code text} and {@code data} bytes in the file, then bss. */
    public static ProgramImage file(String name, long text, long data, long bss, long stack) {
        return new ProgramImage(name, 0, Math.max(text + data, 1), text, data, bss, stack, false);
    }

    /** This resident program with the given segment split of its image. */
    public ProgramImage withSegments(long text, long data, long bss, long stack) {
        return new ProgramImage(name, addr, size, text, data, bss, stack, resident);
    }

    public long end() {
        return addr + size;
    }

    public boolean contains(long pa) {
        return resident && Long.compareUnsigned(pa, addr) >= 0 && Long.compareUnsigned(pa - addr, size) < 0;
    }
}
