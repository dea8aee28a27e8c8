package dev.wgsim.scenario.expect;

import java.util.Locale;

/** How virtual times appear in expectation messages: seconds with microseconds, always the same width of fraction. */
final class TimeText {
    private TimeText() {
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6fs", nanos / 1e9);
    }

    /** A signed difference such as {@code +4.970000s} or {@code -0.002000s}. */
    static String delta(long nanos) {
        return (nanos >= 0 ? "+" : "-") + seconds(Math.abs(nanos));
    }
}
