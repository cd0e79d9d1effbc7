package org.vmscope.model.map;

/** The negative errno values the VM returns (Phoenix-RTOS {@code include/errno.h}). */
public final class Errno {
    public static final int EOK = 0;
    public static final int ENOMEM = -12;
    public static final int EACCES = -13;
    public static final int EFAULT = -14;
    public static final int EBUSY = -16;
    public static final int EEXIST = -17;
    public static final int EINVAL = -22;
    public static final int ERANGE = -34;

    private Errno() {
    }

    public static String name(int err) {
        return switch (err) {
            case EOK -> "EOK";
            case ENOMEM -> "ENOMEM";
            case EACCES -> "EACCES";
            case EFAULT -> "EFAULT";
            case EBUSY -> "EBUSY";
            case EEXIST -> "EEXIST";
            case EINVAL -> "EINVAL";
            case ERANGE -> "ERANGE";
            default -> "errno " + err;
        };
    }
}
