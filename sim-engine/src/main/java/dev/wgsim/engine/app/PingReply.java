package dev.wgsim.engine.app;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code ping.reply}: an echo reply for sequence {@code seq} of ping flow {@code flow} came back after {@code rttNanos}. */
public record PingReply(long timeNanos, String flow, int seq, long rttNanos) implements TraceEvent {
    @Override
    public String kind() {
        return "ping.reply";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("flow", flow).put("seq", seq).put("rtt_ns", rttNanos);
    }
}
