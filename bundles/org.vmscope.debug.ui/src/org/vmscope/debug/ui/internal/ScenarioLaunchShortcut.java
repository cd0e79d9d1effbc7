package org.vmscope.debug.ui.internal;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.statushandlers.StatusManager;
import org.vmscope.debug.core.VmscopeLaunch;

/**
 * Run As / Debug As on a {@code .vmsim} file: reuses the simulated-target configuration that names the
 * file, or creates one.
 */
public final class ScenarioLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && Adapters.adapt(s.getFirstElement(), IFile.class) instanceof IFile f) {
            launch(f, mode);
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        IEditorInput in = editor.getEditorInput();
        if (Adapters.adapt(in, IFile.class) instanceof IFile f) {
            launch(f, mode);
        }
    }

    private static void launch(IFile file, String mode) {
        try {
            DebugUITools.launch(configurationFor(file), mode);
        } catch (CoreException e) {
            StatusManager.getManager().handle(e.getStatus(), StatusManager.SHOW | StatusManager.LOG);
        }
    }

    /** The configuration whose scenario is {@code file}'s workspace path, made and saved when there is none. */
    public static ILaunchConfiguration configurationFor(IFile file) throws CoreException {
        ILaunchManager m = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = m.getLaunchConfigurationType(VmscopeLaunch.SIMULATED_TYPE);
        String path = file.getFullPath().toString();
        for (ILaunchConfiguration c : m.getLaunchConfigurations(type)) {
            if (path.equals(c.getAttribute(VmscopeLaunch.SCENARIO, ""))) {
                return c;
            }
        }
        ILaunchConfigurationWorkingCopy wc = type.newInstance(null, m.generateLaunchConfigurationName(file.getName()));
        wc.setAttribute(VmscopeLaunch.ARCH, VmscopeLaunch.DEFAULT_ARCH);
        wc.setAttribute(VmscopeLaunch.RAM, VmscopeLaunch.DEFAULT_RAM);
        wc.setAttribute(VmscopeLaunch.SCENARIO, path);
        wc.setMappedResources(new org.eclipse.core.resources.IResource[] {file});
        return wc.doSave();
    }
}
