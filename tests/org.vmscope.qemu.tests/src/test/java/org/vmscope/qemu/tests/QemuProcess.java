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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One QEMU process booting an ELF image: serial port in a file, gdbstub on a free loopback
 * port, HMP monitor on a unix socket, all under a private temp dir. {@link #boot} returns once
 * the serial output satisfies the caller's readiness check; {@link #close} stops exactly this
 * process (by its pid) and removes the temp dir. {@link QemuGuest} and {@link PhoenixLikeQemu}
 * differ only in what "ready" means.
 */
final class QemuProcess implements AutoCloseable {

	/** Upper bound for boot to "ready"; boots take well under a second on TCG. */
	private static final long READY_TIMEOUT_MILLIS = 30_000;
	private static final long MONITOR_TIMEOUT_MILLIS = 10_000;
	private static final long STOP_TIMEOUT_MILLIS = 5_000;
	private static final int MONITOR_ATTEMPTS = 100;
	private static final long POLL_MILLIS = 20;

	/** Looks at the serial output so far ({@code \r} removed); empty while not ready yet. */
	@FunctionalInterface
	interface ReadyCheck<T> {
		Optional<T> check(String serial) throws IOException;
	}

	/** A booted QEMU and what its readiness check returned. */
	record Booted<T>(QemuProcess qemu, T ready) {
	}

	private final String label;
	private final Process process;
	private final Path workDir;
	private final Path serialFile;
	private final int gdbPort;
	private HmpClient monitor;

	private QemuProcess(String label, Process process, Path workDir, Path serialFile, int gdbPort) {
		this.label = label;
		this.process = process;
		this.workDir = workDir;
		this.serialFile = serialFile;
		this.gdbPort = gdbPort;
	}

	/**
	 * Starts {@code qemu} on {@code image}, waits until {@code ready} accepts the serial output
	 * (naming {@code awaited} in the timeout message) and connects the monitor. Skips the
	 * calling test when the QEMU binary is not installed; stops the process on any failure.
	 */
	static <T> Booted<T> boot(String label, String qemu, List<String> machineArgs, Path image,
			String awaited, ReadyCheck<T> ready) throws IOException {
		assumeTrue(onPath(qemu), () -> qemu + " is not installed");
		// Short path: unix socket names are limited to 107 bytes.
		Path work = Files.createTempDirectory("vmscope-qemu-");
		Path serial = work.resolve("serial.txt");
		Path monitorSocket = work.resolve("hmp.sock");
		int port = freeLoopbackPort();

		List<String> cmd = new ArrayList<>();
		cmd.add(qemu);
		cmd.addAll(List.of("-accel", "tcg"));
		cmd.addAll(machineArgs);
		cmd.addAll(List.of("-kernel", image.toString(),
				"-display", "none", "-nodefaults", "-net", "none", "-no-reboot",
				"-serial", "file:" + serial,
				"-monitor", "unix:" + monitorSocket + ",server=on,wait=off",
				"-gdb", "tcp:127.0.0.1:" + port));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
				.redirectOutput(work.resolve("qemu.log").toFile()).start();
		QemuProcess q = new QemuProcess(label, p, work, serial, port);
		try {
			T r = q.awaitReady(awaited, ready);
			q.monitor = q.connectMonitor(monitorSocket);
			return new Booted<>(q, r);
		} catch (IOException | RuntimeException e) {
			q.close();
			throw e;
		}
	}

	/** Loopback TCP port of the gdbstub. */
	int gdbPort() { return gdbPort; }

	/** Process id of QEMU. */
	long pid() { return process.pid(); }

	/** Runs one HMP command and returns the monitor's text (lines end in {@code \n}). */
	String hmp(String command) throws IOException {
		return monitor.command(command);
	}

	/** The serial output so far, as written. */
	String serialText() throws IOException {
		return Files.isRegularFile(serialFile) ? Files.readString(serialFile, StandardCharsets.ISO_8859_1) : "";
	}

	/** Waits until {@code ready} accepts the serial output (e.g. a later stage's line), naming {@code awaited} on timeout. */
	<T> T awaitReady(String awaited, ReadyCheck<T> ready) throws IOException {
		long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000L;
		while (true) {
			Optional<T> r = ready.check(serialText().replace("\r", ""));
			if (r.isPresent())
				return r.get();
			if (!process.isAlive())
				throw new IOException(label + ": QEMU exited (" + process.exitValue() + ") before '" + awaited + "'\n" + diagnostics());
			if (System.nanoTime() > deadline)
				throw new IOException(label + ": no '" + awaited + "' within " + READY_TIMEOUT_MILLIS + " ms\n" + diagnostics());
			sleep(POLL_MILLIS);
		}
	}

	private HmpClient connectMonitor(Path socket) throws IOException {
		IOException last = null;
		for (int attempt = 0; attempt < MONITOR_ATTEMPTS; attempt++) {
			try {
				return HmpClient.connect(socket, MONITOR_TIMEOUT_MILLIS);
			} catch (IOException e) {
				last = e;
				sleep(POLL_MILLIS);
			}
		}
		throw new IOException(label + ": cannot connect to the monitor at " + socket, last);
	}

	private String diagnostics() {
		StringBuilder sb = new StringBuilder();
		try {
			sb.append("serial:\n").append(serialText()).append("\nqemu log:\n");
			Path log = workDir.resolve("qemu.log");
			if (Files.isRegularFile(log))
				sb.append(Files.readString(log, StandardCharsets.ISO_8859_1));
		} catch (IOException e) {
			sb.append("(cannot read logs: ").append(e).append(')');
		}
		return sb.toString();
	}

	/** Stops QEMU: SIGTERM to its pid, SIGKILL after a timeout; then removes the work dir. */
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
		deleteTree(workDir);
	}

	/** Whether an executable named {@code binary} is in one of the PATH directories. */
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

	private static void deleteTree(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
		} catch (IOException ignored) {
			// a leftover temp dir is harmless
		}
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
