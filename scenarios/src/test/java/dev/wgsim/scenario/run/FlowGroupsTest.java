package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flows made from one {@code count:} entry: aggregated in summary.json's flow_groups (totals, the
 * per-flow distribution, the worst flows), listed one by one up to 1,000 flows or with
 * --flow-detail, pooled in throughput.csv above that; flows.csv always has one row per flow.
 */
class FlowGroupsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code n} pings from a over a link losing 30%, one more flow not made from a template. */
    private static Scenario scenario(int n) {
        return ScenarioParser.parse("groups.yaml", """
                scenario: {name: groups, duration: 20s}
                nodes:
                  - {name: a, address: 192.0.2.1}
                  - {name: b, address: 192.0.2.2}
                links: [{name: ab, a: a, b: b, delay: 10ms, loss: 0.3}]
                traffic:
                  - {name: 'ping-{i}', count: %d, type: ping, from: a, to: b, interval: 1s, start: 0s..1s}
                  - {name: data, type: cbr, from: a, to: b, rate: 8kbit/s, size: 100B}
                """.formatted(n), Path.of("."), ScenarioParser.Options.NONE);
    }

    private static JsonNode summary(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("groups/summary.json").toFile());
    }

    @Test
    void aGroupAggregatesItsFlowsAsListedOneByOne(@TempDir Path tmp) throws IOException {
        Runner.run(scenario(20), tmp, t -> { }, Runner.ReportRenderer.NONE);
        JsonNode s = summary(tmp);
        assertEquals(21, s.get("flows").size(), "up to 1,000 flows every flow is listed");
        assertFalse(s.get("metrics").has("flow_detail"));
        JsonNode g = s.get("flow_groups").get(0);
        assertEquals(1, s.get("flow_groups").size(), "the cbr flow is in no group");
        assertEquals("ping-{i}", g.get("group").asText());
        assertEquals("ping", g.get("type").asText());
        assertEquals(20, g.get("flows").asInt());
        // Totals and distribution recomputed here from the listed flows (nearest-rank percentiles).
        long sent = 0;
        long delivered = 0;
        List<Double> ratios = new ArrayList<>();
        List<Long> p99 = new ArrayList<>();
        for (JsonNode f : s.get("flows")) {
            if (f.get("name").asText().startsWith("ping-")) {
                sent += f.get("sent_packets").asLong();
                delivered += f.get("delivered_packets").asLong();
                ratios.add(f.get("delivery_ratio").asDouble());
                p99.add(f.get("rtt_ns").get("p99").asLong());
            }
        }
        assertEquals(20, ratios.size());
        ratios.sort(null);
        p99.sort(null);
        assertEquals(sent, g.get("sent_packets").asLong());
        assertEquals(delivered, g.get("delivered_packets").asLong());
        assertEquals((double) delivered / sent, g.get("delivery_ratio").asDouble(), 1e-12);
        JsonNode dr = g.get("per_flow").get("delivery_ratio");
        assertEquals(ratios.get(0), dr.get("min").asDouble());
        assertEquals(ratios.get(1), dr.get("p10").asDouble(), "ceil(0.1 x 20) = 2nd smallest");
        assertEquals(ratios.get(9), dr.get("p50").asDouble(), "10th smallest");
        assertEquals(ratios.get(17), dr.get("p90").asDouble(), "18th smallest");
        assertEquals(ratios.get(19), dr.get("max").asDouble());
        assertTrue(ratios.get(0) < ratios.get(19), "30% loss spreads the flows' ratios: " + ratios);
        JsonNode rp = g.get("per_flow").get("rtt_p99_ns");
        assertEquals(p99.get(0), rp.get("min").asLong());
        assertEquals(p99.get(19), rp.get("p99").asLong(), "ceil(0.99 x 20) = 20th");
        assertEquals(p99.get(19), rp.get("max").asLong());
        JsonNode worst = g.get("worst_delivery");
        assertEquals(FlowGroupSummary.WORST, worst.size());
        assertEquals(ratios.get(0), worst.get(0).get("delivery_ratio").asDouble());
        assertEquals(p99.get(19), g.get("worst_rtt_p99").get(0).get("rtt_p99_ns").asLong());
        assertEquals(22, Files.readAllLines(tmp.resolve("groups/metrics/flows.csv")).size(), "header + one row per flow");
    }

    @Test
    void aboveTheLimitGroupsArePooledUnlessDetailIsAskedFor(@TempDir Path tmp) throws IOException {
        int n = FlowGroupSummary.FLOW_DETAIL_LIMIT + 1;
        Runner.run(scenario(n), tmp.resolve("pooled"), t -> { }, Runner.ReportRenderer.NONE);
        JsonNode s = summary(tmp.resolve("pooled"));
        assertEquals(1, s.get("flows").size(), "only the flow made from no template is listed");
        assertEquals("data", s.get("flows").get(0).get("name").asText());
        assertFalse(s.get("metrics").get("flow_detail").asBoolean());
        assertEquals(n, s.get("flow_groups").get(0).get("flows").asInt());
        Path metrics = tmp.resolve("pooled/groups/metrics");
        Set<String> series = column(metrics.resolve("throughput.csv"), 1);
        assertEquals(Set.of("data", "ping-{i}"), series, "one series per group");
        Set<String> sampled = column(metrics.resolve("latency.csv"), 1);
        assertTrue(sampled.size() <= FlowGroupSummary.WORST + 1 && sampled.contains("data") && sampled.size() > 1,
                "latency samples of the ungrouped flow and the group's worst: " + sampled);
        assertEquals(n + 2, Files.readAllLines(metrics.resolve("flows.csv")).size(), "flows.csv has every flow");
        long pooledBytes = Files.readAllLines(metrics.resolve("throughput.csv")).stream().skip(1)
                .filter(l -> l.split(",")[1].equals("ping-{i}")).mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
        assertEquals(s.get("flow_groups").get(0).get("delivered_bytes").asLong(), pooledBytes, "the pooled series sums its flows");

        Runner.execute(scenario(n), Runner.Output.replacing(tmp.resolve("detail")).withFlowDetail(true), t -> { },
                Runner.ReportRenderer.NONE);
        JsonNode d = summary(tmp.resolve("detail"));
        assertEquals(n + 1, d.get("flows").size(), "--flow-detail lists every flow");
        assertFalse(d.get("metrics").has("flow_detail"));
        assertEquals(n + 1, column(tmp.resolve("detail/groups/metrics/throughput.csv"), 1).size());
        assertEquals(s.get("flow_groups"), d.get("flow_groups"), "the groups do not depend on the detail");
    }

    @Test
    void aGroupOfOneWayFlowsIsRankedByLatency(@TempDir Path tmp) throws IOException {
        Scenario s = ScenarioParser.parse("groups.yaml", """
                scenario: {name: groups, duration: 5s}
                nodes: [{name: a, address: 192.0.2.1}, {name: b, address: 192.0.2.2}]
                links: [{name: ab, a: a, b: b, delay: 10ms}]
                traffic: [{name: 'c-{i}', count: 3, type: cbr, from: a, to: b, rate: 8kbit/s, size: 100B}]
                """, Path.of("."), ScenarioParser.Options.NONE);
        Runner.run(s, tmp, t -> { }, Runner.ReportRenderer.NONE);
        JsonNode g = summary(tmp).get("flow_groups").get(0);
        assertEquals("cbr", g.get("type").asText());
        // one-way latency of a 10 ms link, as each flow's latency_ns reports it
        assertEquals(summary(tmp).get("flows").get(0).get("latency_ns").get("p99").asLong(),
                g.get("per_flow").get("latency_p99_ns").get("max").asLong());
        assertEquals(3, g.get("worst_latency_p99").size());
        assertFalse(g.get("per_flow").has("rtt_p99_ns"));
    }

    private static Set<String> column(Path csv, int i) throws IOException {
        Set<String> out = new TreeSet<>();
        Files.readAllLines(csv).stream().skip(1).forEach(l -> out.add(l.split(",")[i]));
        return out;
    }
}
