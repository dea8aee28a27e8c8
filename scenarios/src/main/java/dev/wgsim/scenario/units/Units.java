package dev.wgsim.scenario.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantities with units into exact integers: durations to nanoseconds, rates to bits per
 * second, sizes to bytes. Errors are {@link IllegalArgumentException}s whose message is
 * {@code reason|fix}, which the YAML layer turns into a located scenario error.
 */
public final class Units {
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-zA-Zµ/]+)");
    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-zA-Zµ/]*)");

    private static final Map<String, Long> DURATION_NANOS = Map.ofEntries(
            Map.entry("ns", 1L), Map.entry("us", 1_000L), Map.entry("µs", 1_000L),
            Map.entry("ms", 1_000_000L), Map.entry("s", 1_000_000_000L),
            Map.entry("m", 60_000_000_000L), Map.entry("min", 60_000_000_000L),
            Map.entry("h", 3_600_000_000_000L), Map.entry("d", 86_400_000_000_000L));

    private static final Map<String, Long> RATE_BPS = Map.ofEntries(
            Map.entry("bit/s", 1L), Map.entry("bps", 1L), Map.entry("bit", 1L),
            Map.entry("kbit/s", 1_000L), Map.entry("kbps", 1_000L), Map.entry("kbit", 1_000L),
            Map.entry("mbit/s", 1_000_000L), Map.entry("mbps", 1_000_000L), Map.entry("mbit", 1_000_000L),
            Map.entry("gbit/s", 1_000_000_000L), Map.entry("gbps", 1_000_000_000L), Map.entry("gbit", 1_000_000_000L));

    private static final Map<String, Long> BYTE_RATE = Map.of(
            "b/s", 8L, "kb/s", 8_000L, "mb/s", 8_000_000L, "gb/s", 8_000_000_000L);

    private static final Map<String, Long> SIZE_BYTES = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L), Map.entry("bytes", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30));

    private Units() {
    }

    /**
     * A duration such as {@code 250ms}, {@code 1.5s}, {@code 2m}, {@code 1h30m}, {@code 90us},
     * {@code 100ns}, in nanoseconds. A bare number is rejected: its unit would be a guess.
     */
    public static long parseDuration(String text) {
        String s = text.trim().replace(" ", "");
        if (BARE_NUMBER.matcher(s).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no unit|Add a unit, e.g. " + s + "s or " + s + "ms.");
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("duration '" + text + "' is negative|Write a positive duration such as 250ms.");
        }
        Matcher m = PART.matcher(s);
        int pos = 0;
        BigDecimal total = BigDecimal.ZERO;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw badDuration(text);
            }
            Long unit = DURATION_NANOS.get(m.group(2));
            if (unit == null) {
                throw new IllegalArgumentException("unknown time unit '" + m.group(2) + "' in '" + text
                        + "'|Use ns, us, ms, s, m, h or d, e.g. 250ms or 2m.");
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        if (pos == 0) {
            throw badDuration(text);
        }
        return exact(total, text, "nanosecond");
    }

    private static IllegalArgumentException badDuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration|Write a number and a unit, e.g. 250ms, 1.5s, 2m or 1h.");
    }

    /** A rate such as {@code 10Mbit/s}, {@code 5mbps} (megabits), {@code 1Gbit}, {@code 2MB/s}, in bits per second. */
    public static long parseRate(String text) {
        Matcher m = QUANTITY.matcher(text.trim().replace(" ", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a rate|Write a number and a unit, e.g. 10Mbit/s or 1Gbit.");
        }
        String unitText = m.group(2);
        if (unitText.isEmpty()) {
            throw new IllegalArgumentException("rate '" + text + "' has no unit|Add a unit, e.g. " + m.group(1) + "Mbit/s.");
        }
        // Bytes are told from bits by case: "MB/s" is bytes, "Mbit/s", "Mb/s" and "mbps" are bits.
        String lower = unitText.toLowerCase(Locale.ROOT);
        Long unit;
        if (unitText.matches("[kKmMgG]?B/s")) {
            unit = BYTE_RATE.get(lower);
        } else {
            unit = RATE_BPS.get(lower.endsWith("b/s") ? lower.substring(0, lower.length() - 3) + "bit/s" : lower);
        }
        if (unit == null) {
            throw new IllegalArgumentException("unknown rate unit '" + unitText + "' in '" + text
                    + "'|Use bit/s, kbit/s, Mbit/s, Gbit/s (or kbps, mbps, gbps; B/s, MB/s for bytes).");
        }
        long v = exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), text, "bit per second");
        if (v <= 0) {
            throw new IllegalArgumentException("rate must be positive|Write a rate greater than zero, e.g. 10Mbit/s.");
        }
        return v;
    }

    /** A size such as {@code 1420B}, {@code 64KiB}, {@code 1MB} or a bare byte count, in bytes. */
    public static long parseSize(String text) {
        Matcher m = QUANTITY.matcher(text.trim().replace(" ", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size|Write a number of bytes, e.g. 1420B or 64KiB.");
        }
        Long unit = SIZE_BYTES.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + text
                    + "'|Use B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024).");
        }
        long v = exact(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)), text, "byte");
        if (v <= 0) {
            throw new IllegalArgumentException("size must be positive|Write a size greater than zero, e.g. 1420B.");
        }
        return v;
    }

    private static long exact(BigDecimal value, String text, String unitName) {
        try {
            return value.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of " + unitName + "s or is too large|"
                    + "Use a smaller unit or fewer decimals.");
        }
    }

    /** Formats nanoseconds the way a user would write them ({@code 1m30s}, {@code 250ms}). */
    public static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String[] names = {"h", "m", "s", "ms", "us", "ns"};
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        StringBuilder sb = new StringBuilder();
        long rest = nanos;
        for (int i = 0; i < sizes.length; i++) {
            if (rest >= sizes[i]) {
                sb.append(rest / sizes[i]).append(names[i]);
                rest %= sizes[i];
            }
        }
        return sb.toString();
    }
}
