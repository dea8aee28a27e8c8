package dev.wgsim.reports.sweep;

import dev.wgsim.reports.charts.ChartStyle;
import dev.wgsim.reports.charts.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** Mean of a metric against a parameter with 95% confidence intervals as error bars. */
public final class SweepChart {
    private static final Color COLOUR = new Color(0x0072B2);

    private SweepChart() {}

    public static Figure build(List<SweepPoint> points, String metricPath, String parameterLabel) {
        YIntervalSeries s = new YIntervalSeries("mean ± 95% CI (Student t)");
        int minRuns = Integer.MAX_VALUE;
        int maxRuns = 0;
        for (SweepPoint p : points) {
            s.add(p.parameter(), p.mean(), p.ciLow(), p.ciHigh());
            minRuns = Math.min(minRuns, p.runs());
            maxRuns = Math.max(maxRuns, p.runs());
        }
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        ds.addSeries(s);
        XYErrorRenderer rend = new XYErrorRenderer();
        rend.setDefaultLinesVisible(true);
        rend.setDefaultShapesVisible(true);
        rend.setSeriesPaint(0, COLOUR);
        rend.setSeriesStroke(0, ChartStyle.LINE);
        rend.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        rend.setErrorPaint(COLOUR);
        rend.setErrorStroke(new BasicStroke(1.3f));
        rend.setCapLength(8);
        rend.setDrawXError(false);
        NumberAxis x = new NumberAxis(parameterLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(metricPath);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(ds, x, y, rend);
        JFreeChart chart = new JFreeChart(metricPath + " vs " + parameterLabel, ChartStyle.TITLE, plot, true);
        String runs = minRuns == maxRuns ? minRuns + " run" + (minRuns == 1 ? "" : "s") : minRuns + "–" + maxRuns + " runs";
        ChartStyle.apply(chart, runs + " per point; error bars: 95% confidence interval of the mean (Student t)");
        String stem = "sweep-" + metricPath.replaceAll("[^A-Za-z0-9_.-]", "_").toLowerCase(Locale.ROOT);
        return new Figure(stem, "Mean of " + metricPath + " per parameter value with 95% confidence intervals.",
                chart, 1, 1);
    }
}
