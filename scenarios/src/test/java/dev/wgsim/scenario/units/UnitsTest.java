package dev.wgsim.scenario.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({
        "250ms, 250000000", "2m, 120000000000", "1h, 3600000000000", "1.5s, 1500000000", "90us, 90000",
        "100ns, 100", "1h30m, 5400000000000", "0s, 0", "0.25ms, 250000", "2 min, 120000000000", "1d, 86400000000000"})
    void durations(String text, long nanos) {
        assertEquals(nanos, Units.parseDuration(text));
    }

    @Test
    void durationErrorsSayHowToFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("300")).getMessage()
                .contains("|Add a unit, e.g. 300s"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("-1s")).getMessage()
                .contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("5 fortnights")).getMessage()
                .contains("unknown time unit 'fortnights'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("1.5ns")).getMessage()
                .contains("not a whole number of nanoseconds"));
    }

    @ParameterizedTest
    @CsvSource({
        "10Mbit/s, 10000000", "5mbps, 5000000", "1Gbit, 1000000000", "64kbit/s, 64000", "2MB/s, 16000000",
        "1.5Mbit/s, 1500000", "100bit/s, 100", "10Mb/s, 10000000"})
    void rates(String text, long bps) {
        assertEquals(bps, Units.parseRate(text));
    }

    @Test
    void rateNeedsAUnitAndMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("10"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("0Mbit/s"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseRate("10 furlongs"));
    }

    @ParameterizedTest
    @CsvSource({"1420B, 1420", "64KiB, 65536", "1MB, 1000000", "1MiB, 1048576", "1500, 1500", "2GiB, 2147483648"})
    void sizes(String text, long bytes) {
        assertEquals(bytes, Units.parseSize(text));
    }

    @Test
    void formatsDurationsBackReadably() {
        assertEquals("1m30s", Units.formatDuration(90_000_000_000L));
        assertEquals("250ms", Units.formatDuration(250_000_000L));
        assertEquals(90_000_000_000L, Units.parseDuration(Units.formatDuration(90_000_000_000L)));
    }
}
