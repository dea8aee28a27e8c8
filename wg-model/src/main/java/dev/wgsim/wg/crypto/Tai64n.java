package dev.wgsim.wg.crypto;

/** TAI64N handshake timestamps from a wall-clock epoch plus virtual time (never a clock read). */
public final class Tai64n {
    public static final int LENGTH = 12;
    private static final long BASE = 0x400000000000000AL;
    private static final long NANOS = 1_000_000_000L;
    /** Both implementations hide the low 24 bits of the nanoseconds (~16.8 ms granularity). */
    private static final int WHITENER_MASK = ~((1 << 24) - 1);

    private Tai64n() {}

    /**
     * The timestamp at virtual time {@code virtualNanos} of a run whose virtual zero was the wall
     * instant {@code wallEpochUnixNanos} (nanoseconds since 1970-01-01 UTC).
     */
    public static byte[] stamp(long wallEpochUnixNanos, long virtualNanos) {
        // Seconds and nanoseconds are added apart: the sum of two long nanosecond counts may not fit
        // a long (it passes 2262), while TAI64 seconds reach far beyond any date either can name.
        long nanos = Math.floorMod(wallEpochUnixNanos, NANOS) + Math.floorMod(virtualNanos, NANOS);
        long seconds = Math.floorDiv(wallEpochUnixNanos, NANOS) + Math.floorDiv(virtualNanos, NANOS) + nanos / NANOS;
        return encode(seconds, (int) (nanos % NANOS));
    }

    /** Encodes seconds and nanoseconds, nanoseconds rounded down to a multiple of 2^24. */
    public static byte[] encode(long unixSeconds, int nanos) {
        byte[] out = new byte[LENGTH];
        long secs = BASE + unixSeconds;
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (secs >>> (56 - 8 * i));
        }
        int n = nanos & WHITENER_MASK;
        for (int i = 0; i < 4; i++) {
            out[8 + i] = (byte) (n >>> (24 - 8 * i));
        }
        return out;
    }

    /** Unsigned big-endian comparison, as both implementations order timestamps. */
    public static boolean after(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) > 0;
    }
}
