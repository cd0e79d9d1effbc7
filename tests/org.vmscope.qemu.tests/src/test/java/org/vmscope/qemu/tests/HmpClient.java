package org.vmscope.qemu.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Line-oriented client of QEMU's human monitor on a unix socket. Replies end with the
 * {@code (qemu) } prompt; the readline echo of the command (first line) is dropped.
 */
final class HmpClient implements AutoCloseable {

	private static final String PROMPT = "(qemu) ";
	private static final int MAX_REPLY = 4 << 20;
	private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

	private final SocketChannel channel;
	private final long replyTimeoutMillis;

	private HmpClient(SocketChannel channel, long replyTimeoutMillis) {
		this.channel = channel;
		this.replyTimeoutMillis = replyTimeoutMillis;
	}

	static HmpClient connect(Path socket, long replyTimeoutMillis) throws IOException {
		SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			ch.connect(UnixDomainSocketAddress.of(socket));
			ch.configureBlocking(false);
			HmpClient client = new HmpClient(ch, replyTimeoutMillis);
			client.readUntilPrompt(); // banner
			return client;
		} catch (IOException e) {
			ch.close();
			throw e;
		}
	}

	/** Runs one command and returns its output with {@code \n} line ends and no prompt. */
	synchronized String command(String command) throws IOException {
		if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0)
			throw new IllegalArgumentException("one command per call: " + command);
		ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
		while (out.hasRemaining())
			channel.write(out);
		String reply = readUntilPrompt();
		int echoEnd = reply.indexOf("\r\n");
		String body = echoEnd < 0 ? "" : reply.substring(echoEnd + 2);
		return ANSI.matcher(body).replaceAll("").replace("\r\n", "\n");
	}

	private String readUntilPrompt() throws IOException {
		ByteArrayOutputStream acc = new ByteArrayOutputStream();
		ByteBuffer buf = ByteBuffer.allocate(8192);
		long deadline = System.nanoTime() + replyTimeoutMillis * 1_000_000L;
		while (true) {
			buf.clear();
			int n = channel.read(buf);
			if (n < 0)
				throw new IOException("monitor closed the connection");
			if (n > 0) {
				acc.write(buf.array(), 0, n);
				String text = acc.toString(StandardCharsets.UTF_8);
				if (text.endsWith(PROMPT))
					return text.substring(0, text.length() - PROMPT.length());
				if (acc.size() > MAX_REPLY)
					throw new IOException("monitor reply larger than " + MAX_REPLY + " bytes");
				continue;
			}
			if (System.nanoTime() > deadline)
				throw new IOException("no monitor prompt within " + replyTimeoutMillis + " ms");
			try {
				Thread.sleep(2);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted waiting for the monitor", e);
			}
		}
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
