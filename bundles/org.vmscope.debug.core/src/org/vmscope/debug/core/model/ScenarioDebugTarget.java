package org.vmscope.debug.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.vmscope.bridge.sim.SimGdbServer;
import org.vmscope.bridge.sim.SimStepper;
import org.vmscope.bridge.sim.SimTargetException;
import org.vmscope.bridge.sim.SimulatedTarget;
import org.vmscope.core.SimulatedTargetSession;
import org.vmscope.model.script.ScenarioError;
import org.vmscope.model.script.Step;
import org.vmscope.model.script.StepResult;

/**
 * A simulated Phoenix-RTOS kernel under a scenario, as a debug target: step runs one line, resume runs
 * lines until the end or a pause, and the views show the state after every stop. Optionally the same
 * kernel is served to gdb on loopback; gdb's own steps run lines too, and the views follow them.
 */
public final class ScenarioDebugTarget extends VmscopeDebugTarget implements ScenarioLines {
    private final SimulatedTargetSession session;
    private final String scenarioRef;
    private final SimGdbServer server;
    private volatile boolean pauseRequested;
    private volatile Thread runner;

    /**
     * @param gdbPort 0 for no GDB server; else the loopback port to serve the kernel on (-1: any free port)
     * @throws DebugException when the GDB server cannot start (port taken, a kernel without page tables)
     */
    public ScenarioDebugTarget(ILaunch launch, SimulatedTargetSession session, String scenarioRef, int gdbPort)
            throws DebugException {
        super(launch, null);
        this.session = session;
        this.scenarioRef = scenarioRef;
        this.server = gdbPort == 0 ? null : serve(session, gdbPort, this);
        stopped(DebugEvent.CLIENT_REQUEST, lineStatus(), session);
    }

    private static SimGdbServer serve(SimulatedTargetSession session, int port, ScenarioDebugTarget owner)
            throws DebugException {
        SimStepper stepper = new SimStepper() {
            @Override
            public boolean step() {
                StepResult r = session.step();
                owner.changed(owner.lineStatus());
                owner.show();
                return r != null && !r.failed();
            }

            @Override
            public boolean done() {
                return session.finished();
            }
        };
        try {
            return SimGdbServer.start(new SimulatedTarget(session.kernel(), stepper, null),
                    SimGdbServer.DEFAULT_HOST + ":" + Math.max(0, port), new PrintStream(OutputStream.nullOutputStream(),
                            true, StandardCharsets.UTF_8));
        } catch (SimTargetException | IOException e) {
            throw new DebugException(Status.error("cannot serve the simulated target to gdb on port " + port + ": "
                    + e.getMessage(), e));
        }
    }

    /** The session stepped by this target. */
    public SimulatedTargetSession simulation() {
        return session;
    }

    /** The loopback port gdb attaches to, or 0 without a GDB server. */
    public int gdbPort() {
        return server == null ? 0 : server.port();
    }

    @Override
    public String getName() {
        return session.name() + (server == null ? "" : " (gdb: target remote :" + server.port() + ")");
    }

    @Override
    public int nextLine() {
        return session.nextLine();
    }

    @Override
    public String scenarioRef() {
        return scenarioRef;
    }

    /** {@code line 4: spawn init}, {@code end of scenario}, or the error that stopped it. */
    private String lineStatus() {
        ScenarioError error = session.error();
        if (error != null) {
            return "stopped by " + error;
        }
        if (session.finished()) {
            return "end of " + session.file() + " (" + session.history().size() + " lines run)";
        }
        int line = session.nextLine();
        String text = session.history().isEmpty() && line < 0 ? "" : lineText(line);
        return "line " + line + ": " + text;
    }

    private String lineText(int line) {
        for (Step s : session.steps()) {
            if (s.line() == line) {
                return s.text().strip();
            }
        }
        return "";
    }

    @Override
    protected boolean canRun() {
        return !session.finished();
    }

    @Override
    protected void run() {
        pauseRequested = false;
        running(DebugEvent.CLIENT_REQUEST, lineStatus());
        Thread t = new Thread(() -> {
            while (!pauseRequested && !isTerminated() && session.step() != null) {
                // each line is a stop the views need not see; they see where the run ends
            }
            runner = null;
            if (!isTerminated()) {
                stopped(pauseRequested ? DebugEvent.CLIENT_REQUEST : DebugEvent.UNSPECIFIED, lineStatus(), session);
            }
        }, "vmscope scenario " + session.file());
        t.setDaemon(true);
        runner = t;
        t.start();
    }

    @Override
    protected boolean canPause() {
        return runner != null;
    }

    @Override
    protected void pause() {
        pauseRequested = true;
    }

    @Override
    protected boolean canStepLine() {
        return !session.finished();
    }

    @Override
    protected void stepLine() {
        running(DebugEvent.STEP_OVER, lineStatus());
        session.step();
        stopped(DebugEvent.STEP_END, lineStatus(), session);
    }

    @Override
    protected void release() {
        pauseRequested = true;
        if (server != null) {
            server.close();
        }
    }
}
