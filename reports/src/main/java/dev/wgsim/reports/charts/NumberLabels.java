package dev.wgsim.reports.charts;

import java.util.Locale;

/** Number formatting for labels: three significant digits, Locale.ROOT. */
public final class NumberLabels {
    private NumberLabels() {}

    public static String sig3(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A duration in ms shown with the unit that reads best (µs, ms, s). */
    public static String millis(double ms) {
        if (ms >= 1000) {
            return sig3(ms / 1000) + " s";
        }
        if (ms < 1) {
            return sig3(ms * 1000) + " µs";
        }
        return sig3(ms) + " ms";
    }
}
