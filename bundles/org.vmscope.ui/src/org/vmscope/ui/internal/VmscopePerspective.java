package org.vmscope.ui.internal;

import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.vmscope.ui.views.PhysicalMemoryView;

/** The vmscope perspective: the VM views around an editor area kept for scenario files. */
public class VmscopePerspective implements IPerspectiveFactory {
    public static final String ID = "org.vmscope.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editor = layout.getEditorArea();
        layout.addView(PhysicalMemoryView.ID, IPageLayout.BOTTOM, 0.35f, editor);
        layout.addView(IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.LEFT, 0.22f, editor);
        layout.addView(IPageLayout.ID_PROP_SHEET, IPageLayout.RIGHT, 0.72f, PhysicalMemoryView.ID);
    }
}
