package org.vmscope.ui.internal;

import java.io.IOException;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.WorkbenchException;
import org.vmscope.core.ScenarioSource;
import org.vmscope.core.Sessions;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;

/**
 * Opens a simulated target when the IDE was started with {@code -Dvmscope.sim=ARCH:RAM} and/or
 * {@code -Dvmscope.script=FILE} (or {@code example:NAME} for a shipped scenario), as {@code ./vmscope ide}
 * does, and shows it in the vmscope perspective.
 */
public class SimulatedTargetStartup implements IStartup {
    @Override
    public void earlyStartup() {
        String sim = System.getProperty("vmscope.sim");
        String script = System.getProperty("vmscope.script");
        if (isBlank(sim) && isBlank(script)) {
            return;
        }
        try {
            SimulatedTargetSpec spec = isBlank(sim) ? SimulatedTargetSpec.DEFAULT : SimulatedTargetSpec.parse(sim);
            Sessions.get().activate(isBlank(script) ? SimulatedTargetSession.boot(spec)
                    : SimulatedTargetSession.run(ScenarioSource.name(script), ScenarioSource.text(script), spec));
        } catch (IllegalArgumentException | IOException e) {
            ILog.of(getClass()).log(Status.error("vmscope: cannot open the simulated target: " + e.getMessage(), e));
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

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
