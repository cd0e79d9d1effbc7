package org.vmscope.debug.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;

/**
 * Starts QEMU for a launch, halted at reset with its gdbstub on loopback, as a process of the launch (its
 * serial output in the Console, ended with the launch), and waits until the stub accepts connections.
 */
final class QemuStarter {
    private static final int WAIT_MILLIS = 20_000;
    private static final int POLL_MILLIS = 100;

    private QemuStarter() {
    }

    /** The command line: the binary, {@code -kernel IMAGE} if given, the user's arguments, then the stub. */
    static List<String> command(String binary, String image, String arguments, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        if (!image.isEmpty()) {
            cmd.add("-kernel");
            cmd.add(image);
        }
        cmd.addAll(Arrays.asList(DebugPlugin.splitArguments(arguments)));
        cmd.add("-S");
        cmd.add("-gdb");
        cmd.add("tcp:127.0.0.1:" + port);
        return cmd;
    }

    /** A free loopback port for the stub when the configuration names none. */
    static int freePort() throws CoreException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw LaunchValues.error("no free loopback port for QEMU's gdbstub: " + e.getMessage(), e);
        }
    }

    static IProcess start(ILaunch launch, List<String> cmd, int port, IProgressMonitor monitor) throws CoreException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw LaunchValues.error("cannot start " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        IProcess process = DebugPlugin.newProcess(launch, p, "QEMU (" + String.join(" ", cmd) + ")");
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw LaunchValues.error(cmd.get(0) + " exited with status " + p.exitValue()
                        + " before its gdbstub listened (see its output in the Console)");
            }
            if (monitor != null && monitor.isCanceled()) {
                p.destroy();
                throw LaunchValues.error("cancelled while waiting for QEMU");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), POLL_MILLIS);
                return process;
            } catch (IOException e) {
                sleep();
            }
        }
        p.destroy();
        throw LaunchValues.error("QEMU's gdbstub did not listen on 127.0.0.1:" + port + " within "
                + WAIT_MILLIS / 1000 + " s");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
