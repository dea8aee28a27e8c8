package dev.wgsim.reports.results;

import java.util.List;
import java.util.Map;

/**
 * summary.json: what ran and what came out.
 *
 * <p>A second type on purpose: scenarios' {@code SummaryJson} writes the file, this reads it, because
 * reports depends on results folders only (it re-renders any folder without the simulator).
 *
 * @param binNanos width of a metrics bin (metrics.bin_ns)
 * @param wireguard protocol counters by name (handshakes_initiated, rekeys...), in file order
 * @param drops drop counts by reason (network reasons bare, WireGuard reasons prefixed {@code wg.})
 */
public record Summary(
        Scenario scenario,
        String wgsimVersion,
        long eventsExecuted,
        long binNanos,
        Topology topology,
        List<FlowSummary> flows,
        Map<String, Long> wireguard,
        Map<String, Long> drops,
        List<Expectation> expectations,
        List<Marker> markers) {

    public Summary {
        flows = List.copyOf(flows);
        wireguard = Map.copyOf(wireguard);
        drops = Map.copyOf(drops);
        expectations = List.copyOf(expectations);
        markers = List.copyOf(markers);
        if (binNanos <= 0) {
            throw new IllegalArgumentException("binNanos must be positive: " + binNanos);
        }
    }

    /** What ran. */
    public record Scenario(String name, String description, String file, long seed, long durationNanos, String epoch) {}

    /** One expectation's outcome, as the regression harness recorded it. */
    public record Expectation(String text, boolean passed, String message) {}

    /** A scheduled scenario event (roam, link down, NAT reboot...) to draw as a vertical line. */
    public record Marker(long timeNanos, String kind, String label) {}

    /**
     * Per-flow figures.
     *
     * @param latencyNanos one-way percentiles, or null when the flow had none
     * @param rttNanos round-trip percentiles, or null when the flow had none
     */
    public record FlowSummary(
            String name,
            String from,
            String to,
            long sentPackets,
            long sentBytes,
            long deliveredPackets,
            long deliveredBytes,
            double deliveryRatio,
            double throughputBps,
            Percentiles latencyNanos,
            Percentiles rttNanos) {}

    /** p50/p90/p99/max in nanoseconds. */
    public record Percentiles(long p50, long p90, long p99, long max) {}
}
