package org.vmscope.debug.ui.internal;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.ModifyListener;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ResourceSelectionDialog;

/** The small widget rows the vmscope launch tabs are made of, each laid out on a three-column grid. */
final class Fields {

    private Fields() {
    }

    static Text text(Composite parent, String label, String tooltip, ModifyListener changed) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER | SWT.SINGLE);
        t.setToolTipText(tooltip);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(t);
        t.addModifyListener(changed);
        return t;
    }

    /** A path field with Workspace... and File... buttons below it. */
    static Text file(Composite parent, String label, String tooltip, String[] extensions, ModifyListener changed) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER | SWT.SINGLE);
        t.setToolTipText(tooltip);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(t);
        t.addModifyListener(changed);
        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new org.eclipse.swt.layout.RowLayout());
        Button ws = new Button(buttons, SWT.PUSH);
        ws.setText("Workspace...");
        ws.addListener(SWT.Selection, e -> {
            ResourceSelectionDialog d = new ResourceSelectionDialog(parent.getShell(),
                    ResourcesPlugin.getWorkspace().getRoot(), "Choose " + label.replace(":", "").toLowerCase());
            if (d.open() == Window.OK && d.getResult().length > 0 && d.getResult()[0] instanceof IResource r) {
                t.setText(r.getFullPath().toString());
            }
        });
        Button fs = new Button(buttons, SWT.PUSH);
        fs.setText("File...");
        fs.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
            d.setFilterExtensions(extensions);
            String f = d.open();
            if (f != null) {
                t.setText(f);
            }
        });
        return t;
    }

    static Button check(Composite parent, String label, Runnable changed) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(label);
        GridDataFactory.fillDefaults().span(3, 1).applyTo(b);
        b.addListener(SWT.Selection, e -> changed.run());
        return b;
    }

    /** A port 0..65535, or null when {@code text} is not one. */
    static Integer port(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            return p >= 0 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
