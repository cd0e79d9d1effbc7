package org.vmscope.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.dialogs.MessageDialogWithToggle;
import org.eclipse.swt.widgets.Display;

/** Launch helpers for workbench tests: configurations, workspace files, free ports, waiting with the UI alive. */
final class Launches {
    private static final long WAIT_MILLIS = 60_000;

    private Launches() {
    }

    static ILaunchConfigurationWorkingCopy config(String type, String name, Map<String, Object> attributes)
            throws CoreException {
        neverSwitchPerspectives();
        var m = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = m.getLaunchConfigurationType(type).newInstance(null,
                m.generateLaunchConfigurationName(name));
        wc.setAttributes(attributes);
        return wc;
    }

    /** The platform would ask, in a modal dialog, whether to switch to the Debug perspective at a launch or stop. */
    private static void neverSwitchPerspectives() {
        var prefs = DebugUITools.getPreferenceStore();
        prefs.setValue("org.eclipse.debug.ui.switch_to_perspective", MessageDialogWithToggle.NEVER);
        prefs.setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", MessageDialogWithToggle.NEVER);
    }

    /** Launches and fails the test with the launch's own error message if it fails. */
    static ILaunch launch(ILaunchConfigurationWorkingCopy wc, String mode) throws CoreException {
        return wc.launch(mode, null);
    }

    /** A file in a workspace project, created with the project if needed. */
    static IFile workspaceFile(String project, String name, String text) throws CoreException {
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(project);
        if (!p.exists()) {
            p.create(null);
        }
        p.open(null);
        IFile f = p.getFile(name);
        var in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        if (f.exists()) {
            f.setContents(in, true, false, null);
        } else {
            f.create(in, true, null);
        }
        return f;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs the UI event loop until {@code done} holds; fails after a minute with {@code what}. */
    static void waitUntil(String what, BooleanSupplier done) {
        waitUntil(what, done, () -> "");
    }

    /** As {@link #waitUntil(String, BooleanSupplier)}, naming {@code detail} (the state seen) on a time-out. */
    static void waitUntil(String what, BooleanSupplier done, java.util.function.Supplier<String> detail) {
        Display d = Display.getCurrent();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting until " + what + " " + detail.get());
            }
            if (d != null && !d.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted waiting until " + what);
                }
            }
        }
        if (d != null) {
            Screenshots.settle(d);
        }
    }

    /** Records the platform's debug events (kind, detail, source) while open. */
    static final class EventLog implements IDebugEventSetListener, AutoCloseable {
        final List<DebugEvent> events = new CopyOnWriteArrayList<>();

        EventLog() {
            DebugPlugin.getDefault().addDebugEventListener(this);
        }

        @Override
        public void handleDebugEvents(DebugEvent[] set) {
            events.addAll(List.of(set));
        }

        long count(Object source, int kind, int detail) {
            return events.stream().filter(e -> e.getSource() == source && e.getKind() == kind
                    && (detail < 0 || e.getDetail() == detail)).count();
        }

        @Override
        public void close() {
            DebugPlugin.getDefault().removeDebugEventListener(this);
        }
    }
}
