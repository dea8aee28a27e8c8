package dev.wgsim.reports.results;

/** One flow's latency samples of one kind (latency.csv, already decimated by the writer), in file order. */
public final class LatencySeries {
    private final String flow;
    private final LatencyKind kind;
    private final double[] timeSeconds;
    private final double[] millis;

    public LatencySeries(String flow, LatencyKind kind, double[] timeSeconds, double[] millis) {
        if (timeSeconds.length != millis.length) {
            throw new IllegalArgumentException("column lengths differ for flow " + flow);
        }
        this.flow = flow;
        this.kind = kind;
        this.timeSeconds = timeSeconds.clone();
        this.millis = millis.clone();
    }

    public String flow() {
        return flow;
    }

    public LatencyKind kind() {
        return kind;
    }

    public int size() {
        return millis.length;
    }

    public double timeSeconds(int i) {
        return timeSeconds[i];
    }

    public double millis(int i) {
        return millis[i];
    }

    /** A sorted copy of the samples, for CDFs and percentiles. */
    public double[] sortedMillis() {
        double[] s = millis.clone();
        java.util.Arrays.sort(s);
        return s;
    }
}
