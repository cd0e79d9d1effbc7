package org.vmscope.ui.internal;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ColorFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.vmscope.core.VmscopePreferences;

/**
 * Window → Preferences → vmscope: when views refresh, how much one refresh of a live target may read, and the
 * frame map's owner colours. The values live in the core's preference node, where targets read them.
 */
public class VmscopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.vmscope.ui.preferences";

    public VmscopePreferencePage() {
        super(GRID);
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, VmscopePreferences.NODE));
        setDescription("Settings of the vmscope views and targets.");
    }

    @Override
    public void init(IWorkbench workbench) {
        VmscopePreferences.initDefaults();
    }

    @Override
    protected void createFieldEditors() {
        Composite p = getFieldEditorParent();
        addField(new RadioGroupFieldEditor(VmscopePreferences.REFRESH_POLICY, "Refresh the views", 1,
                new String[][] { { "on every stop of the target", VmscopePreferences.REFRESH_ON_STOP },
                    { "only on Refresh", VmscopePreferences.REFRESH_MANUAL } }, p, true));
        IntegerFieldEditor budget = new IntegerFieldEditor(VmscopePreferences.READ_BUDGET_KIB,
                "Live target read budget per refresh (KiB):", p);
        budget.setValidRange(4, 1 << 22);
        addField(budget);
        Label legend = new Label(p, SWT.NONE);
        legend.setText("Frame map colours by owner (psh mem -p markers):");
        legend.setLayoutData(new org.eclipse.swt.layout.GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        for (char m : VmscopePreferences.MARKERS.toCharArray()) {
            addField(new ColorFieldEditor(VmscopePreferences.MARKER_COLOUR_PREFIX + m,
                    m + "  " + PageMarkers.describe(m), p));
        }
    }
}
