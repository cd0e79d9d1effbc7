package org.vmscope.bridge.rsp;

/** Work done with a client while a temporary mode is set (see {@link RspClient#withPhysicalMemoryMode}). */
@FunctionalInterface
public interface RspAction<T> {
    T run(RspClient client) throws RspException;
}
