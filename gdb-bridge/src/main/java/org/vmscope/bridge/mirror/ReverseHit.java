package org.vmscope.bridge.mirror;

import org.vmscope.model.pmap.MappedRange;

/** One VA that maps a physical address, with the range and root it comes from. */
public record ReverseHit(long va, NamedRoot root, MappedRange range) {
}
