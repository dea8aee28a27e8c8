package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.FlowRow;
import dev.wgsim.reports.results.ResultsFolder;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The distribution over all flows (metrics/flows.csv), for runs with more flows than the per-flow
 * charts can show one by one: the CDF of each flow's delivery ratio beside the CDF of each flow's
 * p99 round-trip time (or p99 one-way latency when no flow measured RTT). Each curve is drawn from
 * at most {@value LatencyCharts#MAX_CDF_POINTS} points whatever the number of flows.
 */
public final class FlowDistributionChart {
    private FlowDistributionChart() {}

    /** Drawn when flows.csv has more flows than {@code maxSeries}. */
    public static boolean applies(ResultsFolder r, ChartOptions o) {
        return r.flows().size() > o.maxSeries();
    }

    public static Figure build(ResultsFolder r, Palette flows) {
        List<FlowRow> rows = r.flows();
        double[] ratios = rows.stream().mapToDouble(FlowRow::deliveryRatio).filter(d -> !Double.isNaN(d)).sorted().toArray();
        boolean rtt = rows.stream().anyMatch(f -> !Double.isNaN(f.rttP99Ms()));
        double[] p99 = rows.stream().mapToDouble(f -> rtt ? f.rttP99Ms() : f.oneWayP99Ms()).filter(d -> !Double.isNaN(d))
                .sorted().toArray();
        NumberAxis y = new NumberAxis("Fraction of flows ≤ x");
        y.setRange(0, 1.02);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(y);
        combined.setGap(16);
        if (ratios.length > 0) {
            NumberAxis x = new NumberAxis("Delivery ratio per flow");
            x.setRange(Math.max(0, Math.min(ratios[0], 0.9) - 0.02), 1.005);
            combined.add(curve(x, "delivery ratio (" + ratios.length + " flows, median "
                    + String.format(java.util.Locale.ROOT, "%.3f", ratios[rank(ratios.length, 50)]) + ")", ratios, flows));
        }
        if (p99.length > 0) {
            NumberAxis x = new NumberAxis((rtt ? "p99 RTT" : "p99 one-way latency") + " per flow (ms)");
            x.setAutoRangeIncludesZero(false);
            x.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
            if (p99[0] == p99[p99.length - 1]) {
                // Every flow alike: a range around the one value, not an axis of equal tick labels.
                double pad = Math.max(1, p99[0] * 0.1);
                x.setRange(Math.max(0, p99[0] - pad), p99[0] + pad);
            }
            combined.add(curve(x, (rtt ? "p99 RTT" : "p99 latency") + " (median " + NumberLabels.millis(p99[rank(p99.length, 50)])
                    + ", worst " + NumberLabels.millis(p99[p99.length - 1]) + ")", p99, flows));
        }
        JFreeChart chart = new JFreeChart("Distribution over all " + rows.size() + " flows", ChartStyle.TITLE, combined, true);
        ChartStyle.apply(chart, "each flow counted once; from metrics/flows.csv");
        return new Figure("flows-cdf", "CDF over all flows of each flow's delivery ratio and of each flow's p99 "
                + (rtt ? "RTT" : "latency") + " (the per-flow charts show the largest and the worst).", chart, 1, 1);
    }

    private static XYPlot curve(NumberAxis x, String key, double[] sorted, Palette flows) {
        XYSeriesCollection ds = new XYSeriesCollection(LatencyCharts.cdfSeries(key, sorted));
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
        rend.setDrawSeriesLineAsPath(true);
        rend.setSeriesPaint(0, flows.of(Palette.TOTAL_NAME));
        rend.setSeriesStroke(0, ChartStyle.LINE);
        return new XYPlot(ds, x, null, rend);
    }

    private static int rank(int n, double q) {
        return Math.max(0, Math.min(n - 1, (int) Math.ceil(q / 100.0 * n) - 1));
    }
}
