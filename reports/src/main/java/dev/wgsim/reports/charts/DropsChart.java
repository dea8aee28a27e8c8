package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.DropRow;
import dev.wgsim.reports.results.ResultsFolder;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.xy.CategoryTableXYDataset;

/** Drops per bin, stacked by reason: network reasons in cool colours, WireGuard's in warm ones. */
public final class DropsChart {
    /** Fixed colours for the reasons the contract names, so a reason looks the same in every report. */
    private static final Map<String, Color> KNOWN = Map.ofEntries(
            Map.entry("loss", new Color(0x4C72B0)),
            Map.entry("queue_full", new Color(0x64B5CD)),
            Map.entry("mtu", new Color(0x8172B2)),
            Map.entry("link_down", new Color(0x2F4B7C)),
            Map.entry("nat_filtered", new Color(0x55A868)),
            Map.entry("no_route", new Color(0x8C8C8C)),
            Map.entry("port_unreachable", new Color(0xB5B5B5)),
            Map.entry("wg.replay", new Color(0xC44E52)),
            Map.entry("wg.bad_mac", new Color(0xDD8452)),
            Map.entry("wg.allowed_ips", new Color(0xE6AB02)),
            Map.entry("wg.no_session", new Color(0x937860)),
            Map.entry("wg.unknown_index", new Color(0xDA8BC3)),
            Map.entry("wg.malformed", new Color(0x8B0000)),
            Map.entry("wg.expired_keypair", new Color(0xFF7F0E)));

    private DropsChart() {}

    /** Drops per chart bin by reason (network reasons first, then WireGuard's, each alphabetical; rare ones pooled). */
    public record Data(Binning binning, Map<String, double[]> countsByReason) {}

    public static Data data(ResultsFolder r, ChartOptions o) {
        Binning b = Binning.choose(r.binSeconds(), o.timeBinNanos(), r.durationSeconds());
        Map<String, double[]> byReason = new TreeMap<>((x, y) -> {
            boolean wx = x.startsWith("wg.");
            boolean wy = y.startsWith("wg.");
            return wx != wy ? Boolean.compare(wx, wy) : x.compareTo(y);
        });
        Map<String, Double> weights = new TreeMap<>();
        for (DropRow d : r.drops()) {
            byReason.computeIfAbsent(d.reason(), k -> new double[b.count()])[b.indexOf(d.timeSeconds())] += d.count();
            weights.merge(d.reason(), (double) d.count(), Double::sum);
        }
        LargestSeries sel = LargestSeries.of(weights, o.maxSeries());
        Map<String, double[]> out = new LinkedHashMap<>();
        double[] others = new double[b.count()];
        byReason.forEach((reason, v) -> {
            if (sel.shown().contains(reason)) {
                out.put(reason, v);
            } else {
                for (int i = 0; i < v.length; i++) {
                    others[i] += v[i];
                }
            }
        });
        if (sel.aggregated()) {
            out.put(sel.othersLabel(), others);
        }
        return new Data(b, out);
    }

    public static Color colour(String reason, Palette fallback) {
        Color c = KNOWN.get(reason);
        return c != null ? c : fallback.of(reason);
    }

    public static Figure build(ResultsFolder r, ChartOptions o, Palette reasons) {
        Data d = data(r, o);
        TimeScale ts = TimeScale.forDuration(r.durationSeconds());
        CategoryTableXYDataset ds = new CategoryTableXYDataset();
        List<String> names = new ArrayList<>(d.countsByReason().keySet());
        double w = d.binning().seconds();
        for (String reason : names) {
            double[] v = d.countsByReason().get(reason);
            for (int i = 0; i < v.length; i++) {
                ds.add(ts.toUnits((i + 0.5) * w), v[i], reason, false);
            }
        }
        ds.setIntervalWidth(ts.toUnits(w));
        StackedXYBarRenderer rend = new StackedXYBarRenderer(0.08);
        rend.setBarPainter(new StandardXYBarPainter());
        rend.setShadowVisible(false);
        rend.setDrawBarOutline(false);
        for (int i = 0; i < names.size(); i++) {
            rend.setSeriesPaint(i, colour(names.get(i), reasons));
        }
        NumberAxis x = new NumberAxis(ts.axisLabel());
        x.setRange(0, ts.toUnits(r.durationSeconds()));
        NumberAxis y = new NumberAxis("Drops (packets per " + d.binning().label() + ")");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(ds, x, y, rend);
        EventMarkers.addTo(plot, r, ts);
        JFreeChart chart = new JFreeChart("Drops by reason", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "stacked by reason; WireGuard reasons are prefixed wg. (warm colours), network reasons bare (cool colours)");
        return new Figure("drops", "Dropped packets per bin, stacked by reason.", chart, 1, ts.secondsPerUnit());
    }
}
