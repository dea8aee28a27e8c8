package dev.wgsim.reports.compare;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.ChartStyle;
import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.Palette;
import dev.wgsim.reports.html.HtmlEscape;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.results.LatencyKind;
import dev.wgsim.reports.results.LatencySeries;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.SummaryReader;
import dev.wgsim.reports.results.ThroughputSeries;
import dev.wgsim.reports.results.WgEvent;
import dev.wgsim.reports.sweep.SweepTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Two or more results folders compared: {@code compare.csv} (one row per summary figure, one
 * column per run), overlaid charts of total goodput over time, the latency CDF and completed
 * handshakes over time, and {@code report.html}. Reads only the folders.
 */
public final class Compare {
    static final int CDF_POINTS = 2000;

    private Compare() {}

    /** One compared run: its label (the folder's name, made unique) and its figures. */
    public record Column(String label, Map<String, Double> figures) {}

    /** The side-by-side table: every figure any run has, in order of first appearance, one column per run. */
    public record Table(List<String> rows, List<Column> columns) {
        public String cell(String row, int column) {
            Double v = columns.get(column).figures().get(row);
            return v == null ? "" : number(v);
        }
    }

    /** Labels: each folder's name, or parent/name where names repeat. */
    public static List<String> labels(List<Path> dirs) {
        List<String> names = dirs.stream().map(d -> d.toAbsolutePath().normalize().getFileName().toString()).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            String n = names.get(i);
            Path abs = dirs.get(i).toAbsolutePath().normalize();
            boolean repeated = names.stream().filter(n::equals).count() > 1;
            String label = repeated && abs.getParent() != null && abs.getParent().getFileName() != null
                    ? abs.getParent().getFileName() + "/" + n : n;
            while (out.contains(label)) {
                label = label + "'";
            }
            out.add(label);
        }
        return out;
    }

    public static Table table(List<Path> dirs) {
        List<String> labels = labels(dirs);
        List<Column> cols = new ArrayList<>();
        Set<String> rows = new LinkedHashSet<>();
        for (int i = 0; i < dirs.size(); i++) {
            Map<String, Double> f = SweepTables.flatten(SummaryReader.readTree(dirs.get(i).resolve("summary.json")));
            rows.addAll(f.keySet());
            cols.add(new Column(labels.get(i), f));
        }
        return new Table(new ArrayList<>(rows), cols);
    }

    /** Writes compare.csv, charts/ and report.html into {@code out}; returns the table. */
    public static Table render(List<Path> dirs, Path out, ChartOptions o) {
        if (dirs.size() < 2) {
            throw new IllegalArgumentException("compare needs two or more results folders");
        }
        Table t = table(dirs);
        StringBuilder csv = new StringBuilder("figure");
        t.columns().forEach(c -> csv.append(',').append(csvCell(c.label())));
        csv.append('\n');
        for (String row : t.rows()) {
            csv.append(row);
            for (int i = 0; i < t.columns().size(); i++) {
                csv.append(',').append(t.cell(row, i));
            }
            csv.append('\n');
        }
        AtomicFiles.write(out.resolve("compare.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));

        List<ResultsFolder> folders = dirs.stream().map(ResultsFolder::read).toList();
        List<String> labels = t.columns().stream().map(Column::label).toList();
        Palette colours = new Palette(labels);
        List<Figure> figures = List.of(throughput(folders, labels, colours), latencyCdf(folders, labels, colours),
                handshakes(folders, labels, colours));
        StringBuilder figs = new StringBuilder();
        for (Figure f : figures) {
            ChartWriter.writePng(f, o.width(), o.height(), o.pngScale(), out.resolve("charts/" + f.stem() + ".png"));
            ChartWriter.writeSvg(f, o.width(), o.height(), out.resolve("charts/" + f.stem() + ".svg"));
            figs.append("<figure><img src=\"charts/").append(f.stem()).append(".png\" width=\"").append(o.width()).append("\" alt=\"")
                    .append(HtmlEscape.escape(f.caption())).append("\"><figcaption>").append(HtmlEscape.escape(f.caption())).append("</figcaption></figure>\n");
        }
        AtomicFiles.write(out.resolve("report.html"), html(t, figs.toString()).getBytes(StandardCharsets.UTF_8));
        return t;
    }

    static Figure throughput(List<ResultsFolder> folders, List<String> labels, Palette colours) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < folders.size(); i++) {
            ResultsFolder r = folders.get(i);
            TreeMap<Double, Long> bytes = new TreeMap<>();
            for (ThroughputSeries s : r.throughput()) {
                for (int k = 0; k < s.size(); k++) {
                    bytes.merge(s.timeSeconds(k), s.deliveredBytes(k), Long::sum);
                }
            }
            XYSeries xs = new XYSeries(labels.get(i), true, false);
            double bin = r.binSeconds();
            bytes.forEach((t, b) -> xs.add(t.doubleValue(), b * 8 / bin / 1e6));
            ds.addSeries(xs);
        }
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
        style(rend, labels, colours);
        XYPlot plot = new XYPlot(ds, axis("Virtual time (s)"), axis("Goodput, all flows (Mbit/s)"), rend);
        return figure("compare-throughput", "Goodput over time", plot,
                "Total goodput of every flow per metrics bin, one line per run.");
    }

    static Figure latencyCdf(List<ResultsFolder> folders, List<String> labels, Palette colours) {
        XYSeriesCollection ds = new XYSeriesCollection();
        String kindShown = "one-way latency";
        for (int i = 0; i < folders.size(); i++) {
            ResultsFolder r = folders.get(i);
            LatencyKind kind = r.latency().stream().anyMatch(s -> s.kind() == LatencyKind.ONE_WAY && s.size() > 0)
                    ? LatencyKind.ONE_WAY : LatencyKind.RTT;
            if (kind == LatencyKind.RTT) {
                kindShown = "latency (one-way, or RTT where a run has only pings)";
            }
            List<Double> all = new ArrayList<>();
            for (LatencySeries s : r.latency()) {
                if (s.kind() == kind) {
                    for (double v : s.sortedMillis()) {
                        all.add(v);
                    }
                }
            }
            double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            XYSeries xs = new XYSeries(labels.get(i) + (kind == LatencyKind.RTT ? " (RTT)" : ""), true, true);
            int n = sorted.length;
            int step = Math.max(1, n / CDF_POINTS);
            for (int k = 0; k < n; k += step) {
                xs.add(sorted[k], (k + 1) / (double) n);
            }
            if (n > 0) {
                xs.add(sorted[n - 1], 1.0);
            }
            ds.addSeries(xs);
        }
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
        style(rend, labels, colours);
        NumberAxis y = axis("Fraction of packets");
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(ds, axis("Latency (ms)"), y, rend);
        return figure("compare-latency-cdf", "Latency CDF", plot, "Distribution of " + kindShown + " over every flow, one line per run.");
    }

    static Figure handshakes(List<ResultsFolder> folders, List<String> labels, Palette colours) {
        XYSeriesCollection ds = new XYSeriesCollection();
        for (int i = 0; i < folders.size(); i++) {
            XYSeries xs = new XYSeries(labels.get(i), true, true);
            xs.add(0, 0);
            int count = 0;
            for (WgEvent e : folders.get(i).wgEvents()) {
                if (e.kind() == WgEvent.Kind.HANDSHAKE_COMPLETED) {
                    xs.add(e.timeNanos() / 1e9, ++count);
                }
            }
            xs.add(folders.get(i).summary().scenario().durationNanos() / 1e9, count);
            ds.addSeries(xs);
        }
        XYStepRenderer rend = new XYStepRenderer();
        style(rend, labels, colours);
        XYPlot plot = new XYPlot(ds, axis("Virtual time (s)"), axis("Handshakes completed (cumulative)"), rend);
        return figure("compare-handshakes", "Handshakes over time", plot,
                "Completed handshakes (both sides) counted over time, one line per run.");
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        return a;
    }

    private static void style(XYLineAndShapeRenderer r, List<String> labels, Palette colours) {
        for (int i = 0; i < labels.size(); i++) {
            r.setSeriesPaint(i, colours.of(labels.get(i)));
            r.setSeriesStroke(i, ChartStyle.LINE);
        }
    }

    private static Figure figure(String stem, String title, XYPlot plot, String caption) {
        JFreeChart chart = new JFreeChart(title, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, caption);
        return new Figure(stem, caption, chart, 1, 1);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String html(Table t, String figs) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>wgsim compare</title>\n"
                + "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
                + "th{background:#f3f3f3}td.l{text-align:left}tr.diff td{background:#fff6d5}img{max-width:100%}</style></head><body>\n");
        b.append("<h1>Comparison of ").append(t.columns().size()).append(" runs</h1>\n");
        b.append("<p>Figures from each run's summary.json (all of them in <a href=\"compare.csv\">compare.csv</a>);"
                + " rows where the runs differ are highlighted.</p>\n");
        b.append(figs).append("<table><tr><th>figure</th>");
        t.columns().forEach(c -> b.append("<th>").append(HtmlEscape.escape(c.label())).append("</th>"));
        b.append("</tr>\n");
        for (String row : t.rows()) {
            Set<String> distinct = new LinkedHashSet<>();
            for (int i = 0; i < t.columns().size(); i++) {
                distinct.add(t.cell(row, i));
            }
            b.append(distinct.size() > 1 ? "<tr class=\"diff\">" : "<tr>").append("<td class=\"l\">").append(HtmlEscape.escape(row)).append("</td>");
            for (int i = 0; i < t.columns().size(); i++) {
                b.append("<td>").append(t.cell(row, i)).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    /** The rows of a table worth printing first: per-flow delivery, goodput and latency, then WireGuard and drops. */
    public static List<String> headline(Table t) {
        Map<Integer, List<String>> ranked = new TreeMap<>();
        for (String r : t.rows()) {
            int rank = r.endsWith(".delivery_ratio") ? 0 : r.endsWith(".throughput_bps") ? 1 : r.contains("latency_ns.p50")
                    || r.contains("latency_ns.p99") || r.contains("rtt_ns.p50") ? 2 : r.startsWith("wireguard.") ? 3
                    : r.startsWith("drops.") ? 4 : r.startsWith("expectations.") ? 5 : -1;
            if (rank >= 0) {
                ranked.computeIfAbsent(rank, k -> new ArrayList<>()).add(r);
            }
        }
        List<String> out = new ArrayList<>();
        ranked.values().forEach(out::addAll);
        return out;
    }
}
