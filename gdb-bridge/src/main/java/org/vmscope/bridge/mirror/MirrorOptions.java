package org.vmscope.bridge.mirror;

import java.util.OptionalLong;
import org.vmscope.bridge.rsp.RspClientOptions;

/**
 * How a {@link Mirror} connects and reads.
 *
 * @param arch          architecture to assume instead of the target description's, or null
 * @param rootPa        top-level table address to walk instead of the first root register
 * @param ram           RAM ranges to trust instead of QEMU's {@code info mtree -f}, or null
 * @param channel       how physical memory is read
 * @param budgetBytes   cap on bytes read from the target per {@link GdbPhysReader}
 * @param requireHalted fail instead of halting a running target
 * @param resumeOnClose detach on close so the target runs on (otherwise QEMU stays paused)
 * @param client        RSP connection settings
 */
public record MirrorOptions(TargetArch arch, OptionalLong rootPa, RamLayout ram, Channel channel, long budgetBytes,
        boolean requireHalted, boolean resumeOnClose, RspClientOptions client) {

    /** Which {@link PhysicalChannel}: the physical memory mode when offered, else the monitor. */
    public enum Channel {
        AUTO, PHYMEM, XP
    }

    public MirrorOptions {
        rootPa = rootPa == null ? OptionalLong.empty() : rootPa;
        channel = channel == null ? Channel.AUTO : channel;
        client = client == null ? RspClientOptions.defaults() : client;
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("read budget must be positive");
        }
    }

    public static MirrorOptions defaults() {
        return new MirrorOptions(null, OptionalLong.empty(), null, Channel.AUTO, GdbPhysReader.DEFAULT_BUDGET, false,
                false, RspClientOptions.defaults());
    }

    public MirrorOptions withArch(TargetArch a) {
        return new MirrorOptions(a, rootPa, ram, channel, budgetBytes, requireHalted, resumeOnClose, client);
    }

    public MirrorOptions withRootPa(long pa) {
        return new MirrorOptions(arch, OptionalLong.of(pa), ram, channel, budgetBytes, requireHalted, resumeOnClose,
                client);
    }

    public MirrorOptions withRam(RamLayout r) {
        return new MirrorOptions(arch, rootPa, r, channel, budgetBytes, requireHalted, resumeOnClose, client);
    }

    public MirrorOptions withChannel(Channel c) {
        return new MirrorOptions(arch, rootPa, ram, c, budgetBytes, requireHalted, resumeOnClose, client);
    }

    public MirrorOptions withBudgetBytes(long b) {
        return new MirrorOptions(arch, rootPa, ram, channel, b, requireHalted, resumeOnClose, client);
    }

    public MirrorOptions withRequireHalted(boolean on) {
        return new MirrorOptions(arch, rootPa, ram, channel, budgetBytes, on, resumeOnClose, client);
    }

    public MirrorOptions withResumeOnClose(boolean on) {
        return new MirrorOptions(arch, rootPa, ram, channel, budgetBytes, requireHalted, on, client);
    }

    public MirrorOptions withClient(RspClientOptions c) {
        return new MirrorOptions(arch, rootPa, ram, channel, budgetBytes, requireHalted, resumeOnClose, c);
    }
}
