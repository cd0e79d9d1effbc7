package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.LiveTargetStop;
import org.vmscope.core.Sessions;
import org.vmscope.debug.core.VmscopeLaunch;
import org.vmscope.debug.core.model.RemoteDebugTarget;
import org.vmscope.ui.views.AddressSpacesView;
import org.vmscope.ui.views.KernelHeapView;
import org.vmscope.ui.views.MemoryObjectsView;

/**
 * The whole IDE path on a real emulator: a "vmscope GDB remote target" launch starts QEMU on the
 * Phoenix-shaped test kernel (tests/phoenix-like) and decodes it from its DWARF. The kernel's own psh
 * printout on its serial port is the oracle for the Address Spaces view.
 */
public class PhoenixKernelLaunchTest {
    private static final String END = "PHOENIX-LIKE end";

    /** Builds the ia32 DWARF 5 kernel with the project's Makefile (Debian's i686 cross compiler). */
    private static Path kernel() throws Exception {
        Path src = Path.of("..", "phoenix-like").toAbsolutePath().normalize();
        Path out = Path.of("target", "phoenix-like").toAbsolutePath();
        Files.createDirectories(out);
        Process make = new ProcessBuilder("make", "-C", src.toString(), "OUT=" + out, "ia32")
                .redirectErrorStream(true).redirectOutput(out.resolve("make.log").toFile()).start();
        assertTrue(make.waitFor(300, TimeUnit.SECONDS) && make.exitValue() == 0,
                () -> "make of the phoenix-like kernel failed:\n" + read(out.resolve("make.log")));
        return out.resolve("phoenix-like-ia32-dwarf5.elf");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The lines psh printed for {@code command}, up to the next prompt. */
    private static List<String> psh(String serial, String command) {
        List<String> out = new ArrayList<>();
        int at = serial.indexOf("(psh)% " + command + "\n");
        assertTrue(at >= 0, "the kernel printed '" + command + "':\n" + serial);
        for (String line : serial.substring(at).split("\n", -1)) {
            if (!out.isEmpty() && (line.startsWith("(psh)% ") || line.equals(END))) {
                break;
            }
            out.add(line);
        }
        return out.subList(1, out.size());
    }

    @Test
    public void qemuStartedByTheLaunchIsDecodedAsItsOwnPrintoutSays() throws Exception {
        assertTrue(new File("/usr/bin/qemu-system-i386").canExecute(), "qemu-system-i386 is installed (qemu-system-x86)");
        Path elf = kernel();
        Path serialFile = elf.resolveSibling("serial.txt");
        Files.deleteIfExists(serialFile);
        ILaunch launch = Launches.launch(Launches.config(VmscopeLaunch.REMOTE_TYPE, "phoenix-like", Map.of(
                VmscopeLaunch.PORT, 0, VmscopeLaunch.KERNEL_ELF, elf.toString(),
                VmscopeLaunch.QEMU_START, true, VmscopeLaunch.QEMU_BINARY, "qemu-system-i386",
                VmscopeLaunch.QEMU_IMAGE, elf.toString(),
                VmscopeLaunch.QEMU_ARGUMENTS, "-accel tcg -m 32M -display none -monitor none -serial file:" + serialFile)),
                ILaunchManager.DEBUG_MODE);
        try {
            RemoteDebugTarget target = assertInstanceOf(RemoteDebugTarget.class, launch.getDebugTarget());
            IProcess qemu = target.getProcess();
            assertTrue(qemu != null && !qemu.isTerminated(), "the launch started QEMU");
            // halted at reset: paging is off, which is a finding of the stop, not a failed launch
            LiveTargetStop reset = assertInstanceOf(LiveTargetStop.class, Sessions.get().current().orElseThrow());
            assertFalse(reset.problems().isEmpty(), "nothing can be decoded before the kernel enables paging");

            IThread thread = target.getThreads()[0];
            thread.resume();
            Launches.waitUntil("the kernel prints its report on serial", () -> read(serialFile).contains(END),
                    () -> "(suspended " + target.isSuspended() + "; serial so far: " + read(serialFile) + ")");
            thread.suspend();
            Launches.waitUntil("the stop after the report is mirrored",
                    () -> target.isSuspended() && Sessions.get().current().orElseThrow() != reset);
            LiveTargetStop stop = (LiveTargetStop) Sessions.get().current().orElseThrow();
            assertTrue(stop.problems().isEmpty(), () -> "the test kernel is consistent: " + stop.problems());
            String serial = read(serialFile).replace("\r", "");

            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            AddressSpacesView spaces = (AddressSpacesView) page.showView(AddressSpacesView.ID);
            Launches.waitUntil("the Address Spaces view shows the live kernel",
                    () -> spaces.treeControl().getItemCount() == stop.addressSpaces().size());
            List<String> kernelMap = psh(serial, "mem -m kernel");
            TreeItem kernel = spaces.treeControl().getItem(0);
            assertEquals("kernel", kernel.getText(0));
            assertEquals(kernelMap.size() - 1, kernel.getItemCount(), "one row per psh line below the header");
            for (int i = 0; i < kernel.getItemCount(); i++) {
                String line = kernelMap.get(kernelMap.size() - 1 - i);  // psh prints the highest entry first
                String[] segment = line.substring(0, line.indexOf(' ')).split(":");
                assertEquals("0x" + segment[0] + " - 0x" + segment[1], kernel.getItem(i).getText(0), line);
            }
            for (int i = 1; i < spaces.treeControl().getItemCount(); i++) {
                TreeItem p = spaces.treeControl().getItem(i);
                String pid = p.getText(0).split(" ")[0];
                assertEquals(psh(serial, "mem -m " + pid).size() - 1, p.getItemCount(), "mem -m " + pid);
            }
            Screenshots.save(spaces.getSite().getShell(), "launch-qemu-phoenix-like-address-spaces");

            assertFalse(stop.memoryObjects().isEmpty(), "the object tree is decoded");
            assertFalse(stop.kernelHeap().classes().isEmpty(), "kmalloc's zones are decoded");
            MemoryObjectsView objects = (MemoryObjectsView) page.showView(MemoryObjectsView.ID);
            KernelHeapView heap = (KernelHeapView) page.showView(KernelHeapView.ID);
            Screenshots.settle(heap.getSite().getShell().getDisplay());
            assertTrue(heap.table().getItemCount() > 0, "the Kernel Heap view lists kmalloc classes");
            Screenshots.save(objects.getSite().getShell(), "launch-qemu-phoenix-like-heap");

            target.terminate();
            Launches.waitUntil("QEMU ends with the launch", qemu::isTerminated);
        } finally {
            if (!launch.isTerminated()) {
                launch.terminate();
            }
        }
    }
}
