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

    /** Writes the event's own fields (not {@code t} or {@code kind}) in a fixed order. */
    void writeFields(JsonFields out);
}
