package org.vmscope.debug.core.model;

import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.mirror.Mirror;
import org.vmscope.bridge.mirror.MirrorException;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.core.LiveTargetStop;

/**
 * How a launch reads a live target at each stop: the mirror's options, the kernel ELF (or none), and
 * whether the ELF is checked against the running kernel (at every stop: a few hundred bytes, and the
 * target may have loaded another kernel since).
 */
public final class StopCapture {
    private final String targetName;
    private final MirrorOptions options;
    private final KernelImage kernel;
    private final boolean verify;

    public StopCapture(String targetName, MirrorOptions options, KernelImage kernel, boolean verify) {
        this.targetName = targetName;
        this.options = options;
        this.kernel = kernel;
        this.verify = verify && kernel != null;
    }

    public MirrorOptions options() {
        return options;
    }

    public String targetName() {
        return targetName;
    }

    /** Reads the halted target over {@code client} (which the caller keeps). */
    public synchronized LiveTargetStop capture(RspClient client) throws MirrorException {
        Mirror m = Mirror.over(client, options);
        return capture(m);
    }

    /** Reads the halted target behind {@code mirror}, after forgetting what an earlier stop read. */
    public synchronized LiveTargetStop capture(Mirror mirror) throws MirrorException {
        mirror.invalidate();
        return LiveTargetStop.capture(targetName, mirror, kernel, verify);
    }
}
