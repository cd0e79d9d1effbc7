package org.vmscope.debug.ui.internal;

import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWindowListener;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.vmscope.debug.core.model.VmscopeDebugTarget;

/**
 * Makes the vmscope views follow the Debug view: selecting a vmscope target, its thread or its frame shows
 * that target's last stop. (A target's own stops already make it current.)
 */
public final class DebugContextFollower implements IStartup, IDebugContextListener {

    @Override
    public void earlyStartup() {
        PlatformUI.getWorkbench().getDisplay().asyncExec(() -> {
            for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
                follow(w);
            }
            PlatformUI.getWorkbench().addWindowListener(new IWindowListener() {
                @Override
                public void windowOpened(IWorkbenchWindow window) {
                    follow(window);
                }

                @Override
                public void windowActivated(IWorkbenchWindow window) {
                }

                @Override
                public void windowDeactivated(IWorkbenchWindow window) {
                }

                @Override
                public void windowClosed(IWorkbenchWindow window) {
                    DebugUITools.getDebugContextManager().getContextService(window).removeDebugContextListener(
                            DebugContextFollower.this);
                }
            });
        });
    }

    private void follow(IWorkbenchWindow window) {
        DebugUITools.getDebugContextManager().getContextService(window).addDebugContextListener(this);
    }

    @Override
    public void debugContextChanged(DebugContextEvent event) {
        if ((event.getFlags() & DebugContextEvent.ACTIVATED) == 0
                || !(event.getContext() instanceof IStructuredSelection s)) {
            return;
        }
        target(s.getFirstElement()).ifPresent(VmscopeDebugTarget::show);
    }

    /** The vmscope target behind a Debug view element, if it is one of ours. */
    static java.util.Optional<VmscopeDebugTarget> target(Object element) {
        if (element instanceof IDebugElement d && d.getDebugTarget() instanceof VmscopeDebugTarget t) {
            return java.util.Optional.of(t);
        }
        if (element instanceof org.eclipse.debug.core.ILaunch l) {
            for (var t : l.getDebugTargets()) {
                if (t instanceof VmscopeDebugTarget v) {
                    return java.util.Optional.of(v);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
