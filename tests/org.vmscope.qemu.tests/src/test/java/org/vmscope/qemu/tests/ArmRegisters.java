package org.vmscope.qemu.tests;

import java.io.IOException;

/**
 * ARM system registers through the gdbstub: QEMU 7.2's {@code info registers} shows no
 * TTBR/TCR on ARM, but its target description exposes them by name.
 */
final class ArmRegisters {

	private static final int TIMEOUT_MILLIS = 10_000;

	private ArmRegisters() {
	}

	static long read(QemuGuest guest, String name) throws IOException {
		return read(guest.gdbPort(), name);
	}

	static long read(int gdbPort, String name) throws IOException {
		try (MiniRsp rsp = MiniRsp.connect(gdbPort, TIMEOUT_MILLIS)) {
			return rsp.register(name);
		}
	}
}
