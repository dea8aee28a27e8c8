package dev.wgsim.scenario.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wgsim.scenario.expect.ExpectationResult;
import dev.wgsim.scenario.run.RunResult;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The short summary {@code wgsim run} prints: handshakes, rekeys, drops, flows, expectations. */
final class SummaryPrinter {
    private SummaryPrinter() {
    }

    static void print(PrintWriter out, RunResult r) {
        JsonNode s = r.summary();
        JsonNode sc = s.get("scenario");
        out.printf(Locale.ROOT, "%s: %.1f s simulated in %.2f s wall, %d events%n", sc.get("name").asText(),
                sc.get("duration_ns").asLong() / 1e9, r.wallNanos() / 1e9, s.get("run").get("events_executed").asLong());
        JsonNode wg = s.get("wireguard");
        out.printf(Locale.ROOT, "wireguard: %d handshakes initiated, %d completed, %d rekeys, %d gave up, %d cookies%n",
                wg.get("handshakes_initiated").asLong(), wg.get("handshakes_completed").asLong(), wg.get("rekeys").asLong(),
                wg.get("gave_up").asLong(), wg.get("cookies_sent").asLong());
        StringBuilder drops = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.get("drops").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            drops.append(drops.length() == 0 ? "" : ", ").append(d.getKey()).append('=').append(d.getValue().asLong());
        }
        out.println("drops: " + (drops.length() == 0 ? "none" : drops));
        int shown = 0;
        for (JsonNode f : s.get("flows")) {
            if (++shown > 12) {
                out.println("... and " + (s.get("flows").size() - 12) + " more flows in summary.json");
                break;
            }
            out.printf(Locale.ROOT, "flow %-12s %s -> %s: delivered %d/%d (%.2f%%), %.3f Mbit/s%s%n", f.get("name").asText(),
                    f.get("from").asText(), f.get("to").asText(), f.get("delivered_packets").asLong(), f.get("sent_packets").asLong(),
                    f.get("delivery_ratio").asDouble() * 100, f.get("throughput_bps").asDouble() / 1e6,
                    percentiles(f.get("latency_ns"), "latency") + percentiles(f.get("rtt_ns"), "rtt"));
        }
        // Flows made from one template: one line per group however many flows (summary.json flow_groups).
        for (JsonNode g : s.path("flow_groups")) {
            JsonNode per = g.path("per_flow");
            JsonNode dr = per.path("delivery_ratio");
            JsonNode p99 = per.has("rtt_p99_ns") ? per.get("rtt_p99_ns") : per.path("latency_p99_ns");
            String kind = per.has("rtt_p99_ns") ? "rtt" : "latency";
            out.printf(Locale.ROOT, "group %s: %d flows, delivered %d/%d (%.2f%%)%s%s%n", g.get("group").asText(),
                    g.get("flows").asLong(), g.get("delivered_packets").asLong(), g.get("sent_packets").asLong(),
                    g.get("delivery_ratio").asDouble() * 100,
                    dr.isObject() ? String.format(Locale.ROOT, ", worst flow %.2f%%, median flow %.2f%%", dr.get("min").asDouble() * 100,
                            dr.get("p50").asDouble() * 100) : "",
                    p99.isObject() ? String.format(Locale.ROOT, ", %s p99 of the median flow %.2f ms, worst %.2f ms", kind,
                            p99.get("p50").asLong() / 1e6, p99.get("max").asLong() / 1e6) : "");
        }
        for (ExpectationResult e : r.expectations()) {
            // A failed expectation's message is one line, then the events around it (dev.wgsim.scenario.expect).
            int nl = e.message().indexOf('\n');
            String first = nl < 0 ? e.message() : e.message().substring(0, nl);
            out.println((e.passed() ? "PASS " : "FAIL ") + e.text() + " (" + first + ")");
            if (nl >= 0) {
                out.println(e.message().substring(nl + 1));
            }
        }
        if (r.folder() != null) {
            out.println("results: " + r.folder());
        }
    }

    private static String percentiles(JsonNode n, String label) {
        if (n == null || n.isNull()) {
            return "";
        }
        return String.format(Locale.ROOT, ", %s p50 %.2f ms p99 %.2f ms max %.2f ms", label, n.get("p50").asLong() / 1e6,
                n.get("p99").asLong() / 1e6, n.get("max").asLong() / 1e6);
    }
}
