package org.vmscope.qemu.tests;

/**
 * One {@code MAP} line of a guest: {@code size} bytes at virtual {@code va} map to
 * physical {@code pa}. The rights are the owner's (user if {@code user}, kernel otherwise).
 */
public record MapLine(long va, long pa, long size, boolean read, boolean write, boolean exec,
		boolean user, boolean global) {

	/** True if {@code addr} lies in [va, va + size), unsigned. */
	public boolean containsVa(long addr) {
		return Long.compareUnsigned(addr, va) >= 0 && Long.compareUnsigned(addr - va, size) < 0;
	}

	/** The attrs field as printed, e.g. {@code rw-u}. */
	public String attrs() {
		return (read ? "r" : "-") + (write ? "w" : "-") + (exec ? "x" : "-") + (user ? "u" : "-");
	}

	@Override
	public String toString() {
		return String.format("MAP va=0x%x pa=0x%x size=0x%x attrs=%s%s", va, pa, size, attrs(),
				global ? " g" : "");
	}
}
