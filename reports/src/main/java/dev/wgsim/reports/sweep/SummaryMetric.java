package dev.wgsim.reports.sweep;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A number in summary.json named by a dotted path: {@code wireguard.rekeys}, {@code drops.loss},
 * {@code flows.video.throughput_bps}, {@code flows.video.latency_ns.p99}. A segment applied to an
 * array picks the element whose {@code name} equals it.
 */
public final class SummaryMetric {
    private SummaryMetric() {}

    public static double value(JsonNode summary, String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("metric path is empty (e.g. wireguard.rekeys or flows.video.throughput_bps)");
        }
        JsonNode n = summary;
        StringBuilder walked = new StringBuilder();
        for (String seg : path.split("\\.")) {
            walked.append(walked.length() == 0 ? "" : ".").append(seg);
            if (n.isArray()) {
                JsonNode found = null;
                for (JsonNode e : n) {
                    if (seg.equals(e.path("name").asText(null))) {
                        found = e;
                        break;
                    }
                }
                n = found;
            } else {
                n = n.get(seg);
            }
            if (n == null || n.isNull()) {
                throw new IllegalArgumentException("metric '" + path + "': nothing at '" + walked + "'");
            }
        }
        if (!n.isNumber()) {
            throw new IllegalArgumentException("metric '" + path + "' is not a number: " + n);
        }
        return n.asDouble();
    }
}
