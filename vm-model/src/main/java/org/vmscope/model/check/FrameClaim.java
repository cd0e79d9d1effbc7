package org.vmscope.model.check;

/**
 * A claim that {@code [pa, pa+bytes)} belongs to {@code owner}. Claims from kernel structures (anons, object
 * caches, zones, page tables, page directories) are {@link Source#STRUCTURE}: two of them on one frame is a
 * problem. Claims from boot knowledge (syspage regions, program images, the boot heap, a boot baseline) are
 * {@link Source#BOOT}: they only explain why a frame is allocated.
 *
 * @param owner how problems name the owner, e.g. {@code anon #3} or {@code page table of map of pid 2}
 */
public record FrameClaim(long pa, long bytes, String owner, Source source) {

    /** Where a claim comes from. */
    public enum Source {
        STRUCTURE,
        BOOT
    }

    public static FrameClaim structure(long pa, long bytes, String owner) {
        return new FrameClaim(pa, bytes, owner, Source.STRUCTURE);
    }

    public static FrameClaim boot(long pa, long bytes, String owner) {
        return new FrameClaim(pa, bytes, owner, Source.BOOT);
    }
}
