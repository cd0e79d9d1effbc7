package org.vmscope.debug.core.internal;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.vmscope.bridge.kernel.KernelException;
import org.vmscope.bridge.kernel.KernelImage;
import org.vmscope.bridge.mirror.MirrorOptions;
import org.vmscope.bridge.mirror.RamLayout;
import org.vmscope.bridge.mirror.TargetArch;
import org.vmscope.bridge.rsp.RspClient;
import org.vmscope.bridge.rsp.RspException;
import org.vmscope.debug.core.VmscopeLaunch;
import org.vmscope.debug.core.model.ProxyDebugTarget;
import org.vmscope.debug.core.model.RemoteDebugTarget;
import org.vmscope.debug.core.model.StopCapture;

/**
 * Launches a GDB remote target: optionally starts QEMU, then either drives the target itself (direct) or
 * listens for the user's debugger and mirrors each stop that debugger makes (proxy).
 */
public final class RemoteTargetLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        LaunchValues v = new LaunchValues(config);
        String host = v.string(VmscopeLaunch.HOST, VmscopeLaunch.DEFAULT_HOST);
        int port = v.integer(VmscopeLaunch.PORT, VmscopeLaunch.DEFAULT_PORT);
        MirrorOptions options = options(v);
        String elf = v.file(VmscopeLaunch.KERNEL_ELF, "kernel ELF");
        KernelImage kernel = null;
        if (!elf.isEmpty()) {
            try {
                kernel = KernelImage.open(Path.of(elf));
            } catch (KernelException e) {
                throw LaunchValues.error(e.getMessage(), e);
            }
        }
        IProcess qemu = null;
        if (v.bool(VmscopeLaunch.QEMU_START, false)) {
            host = "127.0.0.1";
            if (port == 0) {
                port = QemuStarter.freePort();
            }
            List<String> cmd = QemuStarter.command(v.string(VmscopeLaunch.QEMU_BINARY, "qemu-system-i386"),
                    v.file(VmscopeLaunch.QEMU_IMAGE, "QEMU image"), v.string(VmscopeLaunch.QEMU_ARGUMENTS, ""), port);
            qemu = QemuStarter.start(launch, cmd, port, monitor);
        }
        StopCapture capture = new StopCapture(host + ":" + port, options, kernel,
                v.bool(VmscopeLaunch.VERIFY_KERNEL, true));
        try {
            if (VmscopeLaunch.MODE_PROXY.equals(v.string(VmscopeLaunch.MODE, VmscopeLaunch.MODE_DIRECT))) {
                launch.addDebugTarget(new ProxyDebugTarget(launch, qemu, host, port,
                        v.integer(VmscopeLaunch.PROXY_PORT, VmscopeLaunch.DEFAULT_PROXY_PORT), capture));
                return;
            }
            RspClient client;
            try {
                client = RspClient.connect(host, port, options.client());
            } catch (RspException e) {
                throw LaunchValues.error("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
            }
            launch.addDebugTarget(new RemoteDebugTarget(launch, qemu, client, capture));
        } catch (CoreException e) {
            // the emulator the launch started must not outlive a launch that failed
            if (qemu != null) {
                qemu.terminate();
            }
            throw e;
        }
    }

    private static MirrorOptions options(LaunchValues v) throws CoreException {
        MirrorOptions o = MirrorOptions.defaults();
        try {
            String arch = v.string(VmscopeLaunch.TARGET_ARCH, "auto");
            if (!arch.isEmpty() && !arch.equals("auto")) {
                o = o.withArch(TargetArch.parse(arch));
            }
            String root = v.string(VmscopeLaunch.ROOT, "");
            if (!root.isEmpty()) {
                o = o.withRootPa(RamLayout.parseNumber(root));
            }
            String ram = v.string(VmscopeLaunch.RAM_LAYOUT, "");
            if (!ram.isEmpty()) {
                o = o.withRam(RamLayout.parse(ram));
            }
        } catch (IllegalArgumentException e) {
            throw LaunchValues.error(e.getMessage(), e);
        }
        return o;
    }
}
