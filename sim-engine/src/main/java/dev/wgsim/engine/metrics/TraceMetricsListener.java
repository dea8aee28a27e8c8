package dev.wgsim.engine.metrics;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import java.util.Objects;

/**
 * Feeds the drop and NAT metrics from the trace, using the event kinds and fields of
 * docs/results-format.md: {@code packet.dropped} counts under its {@code reason},
 * {@code wg.dropped} under {@code wg.<reason>}; {@code nat.mapping.created},
 * {@code nat.mapping.expired} and {@code nat.reboot} ({@code mappings_lost}) drive the NAT
 * counters. Times are the events' own. Other kinds are ignored.
 */
public final class TraceMetricsListener implements TraceListener {

    private final MetricsRecorder metrics;

    public TraceMetricsListener(MetricsRecorder metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void onEvent(TraceEvent event) {
        switch (event.kind()) {
            case "packet.dropped" -> metrics.recordDrop(event.timeNanos(), field(event, "reason", "unknown"));
            case "wg.dropped" -> metrics.recordDrop(event.timeNanos(), "wg." + field(event, "reason", "unknown"));
            case "nat.mapping.created" -> metrics.nat(field(event, "nat", "nat")).mappingCreated(event.timeNanos());
            case "nat.mapping.expired" -> metrics.nat(field(event, "nat", "nat")).mappingsRemoved(event.timeNanos(), 1);
            case "nat.reboot" -> {
                NatMetrics nat = metrics.nat(field(event, "nat", "nat"));
                String lost = field(event, "mappings_lost", null);
                nat.mappingsRemoved(event.timeNanos(), lost == null ? nat.active() : Long.parseLong(lost));
            }
            default -> {
                // not a metric
            }
        }
    }

    private static String field(TraceEvent event, String key, String absent) {
        String v = event.field(key);
        return v == null ? absent : v;
    }
}
