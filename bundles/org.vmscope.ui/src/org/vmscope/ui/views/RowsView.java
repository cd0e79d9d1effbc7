package org.vmscope.ui.views;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.IStructuredContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IActionBars;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.part.IShowInSource;
import org.eclipse.ui.part.IShowInTarget;
import org.eclipse.ui.part.IShowInTargetList;
import org.eclipse.ui.part.ShowInContext;
import org.eclipse.ui.part.ViewPart;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vmscope.ui.export.Csv;
import org.vmscope.ui.export.Export;
import org.vmscope.ui.export.Json;
import org.vmscope.ui.rows.Row;

/**
 * A view of rows under a summary line: it publishes the selection as {@link Row}s (Properties view), and
 * gives the rows Copy, Export (CSV, JSON and psh formats) and Show In.
 */
public abstract class RowsView extends ViewPart implements IShowInTarget {
    /** The family of every job a vmscope view runs (reads, snapshot loads), e.g. to wait for the views. */
    public static final Object JOBS = RowsView.class;
    private static final String PLUGIN = "org.vmscope.ui";

    private Control root;
    private Label summary;
    private RowSelectionProvider selection;

    @Override
    public final void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        summary = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        root = create(parent);
        selection = new RowSelectionProvider(viewer(), this::row);
        getSite().setSelectionProvider(selection);
        contributeActions();
        started();
    }

    /** Builds the view's controls below the summary line (the parent has a one-column grid layout). */
    protected abstract Control create(Composite parent);

    /** Called once the controls and actions exist. */
    protected void started() {
    }

    /** The viewer whose rows are selected, copied and exported. */
    protected abstract ColumnViewer viewer();

    /** The row an element of the viewer stands for ({@code parent} is its tree parent, or null), or null. */
    protected abstract Row row(Object element, Object parent);

    /** The views Show In offers for this view's rows. */
    protected String[] showInTargets() {
        return new String[0];
    }

    /** Shows what this view has about {@code row} (selects it); false when it has nothing. */
    protected boolean showIn(Row row) {
        return false;
    }

    /** Exports in psh's formats, besides CSV and JSON. */
    protected List<Export> pshExports() {
        return List.of();
    }

    /** Adds the view's own actions to its tool bar and menu. */
    protected void addActions(IToolBarManager toolBar, IMenuManager menu) {
    }

    /** The top-level rows of the viewer. */
    protected List<?> roots() {
        Object input = viewer().getInput();
        if (input == null || !(viewer().getContentProvider() instanceof IStructuredContentProvider p)) {
            return List.of();
        }
        return List.of(p.getElements(input));
    }

    /** The children of a row (trees), or none. */
    protected List<?> children(Object row) {
        return viewer().getContentProvider() instanceof ITreeContentProvider t ? List.of(t.getChildren(row)) : List.of();
    }

    protected final boolean isAlive() {
        return root != null && !root.isDisposed();
    }

    /** Runs {@code r} on the UI thread later, unless the view is gone by then. */
    protected final void onUiThread(Runnable r) {
        if (isAlive()) {
            root.getDisplay().asyncExec(() -> {
                if (isAlive()) {
                    r.run();
                }
            });
        }
    }

    static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    // ------------------------------------------------------------------ copy and export

    /** The selected rows as text, one line per row, cells separated by tabs. */
    public final String copyText() {
        List<String> lines = new ArrayList<>();
        for (Object o : viewer().getStructuredSelection().toList()) {
            lines.add(String.join("\t", ViewerGrid.cells(viewer(), o)).stripTrailing());
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** CSV, JSON and the view's psh formats. */
    public final List<Export> exports() {
        boolean tree = viewer().getContentProvider() instanceof ITreeContentProvider;
        List<Export> out = new ArrayList<>();
        out.add(new Export(Export.CSV, "csv", () -> Csv.of(ViewerGrid.of(viewer(), roots(), this::children), tree)));
        out.add(new Export(Export.JSON, "json", () -> Json.of(ViewerGrid.of(viewer(), roots(), this::children))));
        out.addAll(pshExports());
        return out;
    }

    /** The text of the export named {@code name} (e.g. {@code CSV}, {@code psh mem -p}). */
    public final String export(String name) {
        for (Export e : exports()) {
            if (e.name().equals(name)) {
                return e.text().get();
            }
        }
        throw new IllegalArgumentException(getPartName() + " has no export " + name);
    }

    /** Writes the export named {@code name} to {@code file} (UTF-8). */
    public final void export(String name, Path file) throws IOException {
        Files.writeString(file, export(name), StandardCharsets.UTF_8);
    }

    private void exportToFile() {
        List<Export> exports = exports();
        FileDialog d = new FileDialog(getSite().getShell(), SWT.SAVE);
        d.setText("Export " + getPartName());
        d.setOverwrite(true);
        d.setFilterNames(exports.stream().map(e -> e.name() + " (*." + e.extension() + ")").toArray(String[]::new));
        d.setFilterExtensions(exports.stream().map(e -> "*." + e.extension()).toArray(String[]::new));
        d.setFileName(getPartName().toLowerCase().replace(' ', '-'));
        String file = d.open();
        if (file == null) {
            return;
        }
        Export e = exports.get(Math.max(0, Math.min(exports.size() - 1, d.getFilterIndex())));
        try {
            export(e.name(), Path.of(file));
        } catch (IOException | RuntimeException ex) {
            StatusManager.getManager().handle(Status.error("Cannot export " + getPartName() + " to " + file + ": "
                    + message(ex), ex), StatusManager.SHOW | StatusManager.LOG);
        }
    }

    /** Copies the selected rows to the clipboard as text. */
    public final void copyToClipboard() {
        String text = copyText();
        if (text.isEmpty()) {
            return;
        }
        Clipboard cb = new Clipboard(root.getDisplay());
        try {
            cb.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            cb.dispose();
        }
    }

    // ------------------------------------------------------------------ actions and menus

    private void contributeActions() {
        IActionBars bars = getViewSite().getActionBars();
        Action copy = action("Copy", IAction.AS_PUSH_BUTTON, this::copyToClipboard);
        copy.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(ISharedImages.IMG_TOOL_COPY));
        copy.setActionDefinitionId("org.eclipse.ui.edit.copy");
        bars.setGlobalActionHandler(ActionFactory.COPY.getId(), copy);
        Action export = action("Export...", IAction.AS_PUSH_BUTTON, this::exportToFile);
        export.setImageDescriptor(icon("export.png"));
        IToolBarManager tb = bars.getToolBarManager();
        IMenuManager menu = bars.getMenuManager();
        addActions(tb, menu);
        tb.add(export);
        menu.add(export);
        bars.updateActionBars();

        MenuManager context = new MenuManager("#PopupMenu");
        context.add(copy);
        context.add(export);
        context.add(new Separator());
        MenuManager showIn = new MenuManager("Show In", "org.vmscope.ui.showIn");
        showIn.add(ContributionItemFactory.VIEWS_SHOW_IN.create(getSite().getWorkbenchWindow()));
        context.add(showIn);
        context.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer().getControl().setMenu(context.createContextMenu(viewer().getControl()));
        getSite().registerContextMenu(context, selection);
    }

    static Action action(String text, int style, Runnable run) {
        Action a = new Action(text, style) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setToolTipText(text.replace("...", ""));
        return a;
    }

    static ImageDescriptor icon(String name) {
        return ResourceLocator.imageDescriptorFromBundle(PLUGIN, "icons/" + name).orElse(null);
    }

    // ------------------------------------------------------------------ Show In

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IShowInSource.class) {
            return adapter.cast((IShowInSource) () -> new ShowInContext(null, selection.getSelection()));
        }
        if (adapter == IShowInTargetList.class) {
            return adapter.cast((IShowInTargetList) this::showInTargets);
        }
        return super.getAdapter(adapter);
    }

    @Override
    public final boolean show(ShowInContext context) {
        if (!(context.getSelection() instanceof IStructuredSelection s)) {
            return false;
        }
        for (Object o : s.toList()) {
            if (o instanceof Row r && showIn(r)) {
                return true;
            }
        }
        return false;
    }

    /** Publishes {@code row} as the selection, its element selected in the viewer. */
    protected final void pinSelection(Row row) {
        selection.pin(row);
    }

    /** Selects and reveals viewer elements (or, in a tree, {@link TreePath}s); true when there was any. */
    protected final boolean select(List<?> elements) {
        if (elements.isEmpty()) {
            return false;
        }
        if (elements.get(0) instanceof TreePath) {
            viewer().setSelection(new TreeSelection(elements.toArray(TreePath[]::new)), true);
        } else {
            viewer().setSelection(new StructuredSelection(elements), true);
        }
        return true;
    }

    // ------------------------------------------------------------------ summary

    /** The summary line's text, for tests. */
    public String summaryText() {
        return summary.getText();
    }

    /** Sets the summary line above the view's controls. */
    protected final void summary(String text) {
        summary.setForeground(null);
        summary.setText(text);
        summary.getParent().layout(true);
    }

    /** Sets the summary line to an error, in red. */
    protected final void failed(String message) {
        summary(message);
        summary.setForeground(summary.getDisplay().getSystemColor(SWT.COLOR_RED));
    }
}
