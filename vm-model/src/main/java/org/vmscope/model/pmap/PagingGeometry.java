package org.vmscope.model.pmap;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The shape of one page-table format, as data: how many levels, how many VA bits each level indexes,
 * the entry size, the page size and which levels may hold leaves (large pages, blocks, sections).
 * Level 0 is the table the root register points at; the last level maps single pages.
 *
 * @param indexBits   VA bits indexed at each level, top first (0 is allowed: a one-entry level, as the
 *                    SRMMU context-table slot)
 * @param leafLevels  bit {@code l} set when level {@code l} may hold a leaf
 * @param extension   how the VA bits above {@link #vaBits()} are formed
 * @param firstTopIndex the first top-level index this root translates (armv7a TTBR1 with TTBCR.N &gt; 0
 *                    only sees the upper part of its table)
 */
public record PagingGeometry(String name, List<Integer> indexBits, int entryBytes, int pageShift, int leafLevels,
        VaExtension extension, int firstTopIndex, ByteOrder byteOrder) {

    /** How a geometry's {@code vaBits}-wide offset becomes a full virtual address. */
    public enum VaExtension {
        /** VAs are {@code [0, 2^vaBits)} (ia32, armv7a, SRMMU, aarch64 TTBR0). */
        ZERO,
        /** VAs are sign-extended from bit {@code vaBits-1} (RISC-V Sv39/Sv48/Sv57). */
        SIGN,
        /** VAs are the top {@code 2^vaBits} of the 64-bit space (aarch64 TTBR1). */
        ONES
    }

    public PagingGeometry {
        indexBits = List.copyOf(indexBits);
        if (indexBits.isEmpty() || indexBits.size() > 6) {
            throw new IllegalArgumentException("1..6 levels expected");
        }
        int sum = pageShift;
        for (int b : indexBits) {
            if (b < 0 || b > 16) {
                throw new IllegalArgumentException("index bits per level out of range: " + b);
            }
            sum += b;
        }
        if (sum > 63 || pageShift < 9 || pageShift > 16) {
            throw new IllegalArgumentException("bad VA width or page shift");
        }
        if (entryBytes != 4 && entryBytes != 8) {
            throw new IllegalArgumentException("entries are 4 or 8 bytes");
        }
        if ((leafLevels & (1 << (indexBits.size() - 1))) == 0) {
            throw new IllegalArgumentException("the last level must hold leaves");
        }
        if (firstTopIndex < 0 || firstTopIndex >= (1 << indexBits.get(0))) {
            throw new IllegalArgumentException("firstTopIndex outside the top table");
        }
    }

    public int levels() {
        return indexBits.size();
    }

    public int lastLevel() {
        return indexBits.size() - 1;
    }

    public int bits(int level) {
        return indexBits.get(level);
    }

    /** The VA bit where {@code level}'s index starts; also log2 of the bytes one entry covers. */
    public int shift(int level) {
        int s = pageShift;
        for (int l = level + 1; l < indexBits.size(); l++) {
            s += indexBits.get(l);
        }
        return s;
    }

    public long span(int level) {
        return 1L << shift(level);
    }

    public int entries(int level) {
        return 1 << indexBits.get(level);
    }

    public int tableBytes(int level) {
        return entries(level) * entryBytes;
    }

    public int vaBits() {
        return shift(0) + indexBits.get(0);
    }

    public boolean leafAllowed(int level) {
        return (leafLevels & (1 << level)) != 0;
    }

    public int index(long va, int level) {
        return (int) ((va >>> shift(level)) & (entries(level) - 1));
    }

    /** The full VA of an offset in {@code [0, 2^vaBits)}. */
    public long canonical(long offset) {
        int bits = vaBits();
        long mask = (1L << bits) - 1;
        long o = offset & mask;
        return switch (extension) {
            case ZERO -> o;
            case SIGN -> (o << (64 - bits)) >> (64 - bits);
            case ONES -> o | ~mask;
        };
    }

    /** Whether this root translates {@code va}: canonical for the region and not below {@link #firstTopIndex}. */
    public boolean translates(long va) {
        if (canonical(va) != va) {
            return false;
        }
        return index(va, 0) >= firstTopIndex;
    }

    /** The first and last VA (inclusive, unsigned) this root can translate, ignoring a SIGN hole. */
    public long firstVa() {
        return canonical((long) firstTopIndex << shift(0));
    }

    public long lastVa() {
        return canonical((1L << vaBits()) - 1);
    }
}
