package dev.wgsim.reports.charts;

import java.util.EnumSet;
import java.util.Set;

/**
 * What to render and how big.
 *
 * @param charts which charts to draw (a chart whose data is absent, e.g. NAT without NATs, is skipped)
 * @param timeBinNanos bin width of time-series charts; 0 picks one so a chart has at most about
 *     300 bins; otherwise rounded up to a multiple of the results' own bin
 * @param width logical width in points (fonts are sized for this)
 * @param height logical height in points
 * @param pngScale pixels per point in PNGs (2 gives 1800x1000 px for the defaults: 300 dpi at 6 in wide)
 * @param maxSeries above this many flows/NATs/reasons, charts show the total, the top ones and "others"
 * @param maxLanes most handshake-timeline lanes (node, peer pairs) drawn; the busiest are kept
 */
public record ChartOptions(Set<ChartKind> charts, long timeBinNanos, int width, int height, double pngScale,
                           int maxSeries, int maxLanes) {

    public ChartOptions {
        charts = charts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(charts));
        if (timeBinNanos < 0) {
            throw new IllegalArgumentException("timeBinNanos must be >= 0 (0 = automatic): " + timeBinNanos);
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart size too small: " + width + "x" + height);
        }
        if (!(pngScale > 0 && pngScale <= 8)) {
            throw new IllegalArgumentException("pngScale must be in (0, 8]: " + pngScale);
        }
        if (maxSeries < 3) {
            throw new IllegalArgumentException("maxSeries must be >= 3: " + maxSeries);
        }
        if (maxLanes < 1) {
            throw new IllegalArgumentException("maxLanes must be >= 1: " + maxLanes);
        }
    }

    /** Every chart, automatic bin, 900x500 pt at 2x, at most 12 series and 24 lanes. */
    public static ChartOptions defaults() {
        return new ChartOptions(EnumSet.allOf(ChartKind.class), 0, 900, 500, 2.0, 12, 24);
    }

    public ChartOptions withCharts(Set<ChartKind> kinds) {
        return new ChartOptions(kinds, timeBinNanos, width, height, pngScale, maxSeries, maxLanes);
    }

    public ChartOptions withTimeBinNanos(long nanos) {
        return new ChartOptions(charts, nanos, width, height, pngScale, maxSeries, maxLanes);
    }

    public ChartOptions withSize(int w, int h, double scale) {
        return new ChartOptions(charts, timeBinNanos, w, h, scale, maxSeries, maxLanes);
    }

    public boolean wants(ChartKind kind) {
        return charts.contains(kind);
    }
}
