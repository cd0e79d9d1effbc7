package org.vmscope.ui.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.IFolderLayout;
import org.vmscope.ui.views.AddressSpacesView;
import org.vmscope.ui.views.KernelHeapView;
import org.vmscope.ui.views.MemoryObjectsView;
import org.vmscope.ui.views.PageTablesView;
import org.vmscope.ui.views.PhysicalMemoryView;
import org.vmscope.ui.views.ProblemsView;
import org.vmscope.ui.views.SnapshotDiffView;

/** The vmscope perspective: the VM views around an editor area kept for scenario files. */
public class VmscopePerspective implements IPerspectiveFactory {
    public static final String ID = "org.vmscope.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editor = layout.getEditorArea();
        IFolderLayout bottom = layout.createFolder("org.vmscope.ui.bottom", IPageLayout.BOTTOM, 0.35f, editor);
        bottom.addView(PhysicalMemoryView.ID);
        bottom.addView(AddressSpacesView.ID);
        bottom.addView(PageTablesView.ID);
        bottom.addView(KernelHeapView.ID);
        bottom.addView(MemoryObjectsView.ID);
        bottom.addView(ProblemsView.ID);
        bottom.addPlaceholder(SnapshotDiffView.ID);
        layout.addView(IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.LEFT, 0.22f, editor);
        layout.addView(IPageLayout.ID_PROP_SHEET, IPageLayout.RIGHT, 0.72f, "org.vmscope.ui.bottom");
    }
}
