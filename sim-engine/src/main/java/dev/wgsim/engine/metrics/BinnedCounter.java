package dev.wgsim.engine.metrics;

import java.util.Arrays;

/** A count per time bin (bytes, packets, drops...), growing as later bins are touched. */
public final class BinnedCounter {

    private final TimeBins bins;
    private long[] counts = new long[16];
    private int used; // bins 0..used-1 may be non-zero
    private long total;

    public BinnedCounter(TimeBins bins) {
        this.bins = bins;
    }

    /** Adds {@code n >= 0} to the bin of {@code timeNanos}. */
    public void add(long timeNanos, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        int k = bins.bin(timeNanos);
        if (k >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(k + 1, counts.length * 2));
        }
        counts[k] += n;
        if (k >= used) {
            used = k + 1;
        }
        total += n;
    }

    /** The count in bin {@code k} (0 beyond the last touched bin). */
    public long get(int k) {
        return k >= 0 && k < used ? counts[k] : 0;
    }

    /** One past the last bin touched. */
    public int binCount() {
        return used;
    }

    /** The sum over all bins. */
    public long total() {
        return total;
    }

    public TimeBins bins() {
        return bins;
    }
}
