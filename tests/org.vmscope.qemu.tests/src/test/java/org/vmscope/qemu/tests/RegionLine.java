package org.vmscope.qemu.tests;

/** One {@code REGION} line of the Cortex-M guest: ARMv7-M MPU region {@code number}. */
public record RegionLine(int number, long base, long size, boolean read, boolean write, boolean exec,
		boolean user, int subregionDisable) {

	/** Size of one of the eight subregions. */
	public long subregionSize() {
		return size / 8;
	}

	/** True if subregion {@code index} (0..7) is disabled, i.e. falls through to lower regions. */
	public boolean subregionDisabled(int index) {
		return (subregionDisable >> index & 1) != 0;
	}

	/** True if no access at all is granted (AP=000). */
	public boolean noAccess() {
		return !read && !write && !exec && !user;
	}
}
