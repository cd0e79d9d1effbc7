package org.vmscope.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The open target sessions and the one the views follow. Thread-safe. */
public final class Sessions {
    private static final Sessions INSTANCE = new Sessions();

    private final List<Consumer<TargetSession>> listeners = new CopyOnWriteArrayList<>();
    private volatile TargetSession current;

    private Sessions() {
    }

    public static Sessions get() {
        return INSTANCE;
    }

    public Optional<TargetSession> current() {
        return Optional.ofNullable(current);
    }

    /** Makes {@code session} the current one and tells the listeners (on the caller's thread). */
    public void activate(TargetSession session) {
        current = session;
        for (Consumer<TargetSession> l : listeners) {
            l.accept(session);
        }
    }

    public void addListener(Consumer<TargetSession> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<TargetSession> listener) {
        listeners.remove(listener);
    }
}
