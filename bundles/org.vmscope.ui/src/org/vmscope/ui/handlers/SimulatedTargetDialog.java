package org.vmscope.ui.handlers;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.model.Arch;

/** Asks for a simulated target's architecture and RAM size; validates as the user types. */
final class SimulatedTargetDialog extends TitleAreaDialog {
    private Combo arch;
    private Text ram;
    private SimulatedTargetSpec spec = SimulatedTargetSpec.DEFAULT;

    SimulatedTargetDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Open Simulated Target");
    }

    SimulatedTargetSpec spec() {
        return spec;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Open Simulated Target");
        setMessage("Boot a simulated Phoenix-RTOS kernel on a standard machine of this architecture.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(c);
        new Label(c, SWT.NONE).setText("Architecture:");
        arch = new Combo(c, SWT.READ_ONLY);
        for (Arch a : Arch.values()) {
            arch.add(a.id());
        }
        arch.select(spec.arch().ordinal());
        new Label(c, SWT.NONE).setText("RAM (e.g. 16M, 4G):");
        ram = new Text(c, SWT.BORDER);
        ram.setText((spec.ramBytes() >> 20) + "M");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(ram);
        ram.addModifyListener(e -> validate());
        arch.addModifyListener(e -> validate());
        return area;
    }

    private void validate() {
        try {
            spec = new SimulatedTargetSpec(Arch.parse(arch.getText()), SimulatedTargetSpec.parseSize(ram.getText()));
            setErrorMessage(null);
            getButton(IDialogConstants.OK_ID).setEnabled(true);
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            getButton(IDialogConstants.OK_ID).setEnabled(false);
        }
    }
}
