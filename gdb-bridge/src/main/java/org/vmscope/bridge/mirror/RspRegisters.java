package org.vmscope.bridge.mirror;

import java.util.Optional;
import java.util.OptionalLong;
import org.vmscope.bridge.rsp.RegisterInfo;
import org.vmscope.bridge.rsp.RegisterValue;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.bridge.rsp.TargetDescription;

/** Registers of a connected target, looked up in its target description and read with {@code p}. */
public final class RspRegisters implements RegisterSource {
    private final RspClient client;
    private final TargetDescription description;

    public RspRegisters(RspClient client) throws RspException {
        this.client = client;
        this.description = client.requireTargetDescription();
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
        return v.available() ? OptionalLong.of(v.toLong()) : OptionalLong.empty();
    }
}
