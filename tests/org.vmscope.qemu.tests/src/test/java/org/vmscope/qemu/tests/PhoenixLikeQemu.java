package org.vmscope.qemu.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One QEMU running a Phoenix-like kernel build: serial in a file, gdbstub on a free loopback
 * port, HMP on a unix socket. {@link #start} returns once the kernel printed
 * {@code PHOENIX-LIKE end}; {@link #close} stops exactly the QEMU process it started.
 * (A sibling of {@link QemuGuest}, whose readiness line is the guests' one; both run on
 * {@link QemuProcess}.)
 */
final class PhoenixLikeQemu implements AutoCloseable {

	static final String END = "PHOENIX-LIKE end";
	private static final String PANIC = "PHOENIX-LIKE panic";

	private final PhoenixLikeBuild build;
	private final Path image;
	private final QemuProcess qemu;
	private final String serial;

	private PhoenixLikeQemu(PhoenixLikeBuild build, Path image, QemuProcess qemu, String serial) {
		this.build = build;
		this.image = image;
		this.qemu = qemu;
		this.serial = serial;
	}

	/** Builds (once) and boots; skips the calling test when the image or QEMU is missing. */
	static PhoenixLikeQemu start(PhoenixLikeBuild build) throws IOException {
		return start(build, build.image());
	}

	/** Boots another image of the build's architecture (a fault variant) the same way. */
	static PhoenixLikeQemu start(PhoenixLikeBuild build, Path image) throws IOException {
		return start(build, image, build.machineArgs());
	}

	/** Boots an image of the build's architecture on another machine configuration (more RAM). */
	static PhoenixLikeQemu start(PhoenixLikeBuild build, Path image, java.util.List<String> machineArgs) throws IOException {
		QemuProcess.Booted<String> booted = QemuProcess.boot(build.toString(), build.qemu(), machineArgs,
				image, END, text -> upToEnd(build, text));
		return new PhoenixLikeQemu(build, image, booted.qemu(), booted.ready());
	}

	PhoenixLikeBuild build() { return build; }

	Path image() { return image; }

	int gdbPort() { return qemu.gdbPort(); }

	/** The whole serial output up to and including the end line, with {@code \n} line ends. */
	String serial() { return serial; }

	/** The serial text after the boot report up to and including {@code line}, once the kernel printed it. */
	String awaitSerial(String line) throws IOException {
		return qemu.awaitReady(line, text -> {
			int from = text.indexOf(END + "\n") + END.length() + 1;
			int at = text.indexOf(line + "\n", from);
			return at < 0 ? Optional.empty() : Optional.of(text.substring(from, at + line.length() + 1));
		});
	}

	String hmp(String command) throws IOException {
		String out = qemu.hmp(command);
		if (out.contains("unknown command") || out.contains("Try \"help\""))
			throw new IOException("monitor rejected '" + command + "': " + out);
		return out;
	}

	/** The serial text through the end line once it is there; a panic fails the boot at once. */
	private static Optional<String> upToEnd(PhoenixLikeBuild build, String text) throws IOException {
		int end = text.indexOf(END + "\n");
		if (end >= 0)
			return Optional.of(text.substring(0, end + END.length() + 1));
		if (text.contains(PANIC))
			throw new IOException(build + ": kernel panic\n" + text);
		return Optional.empty();
	}

	/** SIGTERM to this QEMU's pid, SIGKILL after a timeout; then removes the work dir. */
	@Override
	public void close() {
		qemu.close();
	}

	static boolean onPath(String binary) {
		return QemuProcess.onPath(binary);
	}
}
