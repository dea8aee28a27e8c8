package dev.wgsim.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.random.RandomStreams;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FlowMetricsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void throughputBinsSumToDeliveredBytes() {
        TimeBins bins = new TimeBins(0, 250 * MS);
        FlowMetrics flow = new FlowMetrics("video", bins);
        RandomStream rng = new RandomStreams(4).stream("test/throughput");
        long t = 0;
        long expectedBytes = 0;
        for (int i = 0; i < 10_000; i++) {
            t += (long) rng.exponential(2 * MS);
            int bytes = 60 + rng.nextInt(1400);
            flow.recordSent(t, bytes);
            if (!rng.bernoulli(0.1)) {
                flow.recordDelivered(t + 20 * MS, bytes, 20 * MS);
                expectedBytes += bytes;
            }
        }
        long sum = 0;
        BinnedCounter perBin = flow.deliveredBytesPerBin();
        for (int k = 0; k < perBin.binCount(); k++) {
            sum += perBin.get(k);
        }
        assertEquals(expectedBytes, flow.deliveredBytes());
        assertEquals(expectedBytes, sum);
        assertEquals(expectedBytes, perBin.total());
        assertEquals(10_000, flow.sentPackets());
        assertEquals(flow.deliveredPackets() / 10_000.0, flow.deliveryRatio(), 1e-12);
        assertTrue(flow.deliveryRatio() > 0.85 && flow.deliveryRatio() < 0.95);
    }

    @Test
    void binsAreByDeliveryTimeWithHalfOpenBoundaries() {
        FlowMetrics flow = new FlowMetrics("f", new TimeBins(5 * SECOND, SECOND));
        flow.recordDelivered(5 * SECOND, 100);              // first instant of bin 0
        flow.recordDelivered(6 * SECOND - 1, 10);           // last instant of bin 0
        flow.recordDelivered(6 * SECOND, 1);                // bin 1
        flow.recordDelivered(9 * SECOND + 7, 1000);         // bin 4
        BinnedCounter b = flow.deliveredBytesPerBin();
        assertEquals(110, b.get(0));
        assertEquals(1, b.get(1));
        assertEquals(0, b.get(2));
        assertEquals(1000, b.get(4));
        assertEquals(5, b.binCount());
        assertThrows(IllegalArgumentException.class, () -> flow.recordDelivered(5 * SECOND - 1, 1));
    }

    @Test
    void percentilesOfAKnownSetAreExactWithinHistogramPrecision() {
        FlowMetrics flow = new FlowMetrics("ping", new TimeBins(0, SECOND));
        // RTTs of 1, 2, ..., 1000 ms: p50 = 500 ms, p90 = 900 ms, p99 = 990 ms, max 1000 ms, mean 500.5 ms.
        for (int i = 1; i <= 1000; i++) {
            flow.recordRtt(i * MS, i * MS);
        }
        LatencySummary s = flow.rttSummary();
        assertEquals(1000, s.count());
        assertWithinPrecision(500 * MS, s.p50Nanos());
        assertWithinPrecision(900 * MS, s.p90Nanos());
        assertWithinPrecision(990 * MS, s.p99Nanos());
        assertWithinPrecision(1000 * MS, s.maxNanos());
        assertEquals(500.5 * MS, s.meanNanos(), 500.5 * MS * 1e-3);
        assertNull(flow.oneWaySummary(), "no one-way samples recorded");

        // The copy is independent of the recorder.
        Histogram copy = flow.roundTripTime();
        copy.recordValue(5);
        assertEquals(1000, flow.roundTripTime().getTotalCount());
    }

    private static void assertWithinPrecision(long expected, long actual) {
        // 3 significant digits: the reported value is the top of a bucket no wider than 1/1000 of it.
        assertTrue(actual >= expected && actual <= expected + expected / 1000,
                "expected " + expected + " within 0.1% above, was " + actual);
    }

    @Test
    void compactHistogramsReportWhatAPlainHdrHistogramOfTheSamePrecisionReports() {
        // Reference: HdrHistogram's array-backed Histogram, 3 digits, fed the same values.
        Histogram plain = new Histogram(3);
        plain.setAutoResize(true);
        FlowMetrics flow = new FlowMetrics("rtt", new TimeBins(0, SECOND));
        RandomStream rng = new RandomStreams(9).stream("test/packed");
        for (int i = 0; i < 50_000; i++) {
            long v = 40 * MS + (long) rng.exponential(3 * MS) + (i % 997 == 0 ? 2 * SECOND : 0);
            plain.recordValue(v);
            flow.recordRtt(i, v);
        }
        LatencySummary s = flow.rttSummary();
        assertEquals(plain.getTotalCount(), s.count());
        assertEquals(plain.getValueAtPercentile(50), s.p50Nanos());
        assertEquals(plain.getValueAtPercentile(90), s.p90Nanos());
        assertEquals(plain.getValueAtPercentile(99), s.p99Nanos());
        assertEquals(plain.getMaxValue(), s.maxNanos());
        assertEquals(plain.getMean(), s.meanNanos());
        assertNull(flow.oneWaySummary(), "nothing one-way was recorded");
        assertEquals(0, flow.oneWayLatency().getTotalCount());
    }

    @Test
    void nanosecondLatenciesAndHugeOnesAreKept() {
        FlowMetrics flow = new FlowMetrics("f", new TimeBins(0, SECOND));
        flow.recordDelivered(1, 1, 7);                      // 7 ns is exact
        flow.recordDelivered(2, 1, 3_600 * SECOND);         // an hour: the histogram resizes
        LatencySummary s = flow.oneWaySummary();
        assertEquals(2, s.count());
        assertWithinPrecision(3_600 * SECOND, s.maxNanos());
        assertEquals(7, flow.oneWayLatency().getMinValue());
    }

    @Test
    void rejectsNegativeValuesAndEmptyNames() {
        FlowMetrics flow = new FlowMetrics("f", new TimeBins(0, SECOND));
        assertThrows(IllegalArgumentException.class, () -> flow.recordDelivered(1, 10, -1));
        assertThrows(IllegalArgumentException.class, () -> flow.recordRtt(1, -1));
        assertThrows(IllegalArgumentException.class, () -> flow.recordSent(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new FlowMetrics("", new TimeBins(0, SECOND)));
        assertThrows(IllegalArgumentException.class, () -> new TimeBins(0, 0));
        assertTrue(Double.isNaN(flow.deliveryRatio()));
    }
}
