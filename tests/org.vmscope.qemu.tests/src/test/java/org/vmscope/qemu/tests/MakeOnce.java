package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code make -k -C <source> OUT=<output> all} at most once per JVM and hands out its
 * artifacts. The Makefiles skip targets whose cross compiler is missing; asking for such an
 * artifact is a JUnit assumption failure (a skip) that shows the make log, never an error.
 */
final class MakeOnce {

	private static final long MAKE_TIMEOUT_SECONDS = 300;

	private final Path sourceDir;
	private final Path outputDir;
	private boolean built;
	private String buildLog = "";

	MakeOnce(Path sourceDir, Path outputDir) {
		this.sourceDir = sourceDir;
		this.outputDir = outputDir;
	}

	/**
	 * The file {@code fileName} of the output dir, making everything on first use; skips the
	 * calling test, naming {@code what}, when that file was not built.
	 */
	Path artifact(String fileName, String what) {
		String log = log();
		Path file = outputDir.resolve(fileName);
		assumeTrue(Files.isRegularFile(file), () -> what + " not built (missing compiler?):\n" + log);
		return file;
	}

	private synchronized String log() {
		if (!built) {
			built = true;
			buildLog = runMake();
		}
		return buildLog;
	}

	private String runMake() {
		if (!Files.isRegularFile(sourceDir.resolve("Makefile")))
			return "no Makefile in " + sourceDir;
		try {
			Files.createDirectories(outputDir);
			Path log = outputDir.resolve("make.log");
			Process make = new ProcessBuilder(List.of("make", "-k", "-C", sourceDir.toString(), "OUT=" + outputDir, "all"))
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
