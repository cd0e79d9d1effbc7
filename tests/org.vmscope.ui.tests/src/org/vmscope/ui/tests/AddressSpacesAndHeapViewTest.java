package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.Machine;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.map.EntryInfo;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.internal.VmscopePerspective;
import org.vmscope.ui.views.AddressSpacesView;
import org.vmscope.ui.views.KernelHeapView;

/** The Address Spaces and Kernel Heap views on a freshly booted simulated riscv64 target, in the vmscope perspective. */
public class AddressSpacesAndHeapViewTest {

    @Test
    public void showsTheKernelMapAsPshPrintsIt() throws Exception {
        Sessions.get().activate(SimulatedTargetSession.boot(new SimulatedTargetSpec(Arch.RISCV64, 64L << 20)));
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        PlatformUI.getWorkbench().showPerspective(VmscopePerspective.ID, page.getWorkbenchWindow());
        AddressSpacesView view = (AddressSpacesView) page.showView(AddressSpacesView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());

        // psh's mem -m kernel of an independent boot of the same machine: its lines are the oracle
        SimKernel k = SimKernel.boot(Machine.standard(Arch.RISCV64, 64L << 20));
        List<EntryInfo> kernelEntries = k.kmap().info();
        String[] psh = PshMem.map(kernelEntries, 8).split("\n");

        Tree tree = view.treeControl();
        assertEquals(1, tree.getItemCount(), "the kernel map only, before any process exists");
        TreeItem kernel = tree.getItem(0);
        assertEquals("kernel", kernel.getText(0));
        assertEquals(psh.length - 1, kernel.getItemCount(), "one row per psh line below the header");
        for (int i = 0; i < kernel.getItemCount(); i++) {
            TreeItem row = kernel.getItem(i);
            // psh prints the highest entry first; the view lists in address order
            String line = psh[psh.length - 1 - i];
            String[] segment = line.substring(0, line.indexOf(' ')).split(":");
            assertEquals("0x" + segment[0] + " - 0x" + segment[1], row.getText(0));
            assertTrue(line.contains("  " + row.getText(2) + " "), "prot of " + line);
            assertTrue(line.endsWith(row.getText(5)), "object of " + line);
        }
        Screenshots.save(view.getSite().getShell(), "address-spaces-riscv64-64M");
    }

    @Test
    public void showsEveryProcessOfTheDemoScenario() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"),
                SimulatedTargetSpec.DEFAULT);
        Sessions.get().activate(session);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        AddressSpacesView view = (AddressSpacesView) page.showView(AddressSpacesView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());

        Tree tree = view.treeControl();
        // the scenario spawns init and psh, and psh forks (the child keeps its name): pids 1, 2, 3
        assertEquals(List.of("kernel", "1 init", "2 psh", "3 psh"),
                List.of(tree.getItems()).stream().map(i -> i.getText(0)).toList());
        var processes = session.processes();
        for (int pid = 1; pid <= 3; pid++) {
            String[] psh = PshMem.map(processes.mapInfo(processes.get(pid)), 4).split("\n");
            assertEquals(psh.length - 1, tree.getItem(pid).getItemCount(), "mem -m " + pid + " rows");
        }
        Screenshots.save(view.getSite().getShell(), "address-spaces-ide-demo");
    }

    @Test
    public void showsKmallocClassesAndTheEntryPool() throws Exception {
        Sessions.get().activate(SimulatedTargetSession.boot(new SimulatedTargetSpec(Arch.IA32, 16L << 20)));
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        KernelHeapView view = (KernelHeapView) page.showView(KernelHeapView.ID);
        Screenshots.settle(view.getSite().getShell().getDisplay());

        SimKernel k = SimKernel.boot(Machine.standard(Arch.IA32, 16L << 20));
        Table table = view.table();
        assertTrue(table.getItemCount() >= 1, "boot creates kmalloc's first header zone");
        boolean header = false;
        for (TableItem item : table.getItems()) {
            // _kmalloc_init's first zone holds zone headers: blocks of 2^hdridx bytes
            if (item.getText(0).equals(Integer.toString(k.kmalloc().hdridx()))) {
                header = true;
                assertEquals((1 << k.kmalloc().hdridx()) + " B", item.getText(1));
            }
            long used = Long.parseLong(item.getText(3));
            long total = Long.parseLong(item.getText(4));
            assertTrue(used >= 0 && used <= total, item.getText(0));
        }
        assertTrue(header, "the header class is listed");
        Screenshots.save(view.getSite().getShell(), "kernel-heap-ia32-16M");
    }
}
