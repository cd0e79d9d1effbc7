package org.vmscope.model.proc;

import org.vmscope.model.map.Errno;

/**
 * What a simulated system call returned: a value (an address, a pid) when {@code errno} is 0, else a negative
 * errno as the kernel returns it. Failures are values, never exceptions.
 */
public record SysResult(long value, int errno) {

    public static SysResult ok(long value) {
        return new SysResult(value, Errno.EOK);
    }

    public static SysResult error(int errno) {
        return new SysResult(0, errno);
    }

    public boolean isOk() {
        return errno == Errno.EOK;
    }

    @Override
    public String toString() {
        return isOk() ? String.format("ok 0x%x", value) : Errnos.name(errno);
    }
}
