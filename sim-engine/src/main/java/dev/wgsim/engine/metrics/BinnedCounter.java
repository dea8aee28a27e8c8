package dev.wgsim.engine.metrics;

import java.util.Arrays;

/**
 * A count per time bin (bytes, packets, drops...), growing as later bins are touched.
 * <p>
 * A counter starts sparse, holding only the bins it was given something in (bin number and
 * count, in bin order): a flow that sends a ping every 10 s touches one bin in ten, and a hub with
 * 100,000 such flows must not pay 8 bytes per flow for every second of the run. Once at least
 * half of the bins up to the last touched one are in use, it turns into a plain array indexed
 * by bin. Both forms answer the same counts.
 */
public final class BinnedCounter {
    private static final int INITIAL = 4;

    private final TimeBins bins;
    /** Dense form: the count of bin k at k; null while sparse. */
    private long[] counts;
    /** Sparse form: touched bins in increasing order, and their counts. */
    private int[] sparseBins = new int[INITIAL];
    private long[] sparseCounts = new long[INITIAL];
    private int sparseSize;
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
        if (counts != null) {
            if (k >= counts.length) {
                counts = Arrays.copyOf(counts, Math.max(k + 1, counts.length * 2));
            }
            counts[k] += n;
        } else {
            addSparse(k, n);
        }
        if (k >= used) {
            used = k + 1;
        }
        total += n;
    }

    private void addSparse(int k, long n) {
        // Time moves forward, so the bin is almost always the last one or a new last one.
        int i = sparseSize > 0 && sparseBins[sparseSize - 1] == k ? sparseSize - 1
                : sparseSize > 0 && sparseBins[sparseSize - 1] > k ? Arrays.binarySearch(sparseBins, 0, sparseSize, k)
                : -(sparseSize + 1);
        if (i >= 0) {
            sparseCounts[i] += n;
            return;
        }
        int at = -(i + 1);
        int span = Math.max(k + 1, used);
        if (2L * (sparseSize + 1) >= span && span >= INITIAL) {
            // Dense enough: an array by bin costs no more than the pairs.
            counts = new long[span];
            for (int j = 0; j < sparseSize; j++) {
                counts[sparseBins[j]] = sparseCounts[j];
            }
            counts[k] += n;
            sparseBins = null;
            sparseCounts = null;
            sparseSize = 0;
            return;
        }
        if (sparseSize == sparseBins.length) {
            sparseBins = Arrays.copyOf(sparseBins, sparseSize * 2);
            sparseCounts = Arrays.copyOf(sparseCounts, sparseSize * 2);
        }
        System.arraycopy(sparseBins, at, sparseBins, at + 1, sparseSize - at);
        System.arraycopy(sparseCounts, at, sparseCounts, at + 1, sparseSize - at);
        sparseBins[at] = k;
        sparseCounts[at] = n;
        sparseSize++;
    }

    /** The count in bin {@code k} (0 beyond the last touched bin). */
    public long get(int k) {
        if (k < 0 || k >= used) {
            return 0;
        }
        if (counts != null) {
            return counts[k];
        }
        int i = Arrays.binarySearch(sparseBins, 0, sparseSize, k);
        return i >= 0 ? sparseCounts[i] : 0;
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
