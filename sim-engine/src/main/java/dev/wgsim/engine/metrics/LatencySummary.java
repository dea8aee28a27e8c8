package dev.wgsim.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of a latency histogram in nanoseconds. Percentile values are HdrHistogram's
 * "highest equivalent value" of the bucket, i.e. exact within 3 significant digits.
 */
public record LatencySummary(long count, long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos, double meanNanos) {

    /** The summary of {@code h}, or null if it is empty. */
    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        return new LatencySummary(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getMaxValue(), h.getMean());
    }
}
