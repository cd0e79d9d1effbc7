package org.vmscope.debug.core.internal;

import java.io.IOException;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.vmscope.core.ScenarioSource;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.core.SimulatedTargetSpec;
import org.vmscope.debug.core.VmscopeLaunch;
import org.vmscope.debug.core.model.ScenarioDebugTarget;

/**
 * Launches a simulated target: boots the machine and, in debug mode, stops before the scenario's first
 * line; in run mode it runs the scenario to its end. Either way the target stays until terminated, so the
 * views (and gdb, with a port) can look at it.
 */
public final class SimulatedTargetLaunchDelegate extends LaunchConfigurationDelegate {

    @Override
    public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        LaunchValues v = new LaunchValues(config);
        SimulatedTargetSpec spec;
        try {
            spec = SimulatedTargetSpec.parse(v.string(VmscopeLaunch.ARCH, VmscopeLaunch.DEFAULT_ARCH) + ":"
                    + v.string(VmscopeLaunch.RAM, VmscopeLaunch.DEFAULT_RAM));
        } catch (IllegalArgumentException e) {
            throw LaunchValues.error(config.getName() + ": " + e.getMessage(), e);
        }
        String scenario = v.string(VmscopeLaunch.SCENARIO, "");
        if (!scenario.isEmpty() && !scenario.startsWith(ScenarioSource.EXAMPLE)) {
            scenario = v.file(VmscopeLaunch.SCENARIO, "scenario");
        }
        SimulatedTargetSession session;
        try {
            session = scenario.isEmpty() ? SimulatedTargetSession.start("<boot>", "", spec)
                    : SimulatedTargetSession.start(ScenarioSource.name(scenario), ScenarioSource.text(scenario), spec);
        } catch (IllegalArgumentException | IOException e) {
            throw LaunchValues.error(e.getMessage(), e);
        }
        ScenarioDebugTarget target = new ScenarioDebugTarget(launch, session, scenario,
                v.integer(VmscopeLaunch.GDB_PORT, 0));
        launch.addDebugTarget(target);
        if (ILaunchManager.RUN_MODE.equals(mode)) {
            target.resume();
        }
    }
}
