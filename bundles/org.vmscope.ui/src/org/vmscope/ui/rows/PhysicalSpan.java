package org.vmscope.ui.rows;

/** A row that covers physical frames: a page run, a mapped range's frames, one frame. */
public interface PhysicalSpan {

    long pa();

    long paBytes();
}
