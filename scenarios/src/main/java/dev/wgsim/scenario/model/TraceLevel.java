package dev.wgsim.scenario.model;

import java.util.Locale;

/**
 * How much of the trace a run writes to events.jsonl ({@code scenario.trace}, {@code --trace}).
 * Metrics, summary.json, expectations and golden traces are the same at every level.
 */
public enum TraceLevel {
    /** Every event, one per packet moved included (the default). */
    PACKETS,
    /** Every event except the per-packet ones (packet.*, flow.delivered, ping.reply): all WireGuard, link, NAT and host events. */
    PROTOCOL,
    /** No events.jsonl at all. */
    NONE;

    /** The name as written in a scenario or on the command line. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code text}, or an IllegalArgumentException "reason|fix" listing the allowed names. */
    public static TraceLevel of(String text) {
        for (TraceLevel l : values()) {
            if (l.text().equals(text)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown trace level '" + text + "'|Write packets (every event),"
                + " protocol (no per-packet events) or none (no events.jsonl).");
    }
}
