package dev.wgsim.reports.charts;

import dev.wgsim.reports.ChartOptions;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.ThroughputSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Goodput of inner packets delivered, per flow, over virtual time, with event markers. */
public final class ThroughputChart {
    private ThroughputChart() {}

    /** Per-flow goodput in bit/s per chart bin, every bin from 0 to the end (absent rows are zero). */
    public record Data(Binning binning, Map<String, double[]> bpsByName, TopN selection) {}

    public static Data data(ResultsFolder r, ChartOptions o) {
        Binning b = Binning.choose(r.binSeconds(), o.timeBinNanos(), r.durationSeconds());
        Map<String, double[]> bytes = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (ThroughputSeries s : r.throughput()) {
            double[] bins = bytes.computeIfAbsent(s.flow(), f -> new double[b.count()]);
            for (int i = 0; i < s.size(); i++) {
                bins[b.indexOf(s.timeSeconds(i))] += s.deliveredBytes(i);
            }
            weights.merge(s.flow(), (double) s.totalBytes(), Double::sum);
        }
        TopN sel = TopN.of(weights, o.maxSeries());
        Map<String, double[]> out = new LinkedHashMap<>();
        if (sel.aggregated()) {
            out.put(Palette.TOTAL_NAME, sum(bytes, weights.keySet(), b.count()));
        }
        for (String f : sel.shown()) {
            out.put(f, bytes.get(f).clone());
        }
        if (sel.aggregated()) {
            out.put(sel.othersLabel(), sum(bytes, sel.pooled(), b.count()));
        }
        double toBps = 8 / b.seconds();
        out.values().forEach(a -> {
            for (int i = 0; i < a.length; i++) {
                a[i] *= toBps;
            }
        });
        return new Data(b, out, sel);
    }

    private static double[] sum(Map<String, double[]> bytes, Iterable<String> names, int n) {
        double[] s = new double[n];
        for (String name : names) {
            double[] a = bytes.get(name);
            for (int i = 0; i < n; i++) {
                s[i] += a[i];
            }
        }
        return s;
    }

    public static Figure build(ResultsFolder r, ChartOptions o, Palette flows) {
        Data d = data(r, o);
        TimeScale ts = TimeScale.forDuration(r.durationSeconds());
        double max = d.bpsByName().values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
        RateUnit unit = RateUnit.forMax(max);
        XYSeriesCollection ds = new XYSeriesCollection();
        List<String> names = new ArrayList<>(d.bpsByName().keySet());
        double w = d.binning().seconds();
        for (String name : names) {
            XYSeries s = new XYSeries(name, false, false);
            double[] v = d.bpsByName().get(name);
            for (int i = 0; i < v.length; i++) {
                // Plotted at the bin's middle: the rate is an average over the bin.
                s.add(ts.toUnits((i + 0.5) * w), v[i] / unit.bitsPerSecond(), false);
            }
            ds.addSeries(s);
        }
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
        rend.setDrawSeriesLineAsPath(true);
        for (int i = 0; i < names.size(); i++) {
            rend.setSeriesPaint(i, flows.of(names.get(i)));
            rend.setSeriesStroke(i, ChartStyle.LINE);
        }
        NumberAxis x = new NumberAxis(ts.axisLabel());
        x.setRange(0, ts.toUnits(r.durationSeconds()));
        NumberAxis y = new NumberAxis("Goodput (" + unit.label() + ")");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(ds, x, y, rend);
        EventMarkers.addTo(plot, r, ts);
        JFreeChart chart = new JFreeChart("Throughput per flow", ChartStyle.TITLE, plot, true);
        String sub = "goodput of inner packets delivered, mean over " + d.binning().label() + " bins"
                + (d.selection().aggregated() ? "; top " + d.selection().shown().size() + " of "
                        + (d.selection().shown().size() + d.selection().pooled().size()) + " flows by bytes" : "");
        ChartStyle.apply(chart, sub);
        return new Figure("throughput", "Goodput per flow over virtual time; vertical lines mark scenario events and rekeys.",
                chart, unit.bitsPerSecond(), ts.secondsPerUnit());
    }
}
