package dev.wgsim.reports.charts;

/**
 * The chart bin: a whole multiple of the results' bin (so re-binning only sums whole bins and
 * preserves totals), either as asked or chosen to keep about 300 bins or fewer.
 */
public record Binning(double sourceSeconds, int factor, double durationSeconds) {
    private static final int TARGET_BINS = 300;
    private static final int[] NICE = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600};

    public static Binning choose(double sourceSeconds, long requestedNanos, double durationSeconds) {
        if (requestedNanos > 0) {
            double asked = requestedNanos / 1e9;
            int k = (int) Math.max(1, Math.ceil(asked / sourceSeconds - 1e-9));
            return new Binning(sourceSeconds, k, durationSeconds);
        }
        for (int k : NICE) {
            if (durationSeconds / (sourceSeconds * k) <= TARGET_BINS) {
                return new Binning(sourceSeconds, k, durationSeconds);
            }
        }
        int k = (int) Math.ceil(durationSeconds / sourceSeconds / TARGET_BINS);
        return new Binning(sourceSeconds, k, durationSeconds);
    }

    public double seconds() {
        return sourceSeconds * factor;
    }

    /** Number of chart bins covering [0, duration) (at least one). */
    public int count() {
        return Math.max(1, (int) Math.ceil(durationSeconds / seconds() - 1e-9));
    }

    /** The chart bin holding a source row whose bin starts at {@code timeSeconds}; rows past the end go to the last bin. */
    public int indexOf(double timeSeconds) {
        int i = (int) Math.floor(timeSeconds / seconds() + 1e-9);
        return Math.max(0, Math.min(count() - 1, i));
    }

    /** "5 s", "2 min": for axis labels such as "drops per 5 s". */
    public String label() {
        double s = seconds();
        if (s >= 60 && s % 60 == 0) {
            return fmt(s / 60) + " min";
        }
        return s >= 1 ? fmt(s) + " s" : fmt(s * 1000) + " ms";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
