package dev.wgsim.engine.app;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code flow.delivered}: a sink received {@code bytes} of flow {@code flow} after {@code latencyNanos} one way. */
public record FlowDelivered(long timeNanos, String flow, long bytes, long latencyNanos) implements TraceEvent {
    @Override
    public boolean perPacket() {
        return true;
    }

    @Override
    public String kind() {
        return "flow.delivered";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("flow", flow).put("bytes", bytes).put("latency_ns", latencyNanos);
    }

    /** Typed reads (per-packet listeners ask for node, link and reason, which this event lacks). */
    @Override
    public String field(String key) {
        return switch (key) {
            case "flow" -> flow;
            case "bytes" -> Long.toString(bytes);
            case "latency_ns" -> Long.toString(latencyNanos);
            default -> null;
        };
    }
}
