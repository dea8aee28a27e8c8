package dev.wgsim.reports.results;

import java.util.Arrays;

/** One flow's rows of throughput.csv in time order: bin start and bytes delivered in the bin. */
public final class ThroughputSeries {
    private final String flow;
    private final double[] timeSeconds;
    private final long[] deliveredBytes;

    public ThroughputSeries(String flow, double[] timeSeconds, long[] deliveredBytes) {
        if (timeSeconds.length != deliveredBytes.length) {
            throw new IllegalArgumentException("column lengths differ for flow " + flow);
        }
        this.flow = flow;
        this.timeSeconds = timeSeconds.clone();
        this.deliveredBytes = deliveredBytes.clone();
    }

    public String flow() {
        return flow;
    }

    public int size() {
        return timeSeconds.length;
    }

    public double timeSeconds(int i) {
        return timeSeconds[i];
    }

    public long deliveredBytes(int i) {
        return deliveredBytes[i];
    }

    public long totalBytes() {
        return Arrays.stream(deliveredBytes).sum();
    }
}
