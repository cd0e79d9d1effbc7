package org.vmscope.ui.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;

/** vmscope → Open Simulated Target…: asks for an architecture and RAM size and boots the simulated kernel. */
public class OpenSimulatedTargetHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        SimulatedTargetDialog dialog = new SimulatedTargetDialog(shell);
        if (dialog.open() != Window.OK) {
            return null;
        }
        try {
            Sessions.get().activate(SimulatedTargetSession.boot(dialog.spec()));
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, "vmscope", e.getMessage());
        }
        return null;
    }
}
