package org.vmscope.bridge.mirror;

import java.util.Optional;
import java.util.OptionalLong;
import org.vmscope.bridge.rsp.RegisterInfo;
import org.vmscope.bridge.rsp.RegisterValue;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.TargetDescription;

/**
 * Registers of a connected target, looked up in its target description and read with {@code p}. Values are
 * decoded in the byte order of the described architecture (SPARC is big-endian), whatever the client assumes.
 */
public final class RspRegisters implements RegisterSource {
    private final RspClient client;
    private final TargetDescription description;
    private final boolean bigEndian;

    public RspRegisters(RspClient client) throws RspException {
        this.client = client;
        this.description = client.requireTargetDescription();
        this.bigEndian = description.architecture().map(a -> a.startsWith("sparc")).orElse(false);
    }

    @Override
    public Optional<String> architecture() {
        return description.architecture();
    }

    @Override
    public OptionalLong read(String name, int bitsize) throws RspException {
        Optional<RegisterInfo> reg = description.registers().stream()
                .filter(r -> r.name().equals(name) && (bitsize <= 0 || r.bitsize() == bitsize))
                .findFirst();
        if (reg.isEmpty()) {
            return OptionalLong.empty();
        }
        RegisterValue v = client.readRegister(reg.get());
        if (!v.available()) {
            return OptionalLong.empty();
        }
        if (!bigEndian) {
            return OptionalLong.of(v.toLong());
        }
        long value = 0;
        for (byte b : v.bytes().orElseThrow()) {
            value = value << 8 | (b & 0xff);
        }
        return OptionalLong.of(value);
    }
}
