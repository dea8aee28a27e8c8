package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.NatRow;
import dev.wgsim.reports.results.ResultsFolder;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * NAT mappings over time: active mappings per NAT (a level, last value in each bin) above, and
 * mappings created, expired and refreshed per bin over all NATs below.
 */
public final class NatChart {
    static final Color CREATED = new Color(0x009E73);
    static final Color EXPIRED = new Color(0xD55E00);
    static final Color REFRESHED = new Color(0x999999);

    private NatChart() {}

    /** Active mappings by NAT (or total/top/others) and created/expired/refreshed sums per chart bin. */
    public record Data(Binning binning, Map<String, double[]> activeByNat, double[] created, double[] expired,
                       double[] refreshed) {}

    public static boolean applies(ResultsFolder r) {
        return !r.nat().isEmpty();
    }

    public static Data data(ResultsFolder r, ChartOptions o) {
        Binning b = Binning.choose(r.binSeconds(), o.timeBinNanos(), r.durationSeconds());
        int n = b.count();
        Map<String, double[]> active = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        double[] created = new double[n];
        double[] expired = new double[n];
        double[] refreshed = new double[n];
        boolean hasRefreshed = false;
        for (NatRow row : r.nat()) {
            int i = b.indexOf(row.timeSeconds());
            double[] a = active.computeIfAbsent(row.nat(), k -> filled(n, Double.NaN));
            a[i] = row.activeMappings();
            weights.merge(row.nat(), (double) row.created(), Double::sum);
            created[i] += row.created();
            expired[i] += row.expired();
            if (row.refreshed() >= 0) {
                refreshed[i] += row.refreshed();
                hasRefreshed = true;
            }
        }
        // A level carries over bins the NAT reported nothing in.
        for (double[] a : active.values()) {
            double last = 0;
            for (int i = 0; i < n; i++) {
                a[i] = Double.isNaN(a[i]) ? last : a[i];
                last = a[i];
            }
        }
        LargestSeries sel = LargestSeries.of(weights, o.maxSeries());
        Map<String, double[]> out = new LinkedHashMap<>();
        if (sel.aggregated()) {
            out.put(Palette.TOTAL_NAME, sum(active, weights.keySet(), n));
        }
        for (String s : sel.shown()) {
            out.put(s, active.get(s));
        }
        if (sel.aggregated()) {
            out.put(sel.othersLabel(), sum(active, sel.pooled(), n));
        }
        return new Data(b, out, created, expired, hasRefreshed ? refreshed : null);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double[] sum(Map<String, double[]> m, Iterable<String> names, int n) {
        double[] s = new double[n];
        for (String k : names) {
            double[] a = m.get(k);
            for (int i = 0; i < n; i++) {
                s[i] += a[i];
            }
        }
        return s;
    }

    public static Figure build(ResultsFolder r, ChartOptions o, Palette nats) {
        Data d = data(r, o);
        TimeScale ts = TimeScale.forDuration(r.durationSeconds());
        double w = d.binning().seconds();
        NumberAxis x = new NumberAxis(ts.axisLabel());
        x.setRange(0, ts.toUnits(r.durationSeconds()));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);

        XYSeriesCollection levels = new XYSeriesCollection();
        XYLineAndShapeRenderer step = new XYLineAndShapeRenderer(true, false);
        step.setDrawSeriesLineAsPath(true);
        List<String> names = new ArrayList<>(d.activeByNat().keySet());
        for (int s = 0; s < names.size(); s++) {
            XYSeries series = new XYSeries(names.get(s), false, true);
            double[] v = d.activeByNat().get(names.get(s));
            // Drawn as explicit steps so the series is one SVG path rather than a segment per bin.
            for (int i = 0; i < v.length; i++) {
                if (i > 0) {
                    series.add(ts.toUnits(i * w), v[i - 1], false);
                }
                series.add(ts.toUnits(i * w), v[i], false);
            }
            series.add(ts.toUnits(v.length * w), v[v.length - 1], false);
            levels.addSeries(series);
            step.setSeriesPaint(s, nats.of(names.get(s)));
            step.setSeriesStroke(s, ChartStyle.LINE);
        }
        NumberAxis y1 = new NumberAxis("Active mappings");
        y1.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot top = new XYPlot(levels, null, y1, step);
        EventMarkers.addLines(top, r, ts, true);
        combined.add(top, 3);

        XYSeriesCollection changes = new XYSeriesCollection();
        changes.addSeries(perBin("created", d.created(), ts, w, 1));
        changes.addSeries(perBin("expired", d.expired(), ts, w, -1));
        XYBarRenderer bars = new XYBarRenderer(0.1);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setSeriesPaint(0, CREATED);
        bars.setSeriesPaint(1, EXPIRED);
        changes.setIntervalWidth(ts.toUnits(w));
        NumberAxis y2 = new NumberAxis("Mappings per " + d.binning().label());
        y2.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot bottom = new XYPlot(changes, null, y2, bars);
        if (d.refreshed() != null) {
            XYSeriesCollection ref = new XYSeriesCollection(perBin("refreshed", d.refreshed(), ts, w, 1));
            XYLineAndShapeRenderer rs = new XYLineAndShapeRenderer(true, false);
            rs.setDrawSeriesLineAsPath(true);
            rs.setSeriesPaint(0, REFRESHED);
            rs.setSeriesStroke(0, new java.awt.BasicStroke(1f));
            NumberAxis y3 = new NumberAxis("Refreshed per " + d.binning().label());
            bottom.setDataset(1, ref);
            bottom.setRenderer(1, rs);
            bottom.setRangeAxis(1, y3);
            bottom.mapDatasetToRangeAxis(1, 1);
        }
        EventMarkers.addLines(bottom, r, ts, false);
        EventMarkers.addLegend(bottom, r);
        combined.add(bottom, 2);

        JFreeChart chart = new JFreeChart("NAT mappings", ChartStyle.TITLE, combined, true);
        ChartStyle.apply(chart, "active mappings per NAT; created (up) and expired (down) per bin over all NATs");
        return new Figure("nat", "NAT mappings over virtual time: active per NAT, created/expired/refreshed per bin.",
                chart, 1, ts.secondsPerUnit());
    }

    private static XYSeries perBin(String name, double[] v, TimeScale ts, double w, double sign) {
        XYSeries s = new XYSeries(name, false, false);
        for (int i = 0; i < v.length; i++) {
            s.add(ts.toUnits((i + 0.5) * w), sign * v[i], false);
        }
        return s;
    }
}
