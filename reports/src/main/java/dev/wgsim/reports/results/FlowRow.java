package dev.wgsim.reports.results;

/**
 * One row of metrics/flows.csv: a flow, its template group (empty when none), packets, and its
 * delivery ratio and p99s in milliseconds (NaN when it sent nothing or recorded no such latency).
 */
public record FlowRow(String flow, String group, long sentPackets, long deliveredPackets, double deliveryRatio,
                      double oneWayP99Ms, double rttP99Ms) {
}
