package org.vmscope.model.proc;

import java.util.Locale;

import org.vmscope.model.map.Errno;

/** Errno names and values the process layer returns: the VM's ({@link Errno}) plus process-level ones. */
public final class Errnos {
    public static final int ESRCH = -3;
    public static final int ENOSYS = -38;

    private static final int[] ALL = {Errno.EOK, ESRCH, Errno.ENOMEM, Errno.EACCES, Errno.EFAULT, Errno.EBUSY,
        Errno.EEXIST, Errno.EINVAL, Errno.ERANGE, ENOSYS};

    private Errnos() {
    }

    public static String name(int err) {
        return switch (err) {
            case ESRCH -> "ESRCH";
            case ENOSYS -> "ENOSYS";
            default -> Errno.name(err);
        };
    }

    /** The value of an errno name such as {@code ENOMEM} (case-insensitive), or 1 when unknown. */
    public static int parse(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (int e : ALL) {
            if (name(e).equals(n)) {
                return e;
            }
        }
        return 1;
    }
}
