package dev.wgsim.scenario.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.engine.metrics.FlowGroups;
import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.metrics.LatencySummary;
import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The flows made from one {@code count:} entry, aggregated (summary.json {@code flow_groups}):
 * totals, the distribution over the group's flows of their delivery ratio and their p99 latency,
 * and the worst flows by each. Above {@value #FLOW_DETAIL_LIMIT} flows a run lists only these
 * groups (and the flows made from no template) unless per-flow detail is asked for.
 */
public final class FlowGroupSummary {
    /** Up to this many flows summary.json lists each flow; above, grouped flows only in flow_groups. */
    public static final int FLOW_DETAIL_LIMIT = 1000;
    /** Worst flows named per group and figure (and whose latency samples latency.csv keeps when pooled). */
    public static final int WORST = 5;

    /** One flow's figures. */
    private record Flow(String name, long sentPackets, long sentBytes, long deliveredPackets, long deliveredBytes,
                        double ratio, long p99, String p99Kind) {
    }

    /** One group: its template name, traffic type and flows in file order. */
    private record Group(String name, TrafficSpec.Kind kind, List<Flow> flows) {
    }

    private final List<Group> groups = new ArrayList<>();
    private final boolean detail;

    /**
     * @param flowDetail list every flow in summary.json even above {@value #FLOW_DETAIL_LIMIT} flows
     */
    public FlowGroupSummary(Scenario s, MetricsRecorder metrics, boolean flowDetail) {
        this.detail = flowDetail || s.traffic().size() <= FLOW_DETAIL_LIMIT;
        Map<String, FlowMetrics> byName = new HashMap<>();
        for (FlowMetrics f : metrics.flows()) {
            byName.put(f.name(), f);
        }
        Map<String, Group> made = new LinkedHashMap<>();
        for (TrafficSpec t : s.traffic()) {
            if (t.group().isEmpty()) {
                continue;
            }
            Group g = made.computeIfAbsent(t.group(), k -> new Group(k, t.kind(), new ArrayList<>()));
            g.flows().add(flow(t.name(), byName.get(t.name())));
        }
        groups.addAll(made.values());
    }

    private static Flow flow(String name, FlowMetrics fm) {
        if (fm == null) {
            return new Flow(name, 0, 0, 0, 0, Double.NaN, -1, "");
        }
        LatencySummary rtt = fm.rttSummary();
        LatencySummary one = rtt == null ? fm.oneWaySummary() : null;
        return new Flow(name, fm.sentPackets(), fm.sentBytes(), fm.deliveredPackets(), fm.deliveredBytes(), fm.deliveryRatio(),
                rtt != null ? rtt.p99Nanos() : one != null ? one.p99Nanos() : -1, rtt != null ? "rtt" : one != null ? "latency" : "");
    }

    /** True when summary.json lists every flow; false when grouped flows appear in flow_groups only. */
    public boolean perFlow() {
        return detail;
    }

    /** What the metrics files pool: groups as one series each unless every flow is listed. */
    public FlowGroups flowGroups(Scenario s) {
        Map<String, String> groupOf = new HashMap<>();
        for (TrafficSpec t : s.traffic()) {
            if (!t.group().isEmpty()) {
                groupOf.put(t.name(), t.group());
            }
        }
        Set<String> keep = new LinkedHashSet<>();
        for (Group g : groups) {
            worstByLatency(g).forEach(f -> keep.add(f.name()));
        }
        return new FlowGroups(groupOf, !detail, keep);
    }

    /** {@code flow_groups}: one object per group, in file order. */
    public void writeTo(ArrayNode out) {
        for (Group g : groups) {
            ObjectNode o = out.addObject().put("group", g.name()).put("type", g.kind().name().toLowerCase(Locale.ROOT))
                    .put("flows", g.flows().size());
            long sentP = 0;
            long sentB = 0;
            long delP = 0;
            long delB = 0;
            for (Flow f : g.flows()) {
                sentP += f.sentPackets();
                sentB += f.sentBytes();
                delP += f.deliveredPackets();
                delB += f.deliveredBytes();
            }
            o.put("sent_packets", sentP).put("sent_bytes", sentB).put("delivered_packets", delP).put("delivered_bytes", delB)
                    .put("delivery_ratio", sentP == 0 ? 0.0 : (double) delP / sentP);
            ObjectNode per = o.putObject("per_flow");
            double[] ratios = g.flows().stream().filter(f -> f.sentPackets() > 0).mapToDouble(Flow::ratio).sorted().toArray();
            if (ratios.length == 0) {
                per.putNull("delivery_ratio");
            } else {
                per.putObject("delivery_ratio").put("min", ratios[0]).put("p10", rank(ratios, 10)).put("p50", rank(ratios, 50))
                        .put("p90", rank(ratios, 90)).put("max", ratios[ratios.length - 1]);
            }
            // "rtt" for pings, "latency" (one-way, as a flow's latency_ns) for the others; by type when none recorded any.
            String kind = g.flows().stream().map(Flow::p99Kind).filter(k -> !k.isEmpty()).findFirst()
                    .orElse(g.kind() == TrafficSpec.Kind.PING ? "rtt" : "latency");
            long[] p99 = g.flows().stream().filter(f -> f.p99() >= 0).mapToLong(Flow::p99).sorted().toArray();
            String key = kind + "_p99_ns";
            if (p99.length == 0) {
                per.putNull(key);
            } else {
                per.putObject(key).put("min", p99[0]).put("p50", rank(p99, 50)).put("p90", rank(p99, 90)).put("p99", rank(p99, 99))
                        .put("max", p99[p99.length - 1]);
            }
            ArrayNode worstDelivery = o.putArray("worst_delivery");
            g.flows().stream().filter(f -> f.sentPackets() > 0)
                    .sorted(Comparator.comparingDouble(Flow::ratio).thenComparing(Flow::name)).limit(WORST)
                    .forEach(f -> worstDelivery.addObject().put("name", f.name()).put("delivery_ratio", f.ratio()));
            ArrayNode worstLatency = o.putArray("worst_" + kind + "_p99");
            worstByLatency(g).forEach(f -> worstLatency.addObject().put("name", f.name()).put(key, f.p99()));
        }
    }

    private static List<Flow> worstByLatency(Group g) {
        return g.flows().stream().filter(f -> f.p99() >= 0)
                .sorted(Comparator.comparingLong((Flow f) -> -f.p99()).thenComparing(Flow::name)).limit(WORST).toList();
    }

    /** Nearest rank: the smallest value with at least {@code q}% of the values at or below it. */
    static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }
}
