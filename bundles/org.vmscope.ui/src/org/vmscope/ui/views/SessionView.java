package org.vmscope.ui.views;

import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.vmscope.core.Sessions;
import org.vmscope.core.TargetSession;

/**
 * A view that shows the current target session and follows it: subclasses build their controls and
 * render a session; this class subscribes, switches to the UI thread and unsubscribes.
 */
abstract class SessionView extends ViewPart {
    private Control root;
    private Label summary;
    private final Consumer<TargetSession> listener = s -> {
        if (root != null && !root.isDisposed()) {
            root.getDisplay().asyncExec(() -> {
                if (!root.isDisposed()) {
                    render(s);
                }
            });
        }
    };

    @Override
    public final void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        summary = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        root = create(parent);
        Sessions.get().addListener(listener);
        Sessions.get().current().ifPresentOrElse(this::render, this::renderNoTarget);
    }

    /** Builds the view's controls below the summary line (the parent has a one-column grid layout). */
    protected abstract Control create(Composite parent);

    /** The summary line's text, for tests. */
    public String summaryText() {
        return summary.getText();
    }

    /** Sets the summary line above the view's controls. */
    protected final void summary(String text) {
        summary.setText(text);
        summary.getParent().layout(true);
    }

    /** Shows {@code session}; called on the UI thread. */
    protected abstract void render(TargetSession session);

    /** Shown while no target is open. */
    protected void renderNoTarget() {
        summary(NO_TARGET);
    }

    protected static final String NO_TARGET = "No target. Open a simulated target or connect to a GDB remote target.";

    @Override
    public void dispose() {
        Sessions.get().removeListener(listener);
        super.dispose();
    }
}
