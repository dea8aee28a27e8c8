package dev.wgsim.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * What one application flow sent and got delivered: packet and byte counters, delivered bytes per
 * time bin (by delivery time), one-way latency and round-trip time as HdrHistograms of
 * nanoseconds (3 significant digits, auto-resizing), and a decimated sample list of each for
 * plotting. While the samples still hold every value (up to their capacity, 20,000 by default)
 * they are the record, and no histogram exists: percentiles and copies of the histogram are made
 * from them on demand, with the same answers (a hub's 100,000 quiet ping flows keep a few hundred
 * bytes each). The histogram is built from the samples when they start decimating and records from
 * then on; it is packed (memory grows with the distinct values recorded, not with their range).
 */
public final class FlowMetrics {

    /** Significant decimal digits kept by the latency histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String name;
    private final int sampleCapacity;
    private final BinnedCounter deliveredBytesPerBin;
    private Histogram oneWay;
    private Histogram rtt;
    private final DecimatedSamples oneWaySamples;
    private final DecimatedSamples rttSamples;
    private long sentPackets;
    private long sentBytes;
    private long deliveredPackets;
    private long deliveredBytes;

    public FlowMetrics(String name, TimeBins bins) {
        this(name, bins, DecimatedSamples.DEFAULT_CAPACITY);
    }

    public FlowMetrics(String name, TimeBins bins, int sampleCapacity) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("flow name must not be empty");
        }
        this.name = name;
        this.sampleCapacity = sampleCapacity;
        this.deliveredBytesPerBin = new BinnedCounter(bins);
        this.oneWaySamples = new DecimatedSamples(sampleCapacity);
        this.rttSamples = new DecimatedSamples(sampleCapacity);
    }

    private static Histogram newHistogram() {
        Histogram h = new PackedHistogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    public String name() {
        return name;
    }

    /** The application handed a packet of {@code bytes} to the network at {@code timeNanos}. */
    public void recordSent(long timeNanos, int bytes) {
        requireBytes(bytes);
        sentPackets++;
        sentBytes += bytes;
    }

    /** A packet of {@code bytes} reached the sink at {@code timeNanos}; latency unknown. */
    public void recordDelivered(long timeNanos, int bytes) {
        requireBytes(bytes);
        deliveredBytesPerBin.add(timeNanos, bytes);
        deliveredPackets++;
        deliveredBytes += bytes;
    }

    /** A packet of {@code bytes} reached the sink at {@code timeNanos} after {@code oneWayLatencyNanos}. */
    public void recordDelivered(long timeNanos, int bytes, long oneWayLatencyNanos) {
        if (oneWayLatencyNanos < 0) {
            throw new IllegalArgumentException("oneWayLatencyNanos must be >= 0, was " + oneWayLatencyNanos);
        }
        recordDelivered(timeNanos, bytes);
        if (oneWay == null && oneWaySamples.seen() == sampleCapacity) {
            oneWay = histogramOf(oneWaySamples); // the samples are about to decimate
        }
        if (oneWay != null) {
            oneWay.recordValue(oneWayLatencyNanos);
        }
        oneWaySamples.record(timeNanos, oneWayLatencyNanos);
    }

    /** A reply arrived at {@code timeNanos}, {@code rttNanos} after its request left. */
    public void recordRtt(long timeNanos, long rttNanos) {
        if (rttNanos < 0) {
            throw new IllegalArgumentException("rttNanos must be >= 0, was " + rttNanos);
        }
        if (rtt == null && rttSamples.seen() == sampleCapacity) {
            rtt = histogramOf(rttSamples);
        }
        if (rtt != null) {
            rtt.recordValue(rttNanos);
        }
        rttSamples.record(timeNanos, rttNanos);
    }

    private static void requireBytes(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
    }

    public long sentPackets() {
        return sentPackets;
    }

    public long sentBytes() {
        return sentBytes;
    }

    public long deliveredPackets() {
        return deliveredPackets;
    }

    public long deliveredBytes() {
        return deliveredBytes;
    }

    /** Delivered packets over sent packets, or NaN when nothing was sent. */
    public double deliveryRatio() {
        return sentPackets == 0 ? Double.NaN : (double) deliveredPackets / sentPackets;
    }

    /** Delivered bytes per bin, by delivery time. */
    public BinnedCounter deliveredBytesPerBin() {
        return deliveredBytesPerBin;
    }

    /** A copy of the one-way latency histogram (ns). */
    public Histogram oneWayLatency() {
        return oneWay == null ? histogramOf(oneWaySamples) : oneWay.copy();
    }

    /** A copy of the round-trip time histogram (ns). */
    public Histogram roundTripTime() {
        return rtt == null ? histogramOf(rttSamples) : rtt.copy();
    }

    /** A histogram of every value the samples hold (all that were recorded, while they are complete). */
    private static Histogram histogramOf(DecimatedSamples samples) {
        Histogram h = newHistogram();
        for (int i = 0; i < samples.size(); i++) {
            h.recordValue(samples.valueAt(i));
        }
        return h;
    }

    /** Decimated (delivery time, one-way latency ns) samples. */
    public DecimatedSamples oneWaySamples() {
        return oneWaySamples;
    }

    /** Decimated (reply time, RTT ns) samples. */
    public DecimatedSamples rttSamples() {
        return rttSamples;
    }

    /** Percentiles of the one-way latency, or null if none was recorded. */
    public LatencySummary oneWaySummary() {
        return oneWay == null ? LatencySummary.ofComplete(oneWaySamples) : LatencySummary.of(oneWay, oneWaySamples);
    }

    /** Percentiles of the round-trip time, or null if none was recorded. */
    public LatencySummary rttSummary() {
        return rtt == null ? LatencySummary.ofComplete(rttSamples) : LatencySummary.of(rtt, rttSamples);
    }
}
