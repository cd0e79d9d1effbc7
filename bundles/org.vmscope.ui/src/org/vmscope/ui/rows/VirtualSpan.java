package org.vmscope.ui.rows;

/** A row that covers virtual addresses of one address space: a map entry, an object's user, a mapped range. */
public interface VirtualSpan {

    /** The address space's pid, {@link org.vmscope.core.AddressSpace#KERNEL} for the kernel map. */
    long pid();

    long va();

    long vaBytes();
}
