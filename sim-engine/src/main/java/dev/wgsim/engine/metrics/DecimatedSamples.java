package dev.wgsim.engine.metrics;

/**
 * A deterministic, count-uniform subsample of a (time, value) series for plotting: it keeps every
 * {@code stride}-th sample, and when full it drops every other kept sample and doubles the
 * stride. The result holds at most {@code capacity} samples, evenly spaced by arrival count, and
 * depends only on the sequence recorded. The arrays are made at the first sample and grow on
 * demand up to the capacity, so a hub with thousands of quiet flows does not pay for 20,000 slots
 * per flow (nor any slot for a flow kind that records nothing, such as a ping flow's one-way).
 */
public final class DecimatedSamples {

    /** The per-flow limit of latency.csv. */
    public static final int DEFAULT_CAPACITY = 20_000;

    private final int capacity;
    private static final int INITIAL_LENGTH = 8;

    private static final long[] NONE = new long[0];

    private long[] times = NONE;
    private long[] values = NONE;
    private int size;
    private long stride = 1;
    private long seen;

    public DecimatedSamples() {
        this(DEFAULT_CAPACITY);
    }

    public DecimatedSamples(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2, was " + capacity);
        }
        this.capacity = capacity;
    }

    public void record(long timeNanos, long value) {
        long index = seen++;
        if (index % stride != 0) {
            return;
        }
        if (size == capacity) {
            int kept = (capacity + 1) / 2; // positions 0, 2, 4...: the multiples of the new stride
            for (int i = 0; i < kept; i++) {
                times[i] = times[2 * i];
                values[i] = values[2 * i];
            }
            size = kept;
            stride *= 2;
            if (index % stride != 0) {
                return;
            }
        }
        if (size == times.length) {
            int length = (int) Math.min(capacity, Math.max(INITIAL_LENGTH, 2L * times.length));
            times = java.util.Arrays.copyOf(times, length);
            values = java.util.Arrays.copyOf(values, length);
        }
        times[size] = timeNanos;
        values[size] = value;
        size++;
    }

    /** Samples kept. */
    public int size() {
        return size;
    }

    /** Samples offered to {@link #record}. */
    public long seen() {
        return seen;
    }

    public long timeAt(int i) {
        check(i);
        return times[i];
    }

    public long valueAt(int i) {
        check(i);
        return values[i];
    }

    /** True while every sample offered is kept (nothing decimated yet). */
    public boolean complete() {
        return seen == size;
    }

    /** A copy of the kept values, in arrival order. */
    public long[] values() {
        return java.util.Arrays.copyOf(values, size);
    }

    private void check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size);
        }
    }
}
