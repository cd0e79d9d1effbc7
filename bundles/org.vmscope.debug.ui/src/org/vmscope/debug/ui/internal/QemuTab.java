package org.vmscope.debug.ui.internal;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.vmscope.debug.core.VmscopeLaunch;

/** Starting QEMU with the launch: the emulator, the image, its arguments; halted with its gdbstub on loopback. */
public final class QemuTab extends AbstractLaunchConfigurationTab {
    private static final String[] BINARIES = {"qemu-system-i386", "qemu-system-x86_64", "qemu-system-arm",
        "qemu-system-aarch64", "qemu-system-riscv64"};

    private Button start;
    private Combo binary;
    private Text image;
    private Text arguments;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        setControl(c);
        start = Fields.check(c, "Start QEMU with this launch (halted at reset, gdbstub on 127.0.0.1 at the Target tab's"
                + " port; it ends with the launch)", this::enable);
        new Label(c, SWT.NONE).setText("Emulator:");
        binary = new Combo(c, SWT.DROP_DOWN);
        binary.setItems(BINARIES);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(binary);
        binary.addModifyListener(e -> changed());
        image = Fields.file(c, "Image (-kernel):", "Given to -kernel; empty gives none (use the arguments)",
                new String[] {"*.elf", "*.bin", "*"}, e -> changed());
        new Label(c, SWT.NONE).setText("Arguments:");
        arguments = new Text(c, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        arguments.setToolTipText("e.g. -M virt -m 128M -display none -serial stdio; -S and -gdb are added");
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(300, 60).applyTo(arguments);
        arguments.addModifyListener(e -> changed());
    }

    private void enable() {
        boolean on = start.getSelection();
        binary.setEnabled(on);
        image.setEnabled(on);
        arguments.setEnabled(on);
        changed();
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(VmscopeLaunch.QEMU_START, false);
        config.setAttribute(VmscopeLaunch.QEMU_BINARY, BINARIES[0]);
        config.setAttribute(VmscopeLaunch.QEMU_ARGUMENTS, "-m 128M -display none -serial stdio");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            start.setSelection(config.getAttribute(VmscopeLaunch.QEMU_START, false));
            binary.setText(config.getAttribute(VmscopeLaunch.QEMU_BINARY, BINARIES[0]));
            image.setText(config.getAttribute(VmscopeLaunch.QEMU_IMAGE, ""));
            arguments.setText(config.getAttribute(VmscopeLaunch.QEMU_ARGUMENTS, ""));
            enable();
            setDirty(false);
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(VmscopeLaunch.QEMU_START, start.getSelection());
        config.setAttribute(VmscopeLaunch.QEMU_BINARY, binary.getText().trim());
        config.setAttribute(VmscopeLaunch.QEMU_IMAGE, image.getText().trim());
        config.setAttribute(VmscopeLaunch.QEMU_ARGUMENTS, arguments.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        if (start.getSelection() && binary.getText().isBlank()) {
            setErrorMessage("name the QEMU emulator to start");
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "QEMU";
    }
}
