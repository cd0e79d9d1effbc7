package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.psh.PshMem;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.export.Export;
import org.vmscope.ui.views.AddressSpacesView;
import org.vmscope.ui.views.KernelHeapView;
import org.vmscope.ui.views.MemoryObjectsView;
import org.vmscope.ui.views.PageTablesView;
import org.vmscope.ui.views.PhysicalMemoryView;
import org.vmscope.ui.views.ProblemsView;
import org.vmscope.ui.views.RowsView;

/** Copy puts the selected rows on the clipboard; Export writes CSV, JSON and psh's own text. */
public class CopyAndExportTest {

    private static SimulatedTargetSession demo() throws Exception {
        SimulatedTargetSession s = SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"),
                SimulatedTargetSpec.DEFAULT);
        Sessions.get().activate(s);
        return s;
    }

    @Test
    public void pshExportsEqualWhatPshPrintsForTheSameState() throws Exception {
        SimulatedTargetSession session = demo();
        var k = session.kernel();

        PhysicalMemoryView phys = Workbench.show(PhysicalMemoryView.ID);
        assertEquals(PshMem.pages(k), phys.export("psh mem -p"));
        assertEquals(PshMem.summary(k), phys.export("psh mem"));

        AddressSpacesView spaces = Workbench.show(AddressSpacesView.ID);
        // nothing selected: the kernel map, as mem -m kernel
        spaces.getSite().getSelectionProvider().setSelection(StructuredSelection.EMPTY);
        assertEquals(PshMem.kernelMap(k), spaces.export("psh mem -m"));
        TreeItem psh = spaces.treeControl().getItem(2);
        assertEquals("2 psh", psh.getText(0));
        spaces.getSite().getSelectionProvider().setSelection(new TreeSelection(new TreePath(new Object[] { psh.getData() })));
        Workbench.settle();
        var ps = session.processes();
        assertEquals(PshMem.map(ps.mapInfo(ps.get(2)), 4), spaces.export("psh mem -m"));

        Path file = Files.createTempFile("mem-m", ".txt");
        spaces.export("psh mem -m", file);
        assertEquals(PshMem.map(ps.mapInfo(ps.get(2)), 4), Files.readString(file, StandardCharsets.UTF_8));
        Files.delete(file);
    }

    @Test
    public void csvHasOneLinePerRowInEveryView() throws Exception {
        demo();
        for (String id : List.of(PhysicalMemoryView.ID, AddressSpacesView.ID, PageTablesView.ID, KernelHeapView.ID,
                MemoryObjectsView.ID, ProblemsView.ID)) {
            RowsView view = Workbench.show(id);
            int rows = rowCount(view);
            String csv = view.export(Export.CSV);
            String[] lines = csv.split("\r\n", -1);
            // the header, a line per row, and the empty piece after the last line break
            assertEquals(rows + 2, lines.length, id + ":\n" + csv);
            assertEquals("", lines[lines.length - 1]);
            String json = view.export(Export.JSON);
            assertTrue(json.startsWith("["), id);
            assertEquals(rows, json.split("\\{", -1).length - 1, id + " objects in JSON:\n" + json);
        }
    }

    /** Table items, or every tree item at any depth. */
    private static int rowCount(RowsView view) throws Exception {
        if (view instanceof AddressSpacesView a) {
            return Workbench.allRows(a.treeControl()).size();
        }
        if (view instanceof MemoryObjectsView m) {
            return Workbench.allRows(m.treeControl()).size();
        }
        var table = switch (view) {
            case PhysicalMemoryView p -> p.table();
            case PageTablesView p -> p.table();
            case KernelHeapView k -> k.table();
            case ProblemsView p -> p.table();
            default -> throw new AssertionError(view);
        };
        return table.getItemCount();
    }

    @Test
    public void copyPutsTheSelectedRowsOnTheClipboard() throws Exception {
        demo();
        KernelHeapView heap = Workbench.show(KernelHeapView.ID);
        var t = heap.table();
        assertTrue(t.getItemCount() >= 2, "the demo uses several kmalloc classes");
        heap.getSite().getSelectionProvider().setSelection(
                new StructuredSelection(List.of(t.getItem(0).getData(), t.getItem(1).getData())));
        Workbench.settle();
        assertEquals(2, t.getSelectionCount(), "two classes selected");
        heap.copyToClipboard();
        Workbench.settle();
        Clipboard cb = new Clipboard(t.getDisplay());
        String text;
        try {
            text = (String) cb.getContents(TextTransfer.getInstance());
        } finally {
            cb.dispose();
        }
        StringBuilder expected = new StringBuilder();
        for (int row = 0; row < 2; row++) {
            for (int c = 0; c < t.getColumnCount(); c++) {
                expected.append(c == 0 ? "" : "\t").append(t.getItem(row).getText(c));
            }
            expected.append('\n');
        }
        assertEquals(expected.toString(), heap.copyText());
        assertEquals(expected.toString(), text, "the clipboard holds the copied rows");
    }
}
