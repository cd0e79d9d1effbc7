package org.vmscope.debug.ui.internal;

import java.util.Arrays;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.vmscope.core.ScenarioSource;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.debug.core.VmscopeLaunch;
import org.vmscope.model.Arch;
import org.vmscope.model.script.Examples;

/** The machine, the scenario and the optional GDB server of a simulated target launch. */
public final class SimulatedTargetTab extends AbstractLaunchConfigurationTab {
    private Combo arch;
    private Text ram;
    private Text scenario;
    private Combo example;
    private Button serve;
    private Text gdbPort;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        setControl(c);
        new Label(c, SWT.NONE).setText("Architecture:");
        arch = new Combo(c, SWT.READ_ONLY);
        arch.setItems(Arrays.stream(Arch.values()).map(Arch::id).toArray(String[]::new));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(arch);
        arch.addListener(SWT.Selection, e -> changed());
        ram = Fields.text(c, "RAM:", "RAM size, e.g. 16M, 64M, 4G", e -> changed());
        scenario = Fields.file(c, "Scenario:", "A .vmsim file (workspace or file system); empty boots the machine"
                + " with no processes. Its 'machine' line wins over the architecture and RAM above.",
                new String[] {"*.vmsim", "*"}, e -> changed());
        new Label(c, SWT.NONE).setText("or an example:");
        example = new Combo(c, SWT.READ_ONLY);
        example.add("");
        Examples.NAMES.forEach(example::add);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(example);
        example.addListener(SWT.Selection, e -> {
            if (!example.getText().isEmpty()) {
                scenario.setText(ScenarioSource.EXAMPLE + example.getText());
            }
        });
        serve = Fields.check(c, "Also serve the target to gdb on loopback (target remote :PORT)", () -> {
            gdbPort.setEnabled(serve.getSelection());
            changed();
        });
        gdbPort = Fields.text(c, "GDB port:", "The port gdb-multiarch attaches to", e -> changed());
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(VmscopeLaunch.ARCH, VmscopeLaunch.DEFAULT_ARCH);
        config.setAttribute(VmscopeLaunch.RAM, VmscopeLaunch.DEFAULT_RAM);
        config.setAttribute(VmscopeLaunch.SCENARIO, ScenarioSource.EXAMPLE + "ide-demo.vmsim");
        config.setAttribute(VmscopeLaunch.GDB_PORT, 0);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            int i = arch.indexOf(config.getAttribute(VmscopeLaunch.ARCH, VmscopeLaunch.DEFAULT_ARCH));
            arch.select(Math.max(0, i));
            ram.setText(config.getAttribute(VmscopeLaunch.RAM, VmscopeLaunch.DEFAULT_RAM));
            scenario.setText(config.getAttribute(VmscopeLaunch.SCENARIO, ""));
            int port = config.getAttribute(VmscopeLaunch.GDB_PORT, 0);
            serve.setSelection(port != 0);
            gdbPort.setText(port != 0 ? Integer.toString(port) : Integer.toString(VmscopeLaunch.DEFAULT_PORT));
            gdbPort.setEnabled(port != 0);
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(VmscopeLaunch.ARCH, arch.getText());
        config.setAttribute(VmscopeLaunch.RAM, ram.getText().trim());
        config.setAttribute(VmscopeLaunch.SCENARIO, scenario.getText().trim());
        Integer port = Fields.port(gdbPort.getText());
        config.setAttribute(VmscopeLaunch.GDB_PORT, serve.getSelection() && port != null ? port : 0);
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        try {
            SimulatedTargetSpec.parse(arch.getText() + ":" + ram.getText().trim());
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
        String s = scenario.getText().trim();
        if (s.startsWith(ScenarioSource.EXAMPLE) && !Examples.NAMES.contains(s.substring(ScenarioSource.EXAMPLE.length()))) {
            setErrorMessage("no shipped example '" + s.substring(ScenarioSource.EXAMPLE.length()) + "'");
            return false;
        }
        if (serve.getSelection()) {
            Integer p = Fields.port(gdbPort.getText());
            if (p == null || p == 0) {
                setErrorMessage("the GDB port must be a number from 1 to 65535");
                return false;
            }
        }
        return true;
    }

    @Override
    public String getName() {
        return "Target";
    }

    @Override
    public Image getImage() {
        return Images.get(Images.SIMULATED);
    }
}
