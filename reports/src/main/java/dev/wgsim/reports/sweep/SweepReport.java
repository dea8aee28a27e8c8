package dev.wgsim.reports.sweep;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.ChartStyle;
import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.Palette;
import dev.wgsim.reports.html.HtmlEscape;
import dev.wgsim.reports.output.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A sweep folder's charts and report.html: for each chosen metric, its mean against the first
 * parameter with 95% confidence intervals as error bars, one line per value of the other
 * parameters; with exactly two parameters also a heat map of the mean. Reads only the folder.
 */
public final class SweepReport {
    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?)\\s*([A-Za-z%/]*)\\s*");
    static final int DEFAULT_METRICS = 8;

    private SweepReport() {}

    /** The metrics charted when none are named: every flow's delivery ratio and throughput, up to 8. */
    static List<String> defaultMetrics(List<String> available) {
        List<String> out = new ArrayList<>();
        for (String suffix : List.of(".delivery_ratio", ".throughput_bps")) {
            available.stream().filter(m -> m.startsWith("flows.") && m.endsWith(suffix)).forEach(out::add);
        }
        if (out.isEmpty()) {
            available.stream().filter(m -> m.startsWith("wireguard.")).forEach(out::add);
        }
        return out.subList(0, Math.min(DEFAULT_METRICS, out.size()));
    }

    /** Renders charts/ and report.html into the sweep folder {@code dir}; returns the figures' stems. */
    public static List<String> render(Path dir, List<String> metrics, ChartOptions o) {
        SweepTables.Manifest m = SweepTables.manifest(dir);
        List<SweepTables.RunRow> rows = SweepTables.runs(dir, m);
        List<String> available = SweepTables.metrics(rows);
        List<String> chosen = metrics.isEmpty() ? defaultMetrics(available) : metrics;
        for (String metric : chosen) {
            if (!available.contains(metric)) {
                throw new IllegalArgumentException("metric '" + metric + "' is not in the sweep's runs; "
                        + "runs.csv's columns are the metrics (e.g. " + String.join(", ", defaultMetrics(available)) + ")");
            }
        }
        List<SweepTables.Aggregate> aggs = SweepTables.aggregates(m, rows);
        List<Figure> figures = new ArrayList<>();
        for (String metric : chosen) {
            List<SweepTables.Aggregate> mine = aggs.stream().filter(a -> a.metric().equals(metric)).toList();
            figures.add(lines(m, metric, mine));
            if (m.parameters().size() == 2) {
                figures.add(heatMap(m, metric, mine));
            }
        }
        List<dev.wgsim.reports.charts.TailnetCharts.Samples> direct =
                dev.wgsim.reports.charts.TailnetCharts.timeToDirect(dev.wgsim.reports.charts.TailnetCharts.runSummaries(dir),
                        s -> pointLabel(m, s.path("run").path("run_id").asLong(-1)));
        if (dev.wgsim.reports.charts.TailnetCharts.appliesTimeToDirect(direct)) {
            figures.add(dev.wgsim.reports.charts.TailnetCharts.timeToDirectFigure(direct, rows.size()));
        }
        Path charts = dir.resolve("charts");
        List<String> stems = new ArrayList<>();
        StringBuilder figs = new StringBuilder();
        for (Figure f : figures) {
            ChartWriter.writePng(f, o.width(), o.height(), o.pngScale(), charts.resolve(f.stem() + ".png"));
            ChartWriter.writeSvg(f, o.width(), o.height(), charts.resolve(f.stem() + ".svg"));
            stems.add(f.stem());
            figs.append("<figure><img src=\"charts/").append(HtmlEscape.escape(f.stem())).append(".png\" width=\"").append(o.width())
                    .append("\" alt=\"").append(HtmlEscape.escape(f.caption())).append("\"><figcaption>").append(HtmlEscape.escape(f.caption()))
                    .append(" <a href=\"charts/").append(HtmlEscape.escape(f.stem())).append(".svg\">SVG</a></figcaption></figure>\n");
        }
        AtomicFiles.write(dir.resolve("report.html"), html(m, rows.size(), chosen, aggs, figs.toString())
                .getBytes(StandardCharsets.UTF_8));
        return stems;
    }

    /** A run's sweep point as "path=value, ..." (empty for a sweep of one point: nothing to tell apart). */
    static String pointLabel(SweepTables.Manifest m, long runId) {
        int point = runId < 0 ? -1 : (int) (runId / m.replications());
        if (m.points().size() < 2 || point < 0 || point >= m.points().size()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String p : m.parameters()) {
            b.append(b.length() == 0 ? "" : ", ").append(p).append('=').append(m.points().get(point).get(p));
        }
        return b.toString();
    }

    /** Positions of a parameter's values on an axis: the numbers when every value is one (units allowed), else 0, 1, 2... */
    static double[] positions(List<String> values) {
        double[] x = new double[values.size()];
        String unit = null;
        for (int i = 0; i < values.size(); i++) {
            Matcher n = LEADING_NUMBER.matcher(values.get(i));
            if (!n.matches() || unit != null && !unit.equals(n.group(2))) {
                for (int j = 0; j < x.length; j++) {
                    x[j] = j;
                }
                return x;
            }
            unit = n.group(2);
            x[i] = Double.parseDouble(n.group(1));
        }
        return x;
    }

    static boolean numeric(List<String> values) {
        double[] p = positions(values);
        for (int i = 0; i < p.length; i++) {
            Matcher n = LEADING_NUMBER.matcher(values.get(i));
            if (!n.matches() || p[i] != Double.parseDouble(n.group(1))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> distinct(SweepTables.Manifest m, String param) {
        return m.points().stream().map(p -> p.get(param)).distinct().toList();
    }

    private static ValueAxis axis(String label, List<String> values) {
        if (numeric(values)) {
            NumberAxis a = new NumberAxis(label);
            a.setAutoRangeIncludesZero(false);
            return a;
        }
        return new SymbolAxis(label, values.toArray(String[]::new));
    }

    static Figure lines(SweepTables.Manifest m, String metric, List<SweepTables.Aggregate> aggs) {
        String xp = m.parameters().get(0);
        List<String> xs = distinct(m, xp);
        double[] xpos = positions(xs);
        Map<String, YIntervalSeries> series = new LinkedHashMap<>();
        for (SweepTables.Aggregate a : aggs) {
            Map<String, String> point = m.points().get(a.point());
            StringBuilder key = new StringBuilder();
            for (String p : m.parameters().subList(1, m.parameters().size())) {
                key.append(key.length() == 0 ? "" : ", ").append(shortName(p)).append(" = ").append(point.get(p));
            }
            String k = key.length() == 0 ? "mean ± 95% CI" : key.toString();
            SweepPoint s = a.stats();
            series.computeIfAbsent(k, YIntervalSeries::new).add(xpos[xs.indexOf(point.get(xp))], s.mean(), s.ciLow(), s.ciHigh());
        }
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        series.values().forEach(ds::addSeries);
        XYErrorRenderer rend = new XYErrorRenderer();
        rend.setDefaultLinesVisible(true);
        rend.setDefaultShapesVisible(true);
        rend.setDrawXError(false);
        rend.setCapLength(8);
        rend.setErrorStroke(new BasicStroke(1.3f));
        Palette colours = new Palette(new ArrayList<>(series.keySet()));
        int i = 0;
        for (String k : series.keySet()) {
            rend.setSeriesPaint(i, colours.of(k));
            rend.setSeriesStroke(i, ChartStyle.LINE);
            rend.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
            i++;
        }
        NumberAxis y = new NumberAxis(metric);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(ds, axis(xp, xs), y, rend);
        JFreeChart chart = new JFreeChart(metric + " vs " + shortName(xp), ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, runsLabel(aggs) + " per point; error bars: 95% confidence interval of the mean (Student t)");
        return new Figure("sweep-" + stem(metric), "Mean of " + metric + " against " + xp
                + (series.size() > 1 ? ", one line per value of the other parameters" : "") + ", with 95% confidence intervals.",
                chart, 1, 1);
    }

    static Figure heatMap(SweepTables.Manifest m, String metric, List<SweepTables.Aggregate> aggs) {
        String xp = m.parameters().get(0);
        String yp = m.parameters().get(1);
        List<String> xs = distinct(m, xp);
        List<String> ys = distinct(m, yp);
        double[][] data = new double[3][aggs.size()];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < aggs.size(); i++) {
            Map<String, String> point = m.points().get(aggs.get(i).point());
            data[0][i] = xs.indexOf(point.get(xp));
            data[1][i] = ys.indexOf(point.get(yp));
            data[2][i] = aggs.get(i).stats().mean();
            lo = Math.min(lo, data[2][i]);
            hi = Math.max(hi, data[2][i]);
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(metric, data);
        LookupPaintScale scale = new LookupPaintScale(lo, hi, Color.WHITE);
        int steps = 64;
        for (int i = 0; i < steps; i++) { // light yellow to dark blue: readable in print and by most colour-blind readers
            double t = i / (double) (steps - 1);
            scale.add(lo + (hi - lo) * i / steps, new Color(mix(0xFF, 0x08, t), mix(0xF7, 0x30, t), mix(0xBC, 0x6B, t)));
        }
        XYBlockRenderer rend = new XYBlockRenderer();
        rend.setPaintScale(scale);
        XYPlot plot = new XYPlot(ds, new SymbolAxis(xp, xs.toArray(String[]::new)), new SymbolAxis(yp, ys.toArray(String[]::new)), rend);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("mean " + metric, ChartStyle.TITLE, plot, false);
        NumberAxis legendAxis = new NumberAxis(metric);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 8, 4, 4));
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        ChartStyle.apply(chart, "mean over " + runsLabel(aggs) + " per cell");
        return new Figure("sweep-heatmap-" + stem(metric), "Heat map of the mean of " + metric + " over " + xp + " and " + yp + ".",
                chart, 1, 1);
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    private static String runsLabel(List<SweepTables.Aggregate> aggs) {
        int min = aggs.stream().mapToInt(a -> a.stats().runs()).min().orElse(0);
        int max = aggs.stream().mapToInt(a -> a.stats().runs()).max().orElse(0);
        return min == max ? min + " run" + (min == 1 ? "" : "s") : min + "–" + max + " runs";
    }

    static String shortName(String path) {
        return path.length() <= 40 ? path : "…" + path.substring(path.length() - 39);
    }

    static String stem(String metric) {
        return metric.replaceAll("[^A-Za-z0-9_.-]", "_").toLowerCase(Locale.ROOT);
    }

    private static String html(SweepTables.Manifest m, int runs, List<String> metrics, List<SweepTables.Aggregate> aggs, String figs) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlEscape.escape(m.scenario())).append(" sweep · wgsim report</title>\n<style>body{font-family:'DejaVu Sans',"
                        + "sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse;font-size:13px}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f3f3f3}"
                        + "td.l,th.l{text-align:left}figure{margin:1.5em 0}img{max-width:100%}</style></head><body>\n");
        b.append("<h1>Sweep of ").append(HtmlEscape.escape(m.scenario())).append("</h1>\n<p>").append(m.points().size())
                .append(" points × ").append(m.replications()).append(" replications = ").append(m.runCount()).append(" runs (")
                .append(runs).append(" finished); master seed ").append(m.masterSeed())
                .append(". Tables: <a href=\"runs.csv\">runs.csv</a> (one row per run), <a href=\"aggregates.csv\">aggregates.csv</a>"
                        + " (mean, standard deviation and 95% Student-t interval per point). Each run's folder is under runs/.</p>\n");
        b.append("<h2>Parameters</h2>\n<ul>\n");
        for (String p : m.parameters()) {
            b.append("<li><code>").append(HtmlEscape.escape(p)).append("</code>: ")
                    .append(HtmlEscape.escape(String.join(", ", distinct(m, p)))).append("</li>\n");
        }
        b.append("</ul>\n<h2>Charts</h2>\n").append(figs);
        for (String metric : metrics) {
            b.append("<h3>").append(HtmlEscape.escape(metric)).append("</h3>\n<table><tr>");
            m.parameters().forEach(p -> b.append("<th class=\"l\">").append(HtmlEscape.escape(shortName(p))).append("</th>"));
            b.append("<th>runs</th><th>mean</th><th>sd</th><th>95% CI</th></tr>\n");
            for (SweepTables.Aggregate a : aggs) {
                if (!a.metric().equals(metric)) {
                    continue;
                }
                b.append("<tr>");
                m.parameters().forEach(p -> b.append("<td class=\"l\">").append(HtmlEscape.escape(m.points().get(a.point()).get(p)))
                        .append("</td>"));
                SweepPoint s = a.stats();
                b.append("<td>").append(s.runs()).append("</td><td>").append(fmt(s.mean())).append("</td><td>").append(fmt(s.stdDev()))
                        .append("</td><td>").append(fmt(s.ciLow())).append(" … ").append(fmt(s.ciHigh())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
