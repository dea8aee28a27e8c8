package dev.wgsim.engine.trace;

/**
 * Something that happened in the simulation at a virtual time. Implementations are records owned
 * by the emitting component (e.g. a {@code PacketDropped} in the network package).
 */
public interface TraceEvent {

    /** Virtual time of the event in nanoseconds since the start of the simulation. */
    long timeNanos();

    /** A stable dotted name, e.g. {@code packet.dropped}; see docs/results-format.md. */
    String kind();

    /**
     * True for the events of which there is one per packet moved: {@code packet.sent},
     * {@code packet.delivered}, {@code flow.delivered}, {@code ping.reply}. They reach only the
     * listeners subscribed for packets ({@link Trace#subscribe}), and are not built at all when
     * none is ({@link Trace#packetsActive}). Drops are not among them: they are rare, and the
     * metrics count them.
     */
    default boolean perPacket() {
        return false;
    }

    /** Writes the event's own fields (not {@code t} or {@code kind}) in a fixed order. */
    void writeFields(JsonFields out);

    /**
     * One field as {@link #writeFields} writes it (the string itself, or the JSON text of a number
     * or boolean), or null when the event has no such field. Listeners that only count or filter
     * read fields through this; per-packet events answer from their typed components, so reading a
     * packet's node or reason formats no addresses.
     */
    default String field(String key) {
        JsonFields f = JsonFields.capturing(key);
        writeFields(f);
        return f.captured();
    }
}
