package org.vmscope.qemu.tests;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Phoenix-like builds a test class has booted: each build starts once, on first use, is halted
 * (HMP {@code stop}) so every test sees the same frozen kernel, and is kept until {@link #close()}.
 */
final class PhoenixLikeBoots implements AutoCloseable {

	private final Map<PhoenixLikeBuild, PhoenixLikeQemu> running = new EnumMap<>(PhoenixLikeBuild.class);

	PhoenixLikeQemu get(PhoenixLikeBuild b) throws IOException {
		PhoenixLikeQemu q = running.get(b);
		if (q == null) {
			q = PhoenixLikeQemu.start(b);
			running.put(b, q);
			q.hmp("stop");
		}
		return q;
	}

	@Override
	public void close() {
		running.values().forEach(PhoenixLikeQemu::close);
		running.clear();
	}
}
