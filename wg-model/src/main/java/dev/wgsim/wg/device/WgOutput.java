package dev.wgsim.wg.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one call into a {@link WgDevice} produced. The device owns and reuses one instance:
 * it is valid until the next call on the same device (copy what you keep). The records and byte
 * arrays inside are fresh and may be kept.
 */
public final class WgOutput {
    private final List<Datagram> datagrams = new ArrayList<>();
    private final List<InnerPacket> delivered = new ArrayList<>();
    private final List<Drop> drops = new ArrayList<>();
    private final List<WgEvent> events = new ArrayList<>();
    private final List<Datagram> datagramsView = Collections.unmodifiableList(datagrams);
    private final List<InnerPacket> deliveredView = Collections.unmodifiableList(delivered);
    private final List<Drop> dropsView = Collections.unmodifiableList(drops);
    private final List<WgEvent> eventsView = Collections.unmodifiableList(events);

    void reset() {
        datagrams.clear();
        delivered.clear();
        drops.clear();
        events.clear();
    }

    void transmit(Datagram d) {
        datagrams.add(d);
    }

    void deliver(InnerPacket p) {
        delivered.add(p);
    }

    void drop(Drop d) {
        drops.add(d);
    }

    void event(WgEvent e) {
        events.add(e);
    }

    /** Datagrams to send, in order. */
    public List<Datagram> datagrams() {
        return datagramsView;
    }

    /** Inner packets to deliver to the local stack, in order. */
    public List<InnerPacket> delivered() {
        return deliveredView;
    }

    public List<Drop> drops() {
        return dropsView;
    }

    public List<WgEvent> events() {
        return eventsView;
    }

    public boolean isEmpty() {
        return datagrams.isEmpty() && delivered.isEmpty() && drops.isEmpty() && events.isEmpty();
    }

    @Override
    public String toString() {
        return "WgOutput[datagrams=" + datagrams.size() + ", delivered=" + delivered.size() + ", drops=" + drops
                + ", events=" + events + "]";
    }
}
