package dev.wgsim.reports.results;

/** A row of latency-summary.csv: percentiles from the full (undecimated) histogram, in milliseconds. */
public record LatencyStats(String flow, LatencyKind kind, long count, double p50Ms, double p90Ms, double p99Ms,
                           double maxMs, double meanMs) {}
