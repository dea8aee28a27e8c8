package dev.wgsim.engine.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * The trace bus of one simulation. Emitters guard construction with {@link #active()}:
 * <pre>{@code if (trace.active()) trace.emit(new PacketDropped(...));}</pre>
 * so no event object is built when nobody listens. Listeners are called synchronously, in
 * subscription order.
 */
public final class Trace {

    private static final TraceListener[] NONE = new TraceListener[0];

    // Copied on (rare) subscribe/unsubscribe so emit iterates a plain array and a listener may
    // unsubscribe itself during delivery.
    private TraceListener[] listeners = NONE;

    public void subscribe(TraceListener listener) {
        Objects.requireNonNull(listener, "listener");
        TraceListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[listeners.length] = listener;
        listeners = next;
    }

    /** Removes one subscription of {@code listener}; does nothing if it is not subscribed. */
    public void unsubscribe(TraceListener listener) {
        TraceListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                TraceListener[] next = new TraceListener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                listeners = next;
                return;
            }
        }
    }

    /** True iff at least one listener is subscribed. */
    public boolean active() {
        return listeners.length != 0;
    }

    /** Delivers {@code event} to every listener. */
    public void emit(TraceEvent event) {
        for (TraceListener listener : listeners) {
            listener.onEvent(event);
        }
    }
}
