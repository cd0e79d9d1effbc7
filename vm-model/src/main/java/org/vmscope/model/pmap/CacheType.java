package org.vmscope.model.pmap;

/** The memory type an entry gives its page, across architectures. */
public enum CacheType {
    WRITE_BACK,
    WRITE_THROUGH,
    /** Normal memory, not cached (PGHD_NOT_CACHED; ia32 UC-, armv7 TEX=001 C=B=0, aarch64 MAIR 0x44). */
    NON_CACHEABLE,
    /** Device memory (PGHD_DEV; ia32 UC, armv7 shareable device, aarch64 Device-nGnRE). */
    DEVICE,
    /** Strongly ordered / Device-nGnRnE. */
    STRONGLY_ORDERED,
    /** Not applicable (invalid and table entries) or not decodable. */
    NONE;

    /** The PageAttr cache bits this type corresponds to. */
    public int attrBits() {
        return switch (this) {
            case NON_CACHEABLE -> PageAttr.NOT_CACHED;
            case DEVICE -> PageAttr.DEV;
            case STRONGLY_ORDERED -> PageAttr.DEV | PageAttr.NOT_CACHED;
            default -> 0;
        };
    }
}
