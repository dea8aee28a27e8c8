package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.LatencyKind;
import dev.wgsim.reports.results.ResultsFolder;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Latency over time (decimated scatter, one panel per kind) and the latency CDF per flow. */
public final class LatencyCharts {
    /** Points drawn per scatter panel at most: enough to see the shape, few enough for a light SVG. */
    static final int MAX_SCATTER_POINTS = 2500;
    /** Points per CDF curve at most; the endpoints are always kept. */
    static final int MAX_CDF_POINTS = 400;

    private LatencyCharts() {}

    public static Figure overTime(ResultsFolder r, ChartOptions o, Palette flows) {
        return overTime(r, LatencyData.groups(r, o.maxSeries()), flows);
    }

    /** With groups already computed (they are shared with the CDF). */
    public static Figure overTime(ResultsFolder r, List<LatencyData.Group> groups, Palette flows) {
        TimeScale ts = TimeScale.forDuration(r.durationSeconds());
        NumberAxis x = new NumberAxis(ts.axisLabel());
        x.setRange(0, ts.toUnits(r.durationSeconds()));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        boolean first = true;
        XYPlot last = null;
        for (LatencyKind kind : LatencyKind.values()) {
            List<LatencyData.Group> gs = groups.stream().filter(g -> g.kind() == kind).toList();
            if (gs.isEmpty()) {
                continue;
            }
            long total = gs.stream().mapToLong(g -> g.millis().length).sum();
            int stride = (int) Math.max(1, Math.ceil(total / (double) MAX_SCATTER_POINTS));
            XYSeriesCollection ds = new XYSeriesCollection();
            XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(false, true);
            rend.setDrawOutlines(false);
            for (int s = 0; s < gs.size(); s++) {
                LatencyData.Group g = gs.get(s);
                XYSeries series = new XYSeries(g.name(), false, true);
                for (int i = 0; i < g.millis().length; i += stride) {
                    series.add(ts.toUnits(g.timeSeconds()[i]), g.millis()[i], false);
                }
                ds.addSeries(series);
                Color c = flows.of(g.name());
                rend.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
                // Squares: an SVG <rect> each, a fraction of the bytes of a circle's path.
                rend.setSeriesShape(s, new Rectangle2D.Double(-1.4, -1.4, 2.8, 2.8));
            }
            NumberAxis y = new NumberAxis((kind == LatencyKind.RTT ? "RTT" : "One-way latency") + " (ms)");
            y.setAutoRangeIncludesZero(true);
            XYPlot p = new XYPlot(ds, null, y, rend);
            EventMarkers.addLines(p, r, ts, first);
            combined.add(p, 1);
            first = false;
            last = p;
        }
        if (last != null) {
            EventMarkers.addLegend(last, r);
        }
        JFreeChart chart = new JFreeChart("Latency over time", ChartStyle.TITLE, combined, true);
        ChartStyle.apply(chart, "each dot one delivered packet (decimated to at most " + MAX_SCATTER_POINTS + " per panel)");
        return new Figure("latency-time", "One-way latency and RTT of delivered packets over virtual time.",
                chart, 1, ts.secondsPerUnit());
    }

    public static Figure cdf(ResultsFolder r, ChartOptions o, Palette flows) {
        return cdf(r, LatencyData.groups(r, o.maxSeries()), flows);
    }

    public static Figure cdf(ResultsFolder r, List<LatencyData.Group> groups, Palette flows) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
        rend.setDrawSeriesLineAsPath(true);
        double min = Double.POSITIVE_INFINITY;
        double maxP50 = 0;
        double max = 0;
        for (int s = 0; s < groups.size(); s++) {
            LatencyData.Group g = groups.get(s);
            double[] sorted = g.sortedMillis();
            String key = g.label() + "  p50 " + NumberLabels.millis(g.p50()) + " · p90 " + NumberLabels.millis(g.p90())
                    + " · p99 " + NumberLabels.millis(g.p99()) + " · max " + NumberLabels.millis(g.max());
            ds.addSeries(cdfSeries(key, sorted));
            rend.setSeriesPaint(s, flows.of(g.name()));
            rend.setSeriesStroke(s, g.kind() == LatencyKind.RTT
                    ? new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 3f}, 0f)
                    : ChartStyle.LINE);
            min = Math.min(min, sorted[0]);
            maxP50 = Math.max(maxP50, g.p50());
            max = Math.max(max, sorted[sorted.length - 1]);
        }
        // A log axis when the tail is far from the body; otherwise a linear one reads better.
        ValueAxis x;
        if (min > 0 && max / Math.max(min, 1e-9) > 50) {
            LogAxis log = new LogAxis("Latency (ms, log scale)");
            log.setSmallestValue(min / 2);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
            x = log;
        } else {
            NumberAxis lin = new NumberAxis("Latency (ms)");
            lin.setAutoRangeIncludesZero(true);
            x = lin;
        }
        NumberAxis y = new NumberAxis("Fraction of packets ≤ latency");
        y.setRange(0, 1.02);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        XYPlot plot = new XYPlot(ds, x, y, rend);
        JFreeChart chart = new JFreeChart("Latency CDF per flow", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "solid: one-way, dashed: RTT; percentiles "
                + (r.latencyStats().isEmpty() ? "of the decimated samples" : "from the full histogram"));
        // The lower right of a CDF is empty: the legend goes there instead of shrinking the plot.
        LegendTitle legend = chart.getLegend();
        chart.removeLegend();
        legend.setBackgroundPaint(new Color(255, 255, 255, 230));
        legend.setFrame(new BlockBorder(0.5, 0.5, 0.5, 0.5, ChartStyle.GRID));
        legend.setPosition(org.jfree.chart.ui.RectangleEdge.RIGHT);
        legend.setPadding(new RectangleInsets(4, 6, 4, 6));
        plot.addAnnotation(new XYTitleAnnotation(0.985, 0.03, legend, RectangleAnchor.BOTTOM_RIGHT));
        return new Figure("latency-cdf", "Empirical CDF of latency per flow; the legend gives p50/p90/p99/max.",
                chart, 1, 1);
    }

    /** Step points (x, fraction ≤ x), thinned evenly by rank; first and last sample always kept. */
    static XYSeries cdfSeries(String key, double[] sorted) {
        XYSeries s = new XYSeries(key, true, true);
        int n = sorted.length;
        int step = Math.max(1, n / MAX_CDF_POINTS);
        for (int i = 0; i < n; i += step) {
            s.add(sorted[i], (i + 1) / (double) n, false);
        }
        s.add(sorted[n - 1], 1.0, false);
        return s;
    }
}
