package org.vmscope.qemu.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code gdb-multiarch -batch} on an ELF with a script of {@code printf "KEY %llu\n", expr}
 * queries, optionally attached to a gdbstub, and returns KEY → value. gdb is an oracle
 * independent of our DWARF reader. The script ends with {@code detach} so QEMU keeps running.
 */
final class GdbBatch {

	static final String GDB = "gdb-multiarch";
	private static final long TIMEOUT_SECONDS = 60;

	private final List<String> lines = new ArrayList<>();

	/** Asks for an unsigned value. */
	GdbBatch unsigned(String key, String expression) {
		lines.add("printf \"" + key + " %llu\\n\", (unsigned long long)(" + expression + ")");
		return this;
	}

	/** Asks for a signed value. */
	GdbBatch signed(String key, String expression) {
		lines.add("printf \"" + key + " %lld\\n\", (long long)(" + expression + ")");
		return this;
	}

	/** Adds gdb CLI lines as they are (loops that print their own "KEY value" lines). */
	GdbBatch raw(String... cliLines) {
		lines.addAll(List.of(cliLines));
		return this;
	}

	/** Runs gdb; {@code port} < 0 means no target (static queries only). */
	Map<String, String> run(Path elf, int port) throws IOException {
		Path script = Files.createTempFile("vmscope-gdb-", ".gdb");
		try {
			List<String> all = new ArrayList<>(List.of("set pagination off", "set confirm off", "set width 0"));
			if (port >= 0)
				all.add("target remote 127.0.0.1:" + port);
			all.addAll(lines);
			if (port >= 0)
				all.add("detach");
			Files.write(script, all, StandardCharsets.UTF_8);
			Process p = new ProcessBuilder(List.of(GDB, "-nx", "-batch", "-x", script.toString(), elf.toString()))
					.redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException("gdb did not finish within " + TIMEOUT_SECONDS + " s");
			}
			Map<String, String> values = new LinkedHashMap<>();
			for (String line : out.split("\n")) {
				String[] kv = line.strip().split(" ", 2);
				if (kv.length == 2 && kv[0].matches("[a-z][A-Za-z0-9_.]*") && kv[1].matches("-?\\d+"))
					values.put(kv[0], kv[1]);
			}
			values.put("_output", out);
			return values;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while running gdb", e);
		} finally {
			Files.deleteIfExists(script);
		}
	}
}
