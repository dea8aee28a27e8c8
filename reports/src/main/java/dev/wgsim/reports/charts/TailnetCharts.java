package dev.wgsim.reports.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.SummaryReader;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A tailnet run's traffic charts, from summary.json's {@code tailnet} block only: the share of each
 * device pair's bytes that went through DERP, the load of each relay region over time, and, over a
 * sweep's replications, the distribution of each pair's time to a direct path.
 */
public final class TailnetCharts {
    static final Color DIRECT = TailnetMatrixChart.DIRECT;
    static final Color RELAYED = TailnetMatrixChart.RELAYED;
    /** Pairs shown in one chart (the ones with most bytes; the rest are left out and the subtitle says so). */
    static final int MAX_PAIRS = 40;

    private TailnetCharts() {}

    // ------------------------------------------------------------------ bytes relayed

    /** One directed pair's bytes: sent straight over UDP, and through DERP. */
    public record Share(String node, String peer, long bytesDirect, long bytesRelayed) {
        public long total() {
            return bytesDirect + bytesRelayed;
        }

        /** Relayed bytes as a percentage of all the pair's bytes (0 for a pair that sent none). */
        public double relayedPercent() {
            return total() == 0 ? 0 : 100.0 * bytesRelayed / total();
        }

        String label() {
            return node + " → " + peer;
        }
    }

    /** The pairs of summary.json's tailnet.pairs that sent any bytes, most bytes first (ties in file order). */
    public static List<Share> shares(ResultsFolder r) {
        List<Share> out = new ArrayList<>();
        for (JsonNode p : tailnet(r).path("pairs")) {
            Share s = new Share(p.path("node").asText(), p.path("peer").asText(), p.path("bytes_direct").asLong(),
                    p.path("bytes_relayed").asLong());
            if (s.total() > 0) {
                out.add(s);
            }
        }
        out.sort((a, b) -> Long.compare(b.total(), a.total()));
        return out;
    }

    public static boolean appliesShares(ResultsFolder r) {
        return !shares(r).isEmpty();
    }

