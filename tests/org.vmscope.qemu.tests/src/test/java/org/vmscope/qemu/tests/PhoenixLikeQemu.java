package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One QEMU running a Phoenix-like kernel build: serial in a file, gdbstub on a free loopback
 * port, HMP on a unix socket. {@link #start} returns once the kernel printed
 * {@code PHOENIX-LIKE end}; {@link #close} stops exactly the QEMU process it started.
 * (A sibling of {@link QemuGuest}, whose readiness line is the guests' one.)
 */
final class PhoenixLikeQemu implements AutoCloseable {

	static final String END = "PHOENIX-LIKE end";
	private static final long READY_TIMEOUT_MILLIS = 30_000;
	private static final long MONITOR_TIMEOUT_MILLIS = 10_000;
	private static final long STOP_TIMEOUT_MILLIS = 5_000;

	private final PhoenixLikeBuild build;
	private final Path image;
	private final Process process;
	private final Path workDir;
	private final Path serialFile;
	private final int gdbPort;
	private HmpClient monitor;
	private String serial = "";

	private PhoenixLikeQemu(PhoenixLikeBuild build, Path image, Process process, Path workDir, Path serialFile, int gdbPort) {
		this.build = build;
		this.image = image;
		this.process = process;
		this.workDir = workDir;
		this.serialFile = serialFile;
		this.gdbPort = gdbPort;
	}

	/** Builds (once) and boots; skips the calling test when the image or QEMU is missing. */
	static PhoenixLikeQemu start(PhoenixLikeBuild build) throws IOException {
		Path image = build.image();
		assumeTrue(onPath(build.qemu()), () -> build.qemu() + " is not installed");
		Path work = Files.createTempDirectory("vmscope-plk-");
		Path serial = work.resolve("serial.txt");
		Path monitorSocket = work.resolve("hmp.sock");
		int port = freeLoopbackPort();

		List<String> cmd = new ArrayList<>();
		cmd.add(build.qemu());
		cmd.addAll(List.of("-accel", "tcg"));
		cmd.addAll(build.machineArgs());
		cmd.addAll(List.of("-kernel", image.toString(),
				"-display", "none", "-nodefaults", "-net", "none", "-no-reboot",
				"-serial", "file:" + serial,
				"-monitor", "unix:" + monitorSocket + ",server=on,wait=off",
				"-gdb", "tcp:127.0.0.1:" + port));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
				.redirectOutput(work.resolve("qemu.log").toFile()).start();
		PhoenixLikeQemu q = new PhoenixLikeQemu(build, image, p, work, serial, port);
		try {
			q.serial = q.awaitEnd();
			q.monitor = q.connectMonitor(monitorSocket);
			return q;
		} catch (IOException | RuntimeException e) {
			q.close();
			throw e;
		}
	}

	PhoenixLikeBuild build() { return build; }

	Path image() { return image; }

	int gdbPort() { return gdbPort; }

	/** The whole serial output up to and including the end line, with {@code \n} line ends. */
	String serial() { return serial; }

	String hmp(String command) throws IOException {
		String out = monitor.command(command);
		if (out.contains("unknown command") || out.contains("Try \"help\""))
			throw new IOException("monitor rejected '" + command + "': " + out);
		return out;
	}

	private String awaitEnd() throws IOException {
		long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000L;
		while (true) {
			String text = Files.isRegularFile(serialFile)
					? Files.readString(serialFile, StandardCharsets.ISO_8859_1).replace("\r", "") : "";
			int end = text.indexOf(END + "\n");
			if (end >= 0)
				return text.substring(0, end + END.length() + 1);
			if (text.contains("PHOENIX-LIKE panic"))
				throw new IOException(build + ": kernel panic\n" + text);
			if (!process.isAlive())
				throw new IOException(build + ": QEMU exited (" + process.exitValue() + ")\n" + text + log());
			if (System.nanoTime() > deadline)
				throw new IOException(build + ": no '" + END + "' within " + READY_TIMEOUT_MILLIS + " ms\n" + text + log());
			sleep(20);
		}
	}

	private String log() throws IOException {
		Path log = workDir.resolve("qemu.log");
		return Files.isRegularFile(log) ? "\nqemu log:\n" + Files.readString(log, StandardCharsets.ISO_8859_1) : "";
	}

	private HmpClient connectMonitor(Path socket) throws IOException {
		IOException last = null;
		for (int attempt = 0; attempt < 100; attempt++) {
			try {
				return HmpClient.connect(socket, MONITOR_TIMEOUT_MILLIS);
			} catch (IOException e) {
				last = e;
				sleep(20);
			}
		}
		throw new IOException(build + ": cannot connect to the monitor at " + socket, last);
	}

	/** SIGTERM to this QEMU's pid, SIGKILL after a timeout; then removes the work dir. */
	@Override
	public void close() {
		try {
			if (monitor != null)
				monitor.close();
		} catch (IOException ignored) {
			// the process is stopped below anyway
		}
		ProcessHandle handle = process.toHandle();
		handle.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
				handle.destroyForcibly();
				process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
			}
		} catch (InterruptedException e) {
			handle.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(workDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
		} catch (IOException ignored) {
			// a leftover temp dir is harmless
		}
	}

	static boolean onPath(String binary) {
		String path = System.getenv("PATH");
		if (path == null)
			return false;
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary)))
				return true;
		}
		return false;
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	private static void sleep(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", e);
		}
	}
}
