package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;
import org.vmscope.model.Arch;

/** vmscope → Open Simulated Target…, driven through its dialog as a user would. */
public class OpenSimulatedTargetCommandTest {

    @Test
    public void bootsTheChosenArchitectureAndSize() throws Exception {
        Display display = Display.getCurrent();
        List<String> seen = new ArrayList<>();
        display.asyncExec(() -> {
            Shell dialog = display.getActiveShell();
            seen.add(dialog.getText());
            Combo arch = find(dialog, Combo.class).get(0);
            arch.select(arch.indexOf("aarch64"));
            arch.notifyListeners(SWT.Modify, new Event());
            find(dialog, Text.class).get(0).setText("32M");
            Screenshots.save(dialog, "open-simulated-target-dialog");
            for (Button b : find(dialog, Button.class)) {
                if (b.getText().replace("&", "").equals("OK")) {
                    seen.add(b.isEnabled() ? "ok enabled" : "ok disabled");
                    b.notifyListeners(SWT.Selection, new Event());
                }
            }
        });
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.vmscope.ui.openSimulatedTarget", null);

        assertEquals(List.of("Open Simulated Target", "ok enabled"), seen, "the dialog opened and accepted the input");
        TargetSession s = Sessions.get().current().orElseThrow();
        assertEquals(Arch.AARCH64, s.arch());
        assertTrue(s.name().contains("32 MiB"), s.name());
        // 32 MiB of 4 KiB frames, less what the boot reserved: the page allocator saw about that much
        assertTrue(s.pageTotals().totalBytes() > 24L << 20 && s.pageTotals().totalBytes() <= 32L << 20,
                "allocator total " + s.pageTotals().totalBytes());
    }

    private static <T extends Control> List<T> find(Composite root, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Control c : root.getChildren()) {
            if (type.isInstance(c)) {
                out.add(type.cast(c));
            }
            if (c instanceof Composite comp) {
                out.addAll(find(comp, type));
            }
        }
        return out;
    }
}
