package org.vmscope.qemu.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
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
 * One running QEMU with a test guest: serial port in a file, gdbstub on a free loopback
 * port, HMP monitor on a unix socket. {@link #start} returns once the guest printed
 * {@code VMSCOPE-GUEST ready}; {@link #close} stops exactly the QEMU process it started.
 */
public final class QemuGuest implements AutoCloseable {

	/** Upper bound for boot to "ready"; boots take well under a second on TCG. */
	private static final long READY_TIMEOUT_MILLIS = 30_000;
	private static final long MONITOR_TIMEOUT_MILLIS = 10_000;
	private static final long STOP_TIMEOUT_MILLIS = 5_000;

	private final GuestKind kind;
	private final Path image;
	private final Process process;
	private final Path workDir;
	private final Path serialFile;
	private final int gdbPort;
	private HmpClient monitor;
	private GuestReport report;

	private QemuGuest(GuestKind kind, Path image, Process process, Path workDir, Path serialFile, int gdbPort) {
		this.kind = kind;
		this.image = image;
		this.process = process;
		this.workDir = workDir;
		this.serialFile = serialFile;
		this.gdbPort = gdbPort;
	}

	/**
	 * Builds (once) and boots {@code kind}. Skips the calling test if the image cannot be
	 * built or the QEMU binary is not installed.
	 */
	public static QemuGuest start(GuestKind kind) throws IOException {
		Path image = GuestBuild.image(kind);
		assumeTrue(onPath(kind.qemu()), () -> kind.qemu() + " is not installed");
		// Short path: unix socket names are limited to 107 bytes.
		Path work = Files.createTempDirectory("vmscope-qemu-");
		Path serial = work.resolve("serial.txt");
		Path monitorSocket = work.resolve("hmp.sock");
		int port = freeLoopbackPort();

		List<String> cmd = new ArrayList<>();
		cmd.add(kind.qemu());
		cmd.addAll(List.of("-accel", "tcg"));
		cmd.addAll(kind.machineArgs());
		cmd.addAll(List.of("-kernel", image.toString(),
				"-display", "none", "-nodefaults", "-net", "none", "-no-reboot",
				"-serial", "file:" + serial,
				"-monitor", "unix:" + monitorSocket + ",server=on,wait=off",
				"-gdb", "tcp:127.0.0.1:" + port));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
				.redirectOutput(work.resolve("qemu.log").toFile()).start();
		QemuGuest guest = new QemuGuest(kind, image, p, work, serial, port);
		try {
			guest.report = guest.awaitReady();
			guest.monitor = guest.connectMonitor(monitorSocket);
			return guest;
		} catch (IOException | RuntimeException e) {
			guest.close();
			throw e;
		}
	}

	public GuestKind kind() { return kind; }

	/** The ELF image QEMU booted (with symbols and DWARF). */
	public Path image() { return image; }

	/**
	 * The ELF to read symbols from: the image itself, except for x86_64, whose multiboot
	 * image is an ELF32 relabelling of the linked {@code x86_64.elf64}.
	 */
	public Path symbolImage() {
		Path elf64 = image.resolveSibling(kind.target() + ".elf64");
		return Files.isRegularFile(elf64) ? elf64 : image;
	}

	/** What the guest printed. */
	public GuestReport report() { return report; }

	/** Loopback TCP port of the gdbstub. */
	public int gdbPort() { return gdbPort; }

	/** Process id of QEMU. */
	public long pid() { return process.pid(); }

	/** Runs one HMP command and returns the monitor's text (lines end in {@code \n}). */
	public String hmp(String command) throws IOException {
		return monitor.command(command);
	}

	/** The serial output so far. */
	public String serialText() throws IOException {
		return Files.isRegularFile(serialFile) ? Files.readString(serialFile, StandardCharsets.ISO_8859_1) : "";
	}

	private GuestReport awaitReady() throws IOException {
		long deadline = System.nanoTime() + READY_TIMEOUT_MILLIS * 1_000_000L;
		while (true) {
			Optional<GuestReport> r = SerialReportParser.parse(serialText().replace("\r", ""));
			if (r.isPresent())
				return r.get();
			if (!process.isAlive())
				throw new IOException(kind + ": QEMU exited (" + process.exitValue() + ") before ready\n" + diagnostics());
			if (System.nanoTime() > deadline)
				throw new IOException(kind + ": no '" + SerialReportParser.READY + "' within " + READY_TIMEOUT_MILLIS + " ms\n" + diagnostics());
			sleep(20);
		}
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
		throw new IOException(kind + ": cannot connect to the monitor at " + socket, last);
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

	private static void deleteTree(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
		} catch (IOException ignored) {
			// a leftover temp dir is harmless
		}
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return s.getLocalPort();
		}
	}

	private static boolean onPath(String binary) {
		String path = System.getenv("PATH");
		if (path == null)
			return false;
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary)))
				return true;
		}
		return false;
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
