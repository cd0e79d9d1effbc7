package org.vmscope.debug.ui.internal;

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
import org.vmscope.bridge.mirror.RamLayout;
import org.vmscope.bridge.mirror.TargetArch;
import org.vmscope.debug.core.VmscopeLaunch;

/** Where the GDB server is, the kernel to decode, and whether vmscope or the user's debugger drives it. */
public final class RemoteTargetTab extends AbstractLaunchConfigurationTab {
    private static final String AUTO = "auto";

    private Text host;
    private Text port;
    private Text kernel;
    private Button verify;
    private Combo arch;
    private Text root;
    private Text ram;
    private Button direct;
    private Button proxy;
    private Text proxyPort;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        setControl(c);
        host = Fields.text(c, "Host:", "The GDB server's host (QEMU -s, OpenOCD, J-Link GDB server)", e -> changed());
        port = Fields.text(c, "Port:", "The GDB server's port (QEMU -s: 1234; OpenOCD: 3333; J-Link: 2331)",
                e -> changed());
        kernel = Fields.file(c, "Kernel ELF:", "The running kernel's ELF with DWARF; empty mirrors the page tables only",
                new String[] {"*.elf", "*"}, e -> changed());
        verify = Fields.check(c, "Check that the ELF is the running kernel (compares .text and .rodata samples)",
                this::changed);
        new Label(c, SWT.NONE).setText("Architecture:");
        arch = new Combo(c, SWT.READ_ONLY);
        arch.add(AUTO);
        for (TargetArch a : TargetArch.values()) {
            arch.add(a.id());
        }
        GridDataFactory.fillDefaults().span(2, 1).applyTo(arch);
        arch.addListener(SWT.Selection, e -> changed());
        root = Fields.text(c, "Page-table root:", "Physical address of the root table (0x...); empty reads the paging"
                + " registers", e -> changed());
        ram = Fields.text(c, "RAM:", "RAM as BASE:SIZE[,BASE:SIZE...]; empty asks QEMU ('info mtree -f')."
                + " Nothing outside RAM is ever read.", e -> changed());
        direct = new Button(c, SWT.RADIO);
        direct.setText("vmscope drives the target (resume, suspend, step in the Debug view)");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(direct);
        proxy = new Button(c, SWT.RADIO);
        proxy.setText("My debugger drives the target through a vmscope proxy (gdb, CDT: target remote 127.0.0.1:PORT)");
        GridDataFactory.fillDefaults().span(3, 1).applyTo(proxy);
        direct.addListener(SWT.Selection, e -> modeChanged());
        proxy.addListener(SWT.Selection, e -> modeChanged());
        proxyPort = Fields.text(c, "Proxy port:", "The loopback port your debugger connects to", e -> changed());
    }

    private void modeChanged() {
        proxyPort.setEnabled(proxy.getSelection());
        changed();
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(VmscopeLaunch.HOST, VmscopeLaunch.DEFAULT_HOST);
        config.setAttribute(VmscopeLaunch.PORT, VmscopeLaunch.DEFAULT_PORT);
        config.setAttribute(VmscopeLaunch.VERIFY_KERNEL, true);
        config.setAttribute(VmscopeLaunch.TARGET_ARCH, AUTO);
        config.setAttribute(VmscopeLaunch.MODE, VmscopeLaunch.MODE_DIRECT);
        config.setAttribute(VmscopeLaunch.PROXY_PORT, VmscopeLaunch.DEFAULT_PROXY_PORT);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            host.setText(config.getAttribute(VmscopeLaunch.HOST, VmscopeLaunch.DEFAULT_HOST));
            port.setText(Integer.toString(config.getAttribute(VmscopeLaunch.PORT, VmscopeLaunch.DEFAULT_PORT)));
            kernel.setText(config.getAttribute(VmscopeLaunch.KERNEL_ELF, ""));
            verify.setSelection(config.getAttribute(VmscopeLaunch.VERIFY_KERNEL, true));
            arch.select(Math.max(0, arch.indexOf(config.getAttribute(VmscopeLaunch.TARGET_ARCH, AUTO))));
            root.setText(config.getAttribute(VmscopeLaunch.ROOT, ""));
            ram.setText(config.getAttribute(VmscopeLaunch.RAM_LAYOUT, ""));
            boolean viaProxy = VmscopeLaunch.MODE_PROXY.equals(config.getAttribute(VmscopeLaunch.MODE, VmscopeLaunch.MODE_DIRECT));
            direct.setSelection(!viaProxy);
            proxy.setSelection(viaProxy);
            proxyPort.setText(Integer.toString(config.getAttribute(VmscopeLaunch.PROXY_PORT, VmscopeLaunch.DEFAULT_PROXY_PORT)));
            proxyPort.setEnabled(viaProxy);
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(VmscopeLaunch.HOST, host.getText().trim());
        Integer p = Fields.port(port.getText());
        config.setAttribute(VmscopeLaunch.PORT, p == null ? VmscopeLaunch.DEFAULT_PORT : p);
        config.setAttribute(VmscopeLaunch.KERNEL_ELF, kernel.getText().trim());
        config.setAttribute(VmscopeLaunch.VERIFY_KERNEL, verify.getSelection());
        config.setAttribute(VmscopeLaunch.TARGET_ARCH, arch.getText());
        config.setAttribute(VmscopeLaunch.ROOT, root.getText().trim());
        config.setAttribute(VmscopeLaunch.RAM_LAYOUT, ram.getText().trim());
        config.setAttribute(VmscopeLaunch.MODE, proxy.getSelection() ? VmscopeLaunch.MODE_PROXY : VmscopeLaunch.MODE_DIRECT);
        Integer pp = Fields.port(proxyPort.getText());
        config.setAttribute(VmscopeLaunch.PROXY_PORT, pp == null ? VmscopeLaunch.DEFAULT_PROXY_PORT : pp);
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        if (host.getText().isBlank()) {
            setErrorMessage("the host is empty");
            return false;
        }
        Integer p = Fields.port(port.getText());
        if (p == null) {
            setErrorMessage("the port must be a number from 0 to 65535 (0: a free port for QEMU started here)");
            return false;
        }
        try {
            if (!root.getText().isBlank()) {
                RamLayout.parseNumber(root.getText().trim());
            }
            if (!ram.getText().isBlank()) {
                RamLayout.parse(ram.getText().trim());
            }
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
        if (proxy.getSelection() && Fields.port(proxyPort.getText()) == null) {
            setErrorMessage("the proxy port must be a number from 0 to 65535");
            return false;
        }
        return true;
    }

    @Override
    public String getName() {
        return "Target";
    }

    @Override
    public Image getImage() {
        return Images.get(Images.REMOTE);
    }
}
