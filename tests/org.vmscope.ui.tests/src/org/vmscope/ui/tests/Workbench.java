package org.vmscope.ui.tests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.PropertySheet;

/** Small helpers over the platform API: open a view and wait for it, read the Properties view. */
final class Workbench {

    private Workbench() {
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Shows (and activates) the view, then waits for its reads. */
    @SuppressWarnings("unchecked")
    static <V extends IViewPart> V show(String id) throws PartInitException {
        V v = (V) page().showView(id);
        settle();
        return v;
    }

    static void settle() {
        Screenshots.settle(PlatformUI.getWorkbench().getDisplay());
    }

    /** The name → value pairs the Properties view shows now, categories flattened. */
    static Map<String, String> properties() throws PartInitException {
        PropertySheet sheet = (PropertySheet) page().showView("org.eclipse.ui.views.PropertySheet", null,
                IWorkbenchPage.VIEW_VISIBLE);
        settle();
        Tree tree = findTree(sheet.getCurrentPage().getControl());
        Map<String, String> out = new LinkedHashMap<>();
        if (tree != null) {
            collect(List.of(tree.getItems()), out);
        }
        return out;
    }

    private static void collect(List<TreeItem> items, Map<String, String> out) {
        for (TreeItem i : items) {
            if (i.getItemCount() > 0) {
                if (!i.getExpanded()) {
                    // the sheet creates a category's rows when SWT reports it expanded
                    org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
                    e.item = i;
                    i.getParent().notifyListeners(org.eclipse.swt.SWT.Expand, e);
                    i.setExpanded(true);
                }
                collect(List.of(i.getItems()), out);
            } else {
                out.put(i.getText(0), i.getText(1));
            }
        }
    }

    private static Tree findTree(org.eclipse.swt.widgets.Control c) {
        if (c instanceof Tree t) {
            return t;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                Tree t = findTree(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The texts of column 0 of every item, depth first, expanded as it goes. */
    static List<String> allRows(Tree tree) {
        List<String> out = new ArrayList<>();
        addRows(List.of(tree.getItems()), out);
        return out;
    }

    private static void addRows(List<TreeItem> items, List<String> out) {
        for (TreeItem i : items) {
            out.add(i.getText(0));
            addRows(List.of(i.getItems()), out);
        }
    }
}
