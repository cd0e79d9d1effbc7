package org.vmscope.qemu.tests;

import java.util.List;

/** Everything a guest printed on its serial port up to {@code VMSCOPE-GUEST ready}. */
public record GuestReport(String arch, String mode, long root, List<MapLine> maps, List<RegionLine> regions) {

	public GuestReport {
		maps = List.copyOf(maps);
		regions = List.copyOf(regions);
	}
}
