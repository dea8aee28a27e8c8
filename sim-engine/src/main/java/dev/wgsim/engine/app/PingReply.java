package dev.wgsim.engine.app;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code ping.reply}: an echo reply for sequence {@code seq} of ping flow {@code flow} came back after {@code rttNanos}. */
public record PingReply(long timeNanos, String flow, int seq, long rttNanos) implements TraceEvent {
    @Override
    public boolean perPacket() {
        return true;
    }

    @Override
    public String kind() {
        return "ping.reply";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("flow", flow).put("seq", seq).put("rtt_ns", rttNanos);
    }

    /** Typed reads (per-packet listeners ask for node, link and reason, which this event lacks). */
    @Override
    public String field(String key) {
        return switch (key) {
            case "flow" -> flow;
            case "seq" -> Integer.toString(seq);
            case "rtt_ns" -> Long.toString(rttNanos);
            default -> null;
        };
    }
}
