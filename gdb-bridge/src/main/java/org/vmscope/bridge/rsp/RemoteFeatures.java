package org.vmscope.bridge.rsp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The target's answer to {@code qSupported}: {@code name+}, {@code name-}, {@code name?},
 * {@code name=value}, separated by semicolons.
 */
public final class RemoteFeatures {
    /** Packet size assumed when the target names none (the protocol's traditional default). */
    public static final int DEFAULT_PACKET_SIZE = 400;

    private final Map<String, String> values;
    private final String raw;

    private RemoteFeatures(Map<String, String> values, String raw) {
        this.values = Collections.unmodifiableMap(values);
        this.raw = raw;
    }

    public static RemoteFeatures none() {
        return new RemoteFeatures(new LinkedHashMap<>(), "");
    }

    public static RemoteFeatures parse(String reply) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String item : reply.split(";")) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq > 0) {
                values.put(item.substring(0, eq), item.substring(eq + 1));
            } else {
                char last = item.charAt(item.length() - 1);
                if (last == '+' || last == '-' || last == '?') {
                    values.put(item.substring(0, item.length() - 1), String.valueOf(last));
                } else {
                    values.put(item, "+");
                }
            }
        }
        return new RemoteFeatures(values, reply);
    }

    /** Whether {@code name+} was sent. */
    public boolean supports(String name) {
        return "+".equals(values.get(name));
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** PacketSize in bytes (it is sent in hex), or the default when absent or unparsable. */
    public int packetSize() {
        String v = values.get("PacketSize");
        if (v == null) {
            return DEFAULT_PACKET_SIZE;
        }
        try {
            long n = Hex.parseLong(v);
            return (int) Math.max(64, Math.min(n, 1 << 20));
        } catch (RspProtocolException e) {
            return DEFAULT_PACKET_SIZE;
        }
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }
}
