package dev.wgsim.engine.app;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code flow.delivered}: a sink received {@code bytes} of flow {@code flow} after {@code latencyNanos} one way. */
public record FlowDelivered(long timeNanos, String flow, long bytes, long latencyNanos) implements TraceEvent {
    @Override
    public String kind() {
        return "flow.delivered";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("flow", flow).put("bytes", bytes).put("latency_ns", latencyNanos);
    }
}
