package dev.wgsim.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;

/**
 * {@link LatencySummary#of} reads a packed histogram through a flat copy: its answers must be the
 * ones HdrHistogram itself gives on the original (the library is the oracle here).
 */
class LatencySummaryTest {

    @Test
    void packedHistogramSummaryMatchesTheLibrarysOwnPercentilesAndMean() {
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (int round = 0; round < 200; round++) {
            PackedHistogram h = new PackedHistogram(FlowMetrics.SIGNIFICANT_DIGITS);
            h.setAutoResize(true);
            int n = 1 + rnd.nextInt(round % 10 == 0 ? 3 : 2_000);
            // Latencies from microseconds to seconds, clustered like a ping flow's RTTs plus outliers.
            long base = 1_000L << rnd.nextInt(20);
            for (int i = 0; i < n; i++) {
                long v = rnd.nextInt(20) == 0 ? rnd.nextLong(1, 5_000_000_000L) : base + rnd.nextLong(base / 10 + 1);
                h.recordValue(v);
            }
            LatencySummary s = LatencySummary.of(h);
            assertEquals(h.getTotalCount(), s.count());
            assertEquals(h.getValueAtPercentile(50), s.p50Nanos(), "p50, round " + round);
            assertEquals(h.getValueAtPercentile(90), s.p90Nanos(), "p90, round " + round);
            assertEquals(h.getValueAtPercentile(99), s.p99Nanos(), "p99, round " + round);
            assertEquals(h.getMaxValue(), s.maxNanos(), "max, round " + round);
            assertEquals(h.getMean(), s.meanNanos(), "mean, round " + round);
            checked++;
        }
        assertEquals(200, checked);
    }

    @Test
    void flowSummaryFromItsExactSamplesMatchesTheLibraryOnTheFlowsHistogram() {
        SplittableRandom rnd = new SplittableRandom(11);
        int exact = 0;
        for (int round = 0; round < 120; round++) {
            // Up to 30,000 values: below the sample capacity the summary reads the samples, above
            // it (decimated) the histogram; both must agree with the histogram's own answers.
            int n = 1 + rnd.nextInt(round % 20 == 0 ? 30_000 : 700);
            FlowMetrics flow = new FlowMetrics("f", new TimeBins(0, 1_000_000_000L));
            // The oracle: a histogram of its own fed the same values (the flow keeps none while its
            // samples are exact, and builds one from them when they start decimating).
            PackedHistogram h = new PackedHistogram(FlowMetrics.SIGNIFICANT_DIGITS);
            h.setAutoResize(true);
            long base = 10_000L << rnd.nextInt(16);
            for (int i = 0; i < n; i++) {
                long v = rnd.nextInt(50) == 0 ? rnd.nextLong(0, 9_000_000_000L) : base + rnd.nextLong(base / 5 + 1);
                flow.recordRtt(i * 1_000_000L, v);
                h.recordValue(v);
            }
            if (flow.rttSamples().complete()) {
                exact++;
            }
            Histogram copy = flow.roundTripTime();
            assertEquals(h.getTotalCount(), copy.getTotalCount());
            for (double q : new double[] {0, 25, 50, 75, 99.9, 100}) {
                assertEquals(h.getValueAtPercentile(q), copy.getValueAtPercentile(q), "the flow's histogram, q " + q);
            }
            LatencySummary s = flow.rttSummary();
            assertEquals(n, s.count());
            assertEquals(h.getValueAtPercentile(50), s.p50Nanos(), "p50, round " + round);
            assertEquals(h.getValueAtPercentile(90), s.p90Nanos(), "p90, round " + round);
            assertEquals(h.getValueAtPercentile(99), s.p99Nanos(), "p99, round " + round);
            assertEquals(h.getMaxValue(), s.maxNanos(), "max, round " + round);
            assertEquals(h.getMean(), s.meanNanos(), "mean, round " + round);
        }
        assertTrue(exact > 100, "most rounds take the exact-sample path: " + exact);
        assertTrue(exact < 120, "some rounds take the histogram path: " + exact);
    }

    @Test
    void aFlowOfZeroLatenciesHasMaxZero() {
        FlowMetrics flow = new FlowMetrics("f", new TimeBins(0, 1_000_000_000L));
        flow.recordRtt(1, 0);
        flow.recordRtt(2, 0);
        assertEquals(0, flow.rttSummary().maxNanos(), "HdrHistogram reports max 0 for zeros");
        assertEquals(0, flow.rttSummary().p99Nanos());
        assertNull(flow.oneWaySummary());
    }

    @Test
    void emptyHistogramHasNoSummary() {
        assertNull(LatencySummary.of(new PackedHistogram(3)));
        assertNull(LatencySummary.of(new Histogram(3)));
    }
}
