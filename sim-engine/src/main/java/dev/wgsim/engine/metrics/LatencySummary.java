package dev.wgsim.engine.metrics;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

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
        // Each percentile and the mean walk the counts from the bottom; a packed histogram's counts
        // are behind an index tree, so five walks over the histograms of a 10,000-flow run took
        // seconds. One walk copies them into a flat histogram of the same structure (identical
        // buckets, so identical answers) where the five walks are plain array reads.
        Histogram flat = h instanceof PackedHistogram ? flat(h) : h;
        return new LatencySummary(flat.getTotalCount(), flat.getValueAtPercentile(50),
                flat.getValueAtPercentile(90), flat.getValueAtPercentile(99), flat.getMaxValue(), flat.getMean());
    }

    /**
     * The summary of {@code h}, read from {@code samples} when they still hold every value
     * {@code h} recorded (a flow of up to {@link DecimatedSamples#DEFAULT_CAPACITY} packets): the
     * same numbers {@link #of(Histogram)} gives, without walking the histogram's buckets.
     */
    public static LatencySummary of(Histogram h, DecimatedSamples samples) {
        long total = h.getTotalCount();
        if (total == 0 || !samples.complete() || samples.size() != total) {
            return of(h);
        }
        return ofSorted(h, sorted(samples), h.getMaxValue());
    }

    /**
     * The summary of the values in {@code samples}, which must still hold every value offered
     * ({@link DecimatedSamples#complete()}), or null when there is none: the numbers
     * {@link #of(Histogram)} gives for a 3-significant-digit histogram of the same values, read
     * without one (a quiet flow keeps no histogram while its samples are exact).
     */
    public static LatencySummary ofComplete(DecimatedSamples samples) {
        if (!samples.complete()) {
            throw new IllegalArgumentException("the samples were decimated: " + samples.size() + " of " + samples.seen());
        }
        if (samples.size() == 0) {
            return null;
        }
        long[] v = sorted(samples);
        long max = v[v.length - 1];
        // HdrHistogram's getMaxValue: the highest value equivalent to the largest recorded (0 stays 0).
        return ofSorted(BUCKETS, v, max == 0 ? 0 : BUCKETS.highestEquivalentValue(max));
    }

    /** The bucket structure of the flows' histograms (equivalence ranges only; it records nothing). */
    private static final Histogram BUCKETS = new PackedHistogram(FlowMetrics.SIGNIFICANT_DIGITS);

    private static long[] sorted(DecimatedSamples samples) {
        long[] v = samples.values();
        Arrays.sort(v);
        return v;
    }

    private static LatencySummary ofSorted(Histogram h, long[] v, long max) {
        // HdrHistogram's mean: per bucket, in ascending order, median equivalent value x count.
        // Grouping the sorted values by bucket repeats that sum term by term (exact in a double
        // while the sum stays below 2^53 ns, i.e. for any run shorter than 104 days per value).
        double sum = 0;
        for (int i = 0; i < v.length; ) {
            long bucket = h.lowestEquivalentValue(v[i]);
            int j = i + 1;
            while (j < v.length && h.lowestEquivalentValue(v[j]) == bucket) {
                j++;
            }
            sum += h.medianEquivalentValue(v[i]) * (double) (j - i);
            i = j;
        }
        long total = v.length;
        return new LatencySummary(total, percentile(h, v, 50), percentile(h, v, 90), percentile(h, v, 99),
                max, (sum * 1.0) / total);
    }

    /** HdrHistogram's getValueAtPercentile over the sorted values: the bucket of the k-th smallest. */
    private static long percentile(Histogram h, long[] sorted, double percentile) {
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0), 100.0);
        long countAt = Math.max((long) Math.ceil(requested * sorted.length / 100.0), 1);
        return h.highestEquivalentValue(sorted[(int) Math.min(countAt, sorted.length) - 1]);
    }

    private static Histogram flat(Histogram h) {
        Histogram f = new Histogram(h.getLowestDiscernibleValue(), h.getHighestTrackableValue(),
                h.getNumberOfSignificantValueDigits());
        f.setAutoResize(true);
        f.add(h);
        return f;
    }
}
