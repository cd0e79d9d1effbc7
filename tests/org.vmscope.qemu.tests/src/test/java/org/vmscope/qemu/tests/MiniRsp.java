package org.vmscope.qemu.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately tiny GDB remote-protocol client, written for the tests only so that the
 * register oracle does not depend on the bridge under test. It reads one register by the
 * name QEMU gives it in its target description (e.g. {@code TTBR0_EL1}).
 */
final class MiniRsp implements AutoCloseable {

	private static final int MAX_PACKET = 1 << 20;
	private static final Pattern INCLUDE = Pattern.compile("<xi:include href=\"([^\"]+)\"");
	private static final Pattern REG = Pattern.compile("<reg name=\"([^\"]+)\" bitsize=\"([0-9]+)\" regnum=\"([0-9]+)\"");

	private final Socket socket;
	private final InputStream in;
	private final OutputStream out;

	private MiniRsp(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	static MiniRsp connect(int port, int timeoutMillis) throws IOException {
		Socket s = new Socket();
		try {
			s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
			s.setSoTimeout(timeoutMillis);
			s.setTcpNoDelay(true);
			MiniRsp rsp = new MiniRsp(s);
			rsp.request("qSupported:xmlRegisters=arm");
			return rsp;
		} catch (IOException e) {
			s.close();
			throw e;
		}
	}

	/** Value of the named register (little-endian in the reply), or an IOException if absent. */
	long register(String name) throws IOException {
		String target = xfer("target.xml");
		Matcher inc = INCLUDE.matcher(target);
		while (inc.find()) {
			Matcher reg = REG.matcher(xfer(inc.group(1)));
			while (reg.find()) {
				if (reg.group(1).equals(name))
					return readRegister(Integer.parseInt(reg.group(3)), Integer.parseInt(reg.group(2)));
			}
		}
		throw new IOException("register " + name + " not in the target description");
	}

	private long readRegister(int regnum, int bits) throws IOException {
		String hex = request("p" + Integer.toHexString(regnum));
		if (hex.length() != bits / 4 || !hex.matches("[0-9a-fA-F]+"))
			throw new IOException("bad reply to p" + Integer.toHexString(regnum) + ": " + hex);
		long value = 0;
		for (int i = hex.length() - 2; i >= 0; i -= 2)
			value = value << 8 | Integer.parseInt(hex.substring(i, i + 2), 16);
		return value;
	}

	private String xfer(String annex) throws IOException {
		StringBuilder sb = new StringBuilder();
		for (int round = 0; round < 256; round++) {
			String r = request("qXfer:features:read:" + annex + ":" + Integer.toHexString(sb.length()) + ",800");
			if (r.isEmpty() || (r.charAt(0) != 'm' && r.charAt(0) != 'l'))
				throw new IOException("qXfer " + annex + " failed: " + r);
			sb.append(r, 1, r.length());
			if (r.charAt(0) == 'l')
				return sb.toString();
		}
		throw new IOException("qXfer " + annex + " did not end");
	}

	/** Sends one packet and returns the first reply that is not an (unsolicited) stop reply. */
	private String request(String payload) throws IOException {
		int sum = 0;
		for (byte b : payload.getBytes(StandardCharsets.US_ASCII))
			sum += b & 0xff;
		out.write(String.format("$%s#%02x", payload, sum & 0xff).getBytes(StandardCharsets.US_ASCII));
		out.flush();
		for (int i = 0; i < 16; i++) {
			String reply = readPacket();
			if (!reply.startsWith("T") && !reply.startsWith("S"))
				return reply;
		}
		throw new IOException("only stop replies to " + payload);
	}

	private String readPacket() throws IOException {
		int c;
		do {
			c = in.read();
			if (c < 0)
				throw new IOException("gdbstub closed the connection");
		} while (c != '$');
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while ((c = in.read()) != '#') {
			if (c < 0)
				throw new IOException("gdbstub closed the connection");
			if (body.size() > MAX_PACKET)
				throw new IOException("packet too long");
			body.write(c);
		}
		in.read();
		in.read(); // checksum, trusted on loopback
		out.write('+');
		out.flush();
		return body.toString(StandardCharsets.US_ASCII);
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}
}
