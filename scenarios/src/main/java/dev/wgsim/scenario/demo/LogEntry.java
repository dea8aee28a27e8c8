package dev.wgsim.scenario.demo;

/**
 * One line of the demo's event log, in virtual time.
 *
 * @param seq  increases by one per entry for the life of the server (resets included)
 * @param kind a short class for styling: handshake, rekey, endpoint, drop, send, delivered, ...
 * @param peer the row it concerns, or empty
 * @param packet the captured datagram this line is about (the packet inspector opens it), or null
 */
public record LogEntry(long seq, long timeNanos, String kind, String peer, String text, Integer packet) {
    public LogEntry(long seq, long timeNanos, String kind, String peer, String text) {
        this(seq, timeNanos, kind, peer, text, null);
    }
}
