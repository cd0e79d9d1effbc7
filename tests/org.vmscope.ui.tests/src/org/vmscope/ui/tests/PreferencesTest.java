package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.core.VmscopePreferences;
import org.vmscope.model.object.VmObject;
import org.vmscope.model.script.Examples;
import org.vmscope.ui.internal.PageMarkers;
import org.vmscope.ui.internal.VmscopePreferencePage;
import org.vmscope.ui.views.MemoryObjectsView;

/** The preference page edits the core's node; the views and the frame map follow what it holds. */
public class PreferencesTest {

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(VmscopePreferences.NODE);
    }

    @Test
    public void theFrameMapDrawsTheOwnerColourOfThePreferences() throws Exception {
        node().put(VmscopePreferences.MARKER_COLOUR_PREFIX + "A", "1,2,3");
        try {
            assertEquals(new RGB(1, 2, 3), PageMarkers.colour(Workbench.page().getWorkbenchWindow().getShell()
                    .getDisplay(), 'A').getRGB());
            node().put(VmscopePreferences.MARKER_COLOUR_PREFIX + "A", "not a colour");
            assertEquals(new RGB(0, 128, 0), PageMarkers.colour(Workbench.page().getWorkbenchWindow().getShell()
                    .getDisplay(), 'A').getRGB(), "a malformed value falls back to the default");
        } finally {
            node().remove(VmscopePreferences.MARKER_COLOUR_PREFIX + "A");
        }
    }

    @Test
    public void manualRefreshKeepsTheViewsUntilRefreshIsAsked() throws Exception {
        SimulatedTargetSession session = SimulatedTargetSession.run("ide-demo.vmsim", Examples.read("ide-demo.vmsim"),
                SimulatedTargetSpec.DEFAULT);
        Sessions.get().activate(session);
        MemoryObjectsView view = Workbench.show(MemoryObjectsView.ID);
        VmObject program = session.processes().objects().find("psh");
        String oid = program.port() + "." + program.id();
        int refs = program.refs();
        assertEquals(Integer.toString(refs), refsShown(view, oid));

        node().put(VmscopePreferences.REFRESH_POLICY, VmscopePreferences.REFRESH_MANUAL);
        try {
            VmObject.put(program, session.kernel().pages());
            // the same target telling the views it moved on
            Sessions.get().activate(session);
            Workbench.settle();
            assertEquals(Integer.toString(refs), refsShown(view, oid), "manual: the view keeps what it read");
            view.refresh(session);
            Workbench.settle();
            assertEquals(Integer.toString(refs - 1), refsShown(view, oid), "Refresh reads the target again");
        } finally {
            node().remove(VmscopePreferences.REFRESH_POLICY);
        }
    }

    private static String refsShown(MemoryObjectsView view, String oid) {
        for (var item : view.treeControl().getItems()) {
            if (item.getText(0).equals(oid)) {
                return item.getText(4);
            }
        }
        throw new AssertionError(oid + " not listed");
    }

    @Test
    public void thePageShowsTheStoredValues() throws Exception {
        node().putInt(VmscopePreferences.READ_BUDGET_KIB, 1234);
        PreferenceDialog d = PreferencesUtil.createPreferenceDialogOn(Workbench.page().getWorkbenchWindow().getShell(),
                VmscopePreferencePage.ID, new String[] { VmscopePreferencePage.ID }, null);
        d.setBlockOnOpen(false);
        d.open();
        try {
            Workbench.settle();
            assertTrue(d.getSelectedPage() instanceof VmscopePreferencePage, "the vmscope page is shown");
            List<String> texts = new ArrayList<>();
            collectTexts(d.getShell(), texts);
            assertTrue(texts.contains("1234"), "the read budget field holds the stored value: " + texts);
            Screenshots.save(d.getShell(), "preferences");
            assertEquals(1234 * 1024L, VmscopePreferences.readBudgetBytes(), "the live session reads the same value");
        } finally {
            d.close();
            node().remove(VmscopePreferences.READ_BUDGET_KIB);
        }
    }

    private static void collectTexts(Control c, List<String> out) {
        if (c instanceof Text t) {
            out.add(t.getText());
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collectTexts(child, out);
            }
        }
    }
}
