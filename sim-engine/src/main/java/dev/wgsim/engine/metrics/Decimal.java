package dev.wgsim.engine.metrics;

import java.math.BigDecimal;

/** Locale-free, exact number formatting for the CSV files. */
final class Decimal {

    private Decimal() {
    }

    /** {@code value / 10^scale} as an exact decimal with at least one fraction digit, e.g. 1.5, 2.0, -0.000123. */
    static String scaled(long value, int scale) {
        String plain = BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /** Nanoseconds as seconds. */
    static String seconds(long nanos) {
        return scaled(nanos, 9);
    }

    /** Nanoseconds as milliseconds. */
    static String millis(long nanos) {
        return scaled(nanos, 6);
    }

    /** A double in its shortest round-trip form, without exponent; NaN and infinities as empty. */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
