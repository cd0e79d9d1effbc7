package org.vmscope.bridge.mirror;

import org.vmscope.model.pmap.AddressSpaceWalk;

/** The walk of one paging root (TTBR0 and TTBR1 give two). */
public record RootWalk(NamedRoot root, AddressSpaceWalk walk) {
}
