package org.vmscope.bridge.rsp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A QEMU halted at reset (-S) with its gdbstub on a loopback port; stopped by process handle. */
final class Qemu implements AutoCloseable {
    final Process process;
    final int port;

    private Qemu(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Qemu x86_64() throws IOException {
        return start("qemu-system-x86_64", List.of("-M", "pc", "-m", "64"));
    }

    static Qemu riscv64() throws IOException {
        return start("qemu-system-riscv64", List.of("-M", "virt", "-m", "64", "-bios", "none"));
    }

    private static Qemu start(String binary, List<String> machine) throws IOException {
        String path = ExternalProcess.which(binary);
        assumeTrue(path != null, binary + " not installed");
        int port = ExternalProcess.freePort();
        List<String> cmd = new ArrayList<>(List.of(path, "-nographic", "-S", "-gdb", "tcp:127.0.0.1:" + port,
                "-monitor", "none", "-serial", "none", "-display", "none"));
        cmd.addAll(machine);
        return new Qemu(ExternalProcess.start(cmd), port);
    }

    /** Connects once the stub listens (bounded retries while QEMU starts up). */
    RspClient connect(RspClientOptions options) throws Exception {
        RspException last = null;
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            try {
                return RspClient.connect("127.0.0.1", port, options);
            } catch (RspDisconnectedException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("QEMU gdbstub did not come up (alive=" + process.isAlive() + ")", last);
    }

    /** Waits until the stub accepts TCP connections, without speaking RSP (for the proxy tests). */
    void awaitListening() throws Exception {
        for (int i = 0; i < 100 && process.isAlive(); i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("QEMU gdbstub did not come up");
    }

    @Override
    public void close() throws InterruptedException {
        ExternalProcess.stop(process);
    }
}
