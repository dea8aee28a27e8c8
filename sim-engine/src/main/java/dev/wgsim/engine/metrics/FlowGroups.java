package dev.wgsim.engine.metrics;

import java.util.Map;
import java.util.Set;

/**
 * How the metrics files treat flows made from one template (a group, e.g. a hub's 100,000
 * {@code ping-{i}} flows). {@code flows.csv} always has one row per flow, naming its group. When
 * {@code pooled}, {@code throughput.csv} has one series per group (the sum of its flows, named by
 * the group) instead of one per flow, and {@code latency.csv} keeps the samples of the ungrouped
 * flows and of {@code keepSamples} only (say, each group's worst flows), so the files stay of a
 * size a report can open.
 *
 * @param groupOf     flow name to group name; flows not in it are in no group
 * @param pooled      whether groups are written as one series each
 * @param keepSamples grouped flows whose latency samples are still written when pooled
 */
public record FlowGroups(Map<String, String> groupOf, boolean pooled, Set<String> keepSamples) {
    /** Every flow on its own. */
    public static final FlowGroups NONE = new FlowGroups(Map.of(), false, Set.of());

    public FlowGroups {
        groupOf = Map.copyOf(groupOf);
        keepSamples = Set.copyOf(keepSamples);
    }

    /** The flow's group, or the empty string. */
    public String group(String flow) {
        return groupOf.getOrDefault(flow, "");
    }

    /** The throughput series a flow's bytes are counted in. */
    public String series(String flow) {
        String g = group(flow);
        return pooled && !g.isEmpty() ? g : flow;
    }

    /** Whether the flow's latency samples go to latency.csv. */
    public boolean samples(String flow) {
        return !pooled || group(flow).isEmpty() || keepSamples.contains(flow);
    }
}
