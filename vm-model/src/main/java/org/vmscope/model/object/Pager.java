package org.vmscope.model.object;

/**
 * The server side of a memory object: answers the {@code mtGetAttr}/{@code mtRead} messages
 * {@code object_fetch} sends to {@code oid.port} (open and close carry no data in the model).
 */
public interface Pager {

    /** {@code proc_size}: the object's size in bytes, or a negative errno. */
    long size(int port, long id);

    /**
     * {@code proc_read}: fills {@code page} with the object's bytes at {@code offs} (zeros past the end).
     *
     * @return 0 or a negative errno
     */
    int read(int port, long id, long offs, byte[] page);
}