    /** Horizontal stacked bars: per pair, the percentage of its bytes sent direct and through DERP. */
    public static Figure relayedShare(ResultsFolder r) {
        List<Share> all = shares(r);
        List<Share> shown = all.subList(0, Math.min(MAX_PAIRS, all.size()));
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        for (Share s : shown) {
            ds.addValue(100 - s.relayedPercent(), "direct", s.label());
            ds.addValue(s.relayedPercent(), "relayed (DERP)", s.label());
        }
        StackedBarRenderer rend = new StackedBarRenderer();
        rend.setSeriesPaint(0, DIRECT);
        rend.setSeriesPaint(1, RELAYED);
        rend.setShadowVisible(false);
        rend.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        NumberAxis y = new NumberAxis("share of the pair's bytes (%)");
        y.setRange(0, 100);
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("device → peer"), y, rend);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart("Bytes relayed through DERP", ChartStyle.TITLE, plot, true);
        long direct = 0;
        long relayed = 0;
        for (Share s : all) {
            direct += s.bytesDirect();
            relayed += s.bytesRelayed();
        }
        String overall = String.format(java.util.Locale.ROOT, "all pairs: %.1f%% of %s relayed", direct + relayed == 0 ? 0.0
                : 100.0 * relayed / (direct + relayed), bytes(direct + relayed));
        ChartStyle.apply(chart, overall + (all.size() > shown.size() ? "; the " + shown.size() + " pairs with most bytes of "
                + all.size() : ""));
        return new Figure("tailnet-relayed", "Share of each device pair's WireGuard bytes that went through DERP.", chart, 1, 1);
    }

    // ------------------------------------------------------------------ relay load

    /** Payload bytes each DERP region forwarded per bin. */
    public record Load(double binSeconds, Map<String, long[]> bytes) {}

    /** summary.json's tailnet.relay_load, or null when the run has none. */
    public static Load load(ResultsFolder r) {
        JsonNode l = tailnet(r).path("relay_load");
        if (!l.isObject() || l.path("bin_s").asDouble() <= 0) {
            return null;
        }
        Map<String, long[]> bytes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = l.path("bytes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long[] b = new long[e.getValue().size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = e.getValue().get(i).asLong();
            }
            bytes.put(e.getKey(), b);
        }
        return bytes.isEmpty() ? null : new Load(l.path("bin_s").asDouble(), bytes);
    }

    /** Each region's forwarded payload in bit/s per bin over virtual time. */
    public static Figure relayLoad(ResultsFolder r, Palette regions) {
        Load load = load(r);
        XYSeriesCollection ds = new XYSeriesCollection();
        for (Map.Entry<String, long[]> e : load.bytes().entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, false);
            long[] b = e.getValue();
            for (int i = 0; i < b.length; i++) {
                s.add(i * load.binSeconds(), b[i] * 8 / load.binSeconds());
            }
            s.add(b.length * load.binSeconds(), b.length == 0 ? 0 : b[b.length - 1] * 8 / load.binSeconds());
            ds.addSeries(s);
        }
        XYStepRenderer rend = new XYStepRenderer();
        int i = 0;
        for (String region : load.bytes().keySet()) {
            rend.setSeriesPaint(i, regions.of(region));
            rend.setSeriesStroke(i++, ChartStyle.LINE);
        }
        NumberAxis x = new NumberAxis("virtual time (s)");
        NumberAxis y = new NumberAxis("forwarded (bit/s)");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(ds, x, y, rend);
        JFreeChart chart = new JFreeChart("DERP relay load per region", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "WireGuard and disco payload each region's server handed to a destination, per "
                + NumberLabels.sig3(load.binSeconds()) + " s" + " bin");
        return new Figure("tailnet-relay-load", "Load of each DERP region over time (payload forwarded).", chart, 1, 1);
    }

    // ------------------------------------------------------------------ time to direct, over replications

    /**
     * One directed pair's time to a direct path in each run (of one sweep point, {@code series}) that
     * went direct, and how many runs never did.
     */
    public record Samples(String series, String pair, List<Double> seconds, int never) {
        public Samples {
            seconds = List.copyOf(seconds);
        }

        public Samples(String pair, List<Double> seconds, int never) {
            this("", pair, seconds, never);
        }
    }

    /**
     * Per directed pair (in order of first appearance), {@code time_to_direct_s} over the given runs'
     * summaries: a run where the pair talked but never went direct counts in {@code never}.
     */
    public static List<Samples> timeToDirect(List<JsonNode> summaries) {
        return timeToDirect(summaries, s -> "");
    }

    /**
     * As {@link #timeToDirect(List)}, one sample set per pair and {@code series} label of a run (a
     * sweep point's parameter values), in order of first appearance.
     */
    public static List<Samples> timeToDirect(List<JsonNode> summaries, java.util.function.Function<JsonNode, String> series) {
        Map<List<String>, List<Double>> values = new LinkedHashMap<>();
        Map<List<String>, Integer> never = new LinkedHashMap<>();
        for (JsonNode s : summaries) {
            String label = series.apply(s);
            for (JsonNode p : s.path("tailnet").path("pairs")) {
                List<String> key = List.of(label, p.path("node").asText() + " → " + p.path("peer").asText());
                List<Double> v = values.computeIfAbsent(key, k -> new ArrayList<>());
                never.putIfAbsent(key, 0);
                JsonNode t = p.path("time_to_direct_s");
                if (t.isNumber()) {
                    v.add(t.asDouble());
                } else {
                    never.merge(key, 1, Integer::sum);
                }
            }
        }
        List<Samples> out = new ArrayList<>();
        values.forEach((key, v) -> out.add(new Samples(key.get(0), key.get(1), v, never.get(key))));
        return out;
    }

    /** The summaries of a sweep folder's finished runs ({@code runs/run-*}/summary.json), by run directory name. */
    public static List<JsonNode> runSummaries(Path sweepDir) {
        List<JsonNode> out = new ArrayList<>();
        Path runs = sweepDir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (var ds = Files.newDirectoryStream(runs, "run-*")) {
            List<Path> dirs = new ArrayList<>();
            ds.forEach(dirs::add);
            dirs.sort(null);
            for (Path d : dirs) {
                Path s = d.resolve("summary.json");
                if (Files.isRegularFile(s)) {
                    out.add(SummaryReader.readTree(s));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Whether any pair went direct in any of the runs (the box plot has something to show). */
    public static boolean appliesTimeToDirect(List<Samples> samples) {
        return samples.stream().anyMatch(s -> !s.seconds().isEmpty());
    }

    /**
     * Box and whiskers per pair: median, quartiles, whiskers at 1.5 IQR, mean marked, over the runs
     * where the pair went direct; the label says in how many runs it never did.
     */
    public static Figure timeToDirectFigure(List<Samples> samples, int runs) {
        DefaultBoxAndWhiskerCategoryDataset ds = new DefaultBoxAndWhiskerCategoryDataset();
        // Per pair over all series: runs that went direct / runs the pair talked in.
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> seriesNames = new ArrayList<>();
        for (Samples s : samples) {
            int[] c = counts.computeIfAbsent(s.pair(), k -> new int[2]);
            c[0] += s.seconds().size();
            c[1] += s.seconds().size() + s.never();
            if (!seriesNames.contains(s.series())) {
                seriesNames.add(s.series());
            }
        }
        List<String> pairs = new ArrayList<>();
        int relayedOnly = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] == 0) {
                relayedOnly++;
            } else if (pairs.size() < MAX_PAIRS) {
                pairs.add(e.getKey());
            }
        }
        int shown = (int) counts.values().stream().filter(c -> c[0] > 0).count();
        for (Samples s : samples) {
            if (!s.seconds().isEmpty() && pairs.contains(s.pair())) {
                int[] c = counts.get(s.pair());
                ds.add(s.seconds(), s.series().isEmpty() ? "time to direct" : s.series(),
                        s.pair() + " (" + c[0] + "/" + c[1] + " runs)");
            }
        }
        BoxAndWhiskerRenderer rend = new BoxAndWhiskerRenderer();
        Palette colors = new Palette(seriesNames);
        for (int i = 0; i < seriesNames.size(); i++) {
            rend.setSeriesPaint(i, seriesNames.size() == 1 ? DIRECT : colors.of(seriesNames.get(i)));
        }
        rend.setMeanVisible(true);
        rend.setMaxOutlierVisible(true);
        rend.setMinOutlierVisible(true);
        NumberAxis y = new NumberAxis("time to direct path (s)");
        y.setAutoRangeIncludesZero(true);
        CategoryPlot plot = new CategoryPlot(ds, new CategoryAxis("device → peer (runs that went direct / runs it talked)"), y, rend);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart("Time to a direct path over " + runs + " runs", ChartStyle.TITLE, plot,
                seriesNames.size() > 1);
        ChartStyle.apply(chart, "from the pair's first WireGuard datagram to its first direct path; box = quartiles, line ="
                + " median, circle = mean" + (relayedOnly > 0 ? "; " + relayedOnly + " pairs never went direct" : "")
                + (shown > MAX_PAIRS ? "; first " + MAX_PAIRS + " of " + shown + " pairs" : ""));
        return new Figure("tailnet-time-to-direct", "Time to a direct path per device pair, distribution over the sweep's runs.",
                chart, 1, 1);
    }

    /** Bytes as B, KiB, MiB... with three significant digits. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return (i == 0 ? String.valueOf(n) : NumberLabels.sig3(v)) + " " + units[i];
    }

    private static JsonNode tailnet(ResultsFolder r) {
        Path summary = r.dir().resolve("summary.json");
        return Files.isRegularFile(summary) ? SummaryReader.readTree(summary).path("tailnet")
                : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
