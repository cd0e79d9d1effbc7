package org.vmscope.bridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One {@code vmscope} command run in-process through {@link Main#run}: exit status and what it printed. Public so
 * the QEMU test classes outside this package can drive the command line the way a user does.
 */
public record CliResult(int status, String out, String err) {

	public static CliResult run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new Main().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CliResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Status, stdout and stderr, for assertion messages. */
	public String describe() {
		return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
	}
}
