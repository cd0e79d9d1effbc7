package org.vmscope.bridge.mirror;

import org.vmscope.model.pmap.PagingRoot;

/**
 * One paging root of a target and where it came from.
 *
 * @param register      the register it was read from ({@code cr3}, {@code satp}, {@code TTBR1}), or
 *                      {@code --root} when the user gave the table address
 * @param registerValue the register's raw value (the table address for {@code --root})
 */
public record NamedRoot(String register, long registerValue, PagingRoot root) {

    @Override
    public String toString() {
        return String.format("%s=0x%x -> %s", register, registerValue, root);
    }
}
