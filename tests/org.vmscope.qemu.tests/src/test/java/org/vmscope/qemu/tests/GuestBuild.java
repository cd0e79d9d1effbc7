package org.vmscope.qemu.tests;

import java.nio.file.Path;

/**
 * Builds all guests once per JVM with {@code make -C tests/guests OUT=target/guests}. The
 * Makefile skips guests whose cross compiler is missing; asking for such a guest is a JUnit
 * assumption failure (a skip), never an error.
 */
final class GuestBuild {

	private static final MakeOnce MAKE = new MakeOnce(sourceDir(), outputDir());

	private GuestBuild() {
	}

	static Path sourceDir() {
		String p = System.getProperty("vmscope.guests.src");
		return p != null ? Path.of(p) : Path.of("..", "guests").toAbsolutePath().normalize();
	}

	static Path outputDir() {
		String p = System.getProperty("vmscope.guests.out");
		return p != null ? Path.of(p) : Path.of("target", "guests").toAbsolutePath();
	}

	/** The image of {@code kind}; skips the calling test when it cannot be built here. */
	static Path image(GuestKind kind) {
		return MAKE.artifact(kind.target() + ".elf", "guest " + kind.target());
	}
}
