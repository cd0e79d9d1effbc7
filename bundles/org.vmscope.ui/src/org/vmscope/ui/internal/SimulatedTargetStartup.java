package org.vmscope.ui.internal;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;

/**
 * Opens a simulated target when the IDE was started with {@code -Dvmscope.sim=ARCH:RAM}
 * ({@code ./vmscope ide} does this), and shows it in the vmscope perspective.
 */
public class SimulatedTargetStartup implements IStartup {

    @Override
    public void earlyStartup() {
        String spec = System.getProperty("vmscope.sim");
        if (spec == null || spec.isBlank()) {
            return;
        }
        try {
            Sessions.get().activate(SimulatedTargetSession.boot(SimulatedTargetSpec.parse(spec)));
        } catch (IllegalArgumentException e) {
            ILog.of(getClass()).log(Status.error("vmscope.sim=" + spec + ": " + e.getMessage(), e));
            return;
        }
        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> {
            var window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            if (window == null) {
                return;
            }
            try {
                PlatformUI.getWorkbench().showPerspective(VmscopePerspective.ID, window);
            } catch (WorkbenchException e) {
                ILog.of(getClass()).log(Status.error("cannot open the vmscope perspective", e));
            }
        });
    }
}
