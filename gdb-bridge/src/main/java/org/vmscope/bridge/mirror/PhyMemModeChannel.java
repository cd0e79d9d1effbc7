package org.vmscope.bridge.mirror;

import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;

/**
 * Physical reads as {@code m} packets inside {@code Qqemu.PhyMemMode:1}: 2 KiB per packet, pipelined
 * by {@link RspClient#readMemory}. {@link RspClient#withPhysicalMemoryMode} always switches the mode
 * back off, also when the body fails.
 */
public final class PhyMemModeChannel implements PhysicalChannel {
    private final RspClient client;

    public PhyMemModeChannel(RspClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "phymem";
    }

    @Override
    public <T> T inScope(Scoped<T> body) throws RspException {
        return client.withPhysicalMemoryMode(c -> body.run());
    }

    @Override
    public byte[] read(long pa, int length) throws RspException {
        return client.readMemory(pa, length);
    }
}
