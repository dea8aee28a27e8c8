package dev.wgsim.engine.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * The trace bus of one simulation. Emitters guard construction with {@link #active()}:
 * <pre>{@code if (trace.active()) trace.emit(new PacketDropped(...));}</pre>
 * so no event object is built when nobody listens. Listeners are called synchronously, in
 * subscription order. A listener subscribed with {@link #subscribeProtocol} does not receive
 * {@linkplain TraceEvent#perPacket per-packet} events, and emitters build those only while some
 * listener wants them ({@link #packetsActive()}): a run whose listeners all count protocol events
 * pays nothing per packet for its trace.
 */
public final class Trace {

    private static final TraceListener[] NONE = new TraceListener[0];

    // Copied on (rare) subscribe/unsubscribe so emit iterates a plain array and a listener may
    // unsubscribe itself during delivery.
    private TraceListener[] listeners = NONE;
    // packets[i]: listeners[i] receives per-packet events.
    private boolean[] packets = new boolean[0];
    private int packetListeners;

    /** Subscribes {@code listener} to every event, per-packet ones included. */
    public void subscribe(TraceListener listener) {
        add(listener, true);
    }

    /** Subscribes {@code listener} to every event except the {@linkplain TraceEvent#perPacket per-packet} ones. */
    public void subscribeProtocol(TraceListener listener) {
        add(listener, false);
    }

    private void add(TraceListener listener, boolean perPacket) {
        Objects.requireNonNull(listener, "listener");
        TraceListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        boolean[] nextPackets = Arrays.copyOf(packets, packets.length + 1);
        next[listeners.length] = listener;
        nextPackets[packets.length] = perPacket;
        packets = nextPackets;
        listeners = next;
        if (perPacket) {
            packetListeners++;
        }
    }

    /** Removes one subscription of {@code listener}; does nothing if it is not subscribed. */
    public void unsubscribe(TraceListener listener) {
        TraceListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                TraceListener[] next = new TraceListener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                boolean[] nextPackets = new boolean[current.length - 1];
                System.arraycopy(packets, 0, nextPackets, 0, i);
                System.arraycopy(packets, i + 1, nextPackets, i, current.length - i - 1);
                if (packets[i]) {
                    packetListeners--;
                }
                packets = nextPackets;
                listeners = next;
                return;
            }
        }
    }

    /** True iff at least one listener is subscribed. */
    public boolean active() {
        return listeners.length != 0;
    }

    /** True iff at least one listener wants per-packet events: guard building them with this. */
    public boolean packetsActive() {
        return packetListeners != 0;
    }

    /** Delivers {@code event} to every listener (a per-packet one only to those subscribed for packets). */
    public void emit(TraceEvent event) {
        TraceListener[] current = listeners;
        boolean[] wants = packets;
        if (event.perPacket()) {
            for (int i = 0; i < current.length; i++) {
                if (wants[i]) {
                    current[i].onEvent(event);
                }
            }
            return;
        }
        for (TraceListener listener : current) {
            listener.onEvent(event);
        }
    }
}
