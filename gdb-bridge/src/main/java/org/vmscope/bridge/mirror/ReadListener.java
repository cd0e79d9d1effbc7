package org.vmscope.bridge.mirror;

/** Told after every read that went to the wire: for progress display, and for tests that cut a target. */
@FunctionalInterface
public interface ReadListener {

    /** {@code [pa, pa+length)} was read; {@code total} is the reader's running count. */
    void afterWireRead(long pa, int length, ReadStats total);
}
