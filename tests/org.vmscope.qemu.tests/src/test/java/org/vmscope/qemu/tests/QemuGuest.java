package org.vmscope.qemu.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One running QEMU with a test guest: serial port in a file, gdbstub on a free loopback
 * port, HMP monitor on a unix socket. {@link #start} returns once the guest printed
 * {@code VMSCOPE-GUEST ready}; {@link #close} stops exactly the QEMU process it started.
 */
public final class QemuGuest implements AutoCloseable {

	private final GuestKind kind;
	private final Path image;
	private final QemuProcess qemu;
	private final GuestReport report;

	private QemuGuest(GuestKind kind, Path image, QemuProcess qemu, GuestReport report) {
		this.kind = kind;
		this.image = image;
		this.qemu = qemu;
		this.report = report;
	}

	/**
	 * Builds (once) and boots {@code kind}. Skips the calling test if the image cannot be
	 * built or the QEMU binary is not installed.
	 */
	public static QemuGuest start(GuestKind kind) throws IOException {
		Path image = GuestBuild.image(kind);
		QemuProcess.Booted<GuestReport> booted = QemuProcess.boot(kind.toString(), kind.qemu(), kind.machineArgs(),
				image, SerialReportParser.READY, SerialReportParser::parse);
		return new QemuGuest(kind, image, booted.qemu(), booted.ready());
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
	public int gdbPort() { return qemu.gdbPort(); }

	/** Process id of QEMU. */
	public long pid() { return qemu.pid(); }

	/** Runs one HMP command and returns the monitor's text (lines end in {@code \n}). */
	public String hmp(String command) throws IOException {
		return qemu.hmp(command);
	}

	/** The serial output so far. */
	public String serialText() throws IOException {
		return qemu.serialText();
	}

	/** Stops QEMU: SIGTERM to its pid, SIGKILL after a timeout; then removes the work dir. */
	@Override
	public void close() {
		qemu.close();
	}
}
