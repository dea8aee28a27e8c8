package dev.wgsim.reports.charts;

/** The unit of a virtual-time axis, chosen from the run's length so tick labels stay short. */
public record TimeScale(double secondsPerUnit, String unit) {

    public static TimeScale forDuration(double seconds) {
        if (seconds > 4 * 3600) {
            return new TimeScale(3600, "h");
        }
        if (seconds > 30 * 60) {
            return new TimeScale(60, "min");
        }
        return new TimeScale(1, "s");
    }

    public double toUnits(double seconds) {
        return seconds / secondsPerUnit;
    }

    public String axisLabel() {
        return "Virtual time (" + unit + ")";
    }
}
