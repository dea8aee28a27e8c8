package dev.wgsim.engine.metrics;

/**
 * Fixed-width time bins over virtual time: bin {@code k} covers
 * {@code [origin + k*binNanos, origin + (k+1)*binNanos)}.
 *
 * @param originNanos the virtual time of bin 0's start (the simulation start)
 * @param binNanos the bin width, > 0
 */
public record TimeBins(long originNanos, long binNanos) {

    /** One second, the default bin width of the results folder. */
    public static final long DEFAULT_BIN_NANOS = 1_000_000_000L;

    public TimeBins {
        if (binNanos <= 0) {
            throw new IllegalArgumentException("binNanos must be > 0, was " + binNanos);
        }
        if (originNanos < 0) {
            throw new IllegalArgumentException("originNanos must be >= 0, was " + originNanos);
        }
    }

    /** The bin holding {@code timeNanos}. */
    public int bin(long timeNanos) {
        if (timeNanos < originNanos) {
            throw new IllegalArgumentException("time " + timeNanos + " is before the origin " + originNanos);
        }
        long k = (timeNanos - originNanos) / binNanos;
        if (k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("time " + timeNanos + " is too many bins past the origin");
        }
        return (int) k;
    }

    /** Start of bin {@code k}, in nanoseconds since the origin. */
    public long binStartSinceOrigin(int k) {
        return k * binNanos;
    }

    /** The number of bins needed to cover {@code [origin, endNanos)} (at least 0). */
    public int binsUntil(long endNanos) {
        if (endNanos <= originNanos) {
            return 0;
        }
        long span = endNanos - originNanos;
        long k = span / binNanos + (span % binNanos == 0 ? 0 : 1);
        return (int) Math.min(k, Integer.MAX_VALUE - 8);
    }
}
