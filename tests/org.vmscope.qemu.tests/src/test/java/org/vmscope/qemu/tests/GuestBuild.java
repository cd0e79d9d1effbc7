package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds all guests once per JVM with {@code make -C tests/guests OUT=target/guests}. The
 * Makefile skips guests whose cross compiler is missing; asking for such a guest is a JUnit
 * assumption failure (a skip), never an error.
 */
final class GuestBuild {

	private static final long MAKE_TIMEOUT_SECONDS = 300;
	private static boolean built;
	private static String buildLog = "";

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
	static synchronized Path image(GuestKind kind) {
		if (!built) {
			built = true;
			buildLog = runMake();
		}
		Path elf = outputDir().resolve(kind.target() + ".elf");
		assumeTrue(Files.isRegularFile(elf), () -> "guest " + kind.target() + " not built (missing compiler?):\n" + buildLog);
		return elf;
	}

	private static String runMake() {
		Path src = sourceDir();
		if (!Files.isRegularFile(src.resolve("Makefile")))
			return "no Makefile in " + src;
		try {
			Files.createDirectories(outputDir());
			Path log = outputDir().resolve("make.log");
			Process make = new ProcessBuilder(List.of("make", "-k", "-C", src.toString(), "OUT=" + outputDir(), "all"))
					.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			if (!make.waitFor(MAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				make.destroyForcibly();
				return "make did not finish within " + MAKE_TIMEOUT_SECONDS + " s";
			}
			return "make exit " + make.exitValue() + "\n" + Files.readString(log);
		} catch (IOException e) {
			return "cannot run make: " + e;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return "interrupted while running make";
		}
	}
}
