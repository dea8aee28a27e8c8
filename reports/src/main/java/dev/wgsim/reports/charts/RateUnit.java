package dev.wgsim.reports.charts;

/** Bit-rate units picked from the largest value plotted, so axes read 12.5 Mbit/s rather than 12500000. */
public record RateUnit(double bitsPerSecond, String label) {

    public static RateUnit forMax(double maxBps) {
        if (maxBps >= 1e9) {
            return new RateUnit(1e9, "Gbit/s");
        }
        if (maxBps >= 1e6) {
            return new RateUnit(1e6, "Mbit/s");
        }
        if (maxBps >= 1e3) {
            return new RateUnit(1e3, "kbit/s");
        }
        return new RateUnit(1, "bit/s");
    }
}
