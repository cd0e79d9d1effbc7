package org.vmscope.model.state.build;

import org.eclipse.emf.common.notify.Notification;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EContentAdapter;

/**
 * Guards a built picture: any later change to it, or to anything it contains, throws
 * {@link IllegalStateException}. EMF notifies after the change, so the guard reports a bug rather than
 * preventing it; callers must treat a picture as read-only and copy it ({@code EcoreUtil.copy}) to edit.
 */
public final class ReadOnly extends EContentAdapter {
    private ReadOnly() {
    }

    /** Attaches the guard to {@code root} and its contents; returns {@code root}. */
    public static <T extends EObject> T freeze(T root) {
        if (!isFrozen(root)) {
            root.eAdapters().add(new ReadOnly());
        }
        return root;
    }

    /** Whether {@code o} (or the picture holding it) is guarded. */
    public static boolean isFrozen(EObject o) {
        for (Object a : o.eAdapters()) {
            if (a instanceof ReadOnly) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void notifyChanged(Notification n) {
        super.notifyChanged(n);
        if (!n.isTouch() && n.getEventType() != Notification.REMOVING_ADAPTER) {
            throw new IllegalStateException("a vmscope State is read-only; copy it to change it (feature "
                    + n.getFeature() + " of " + n.getNotifier() + ")");
        }
    }

    @Override
    public boolean isAdapterForType(Object type) {
        return type == ReadOnly.class;
    }
}
