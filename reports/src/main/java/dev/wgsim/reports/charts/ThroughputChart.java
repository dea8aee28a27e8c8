package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.ThroughputSeries;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Goodput of inner packets delivered, per flow, over virtual time, with event markers. */
public final class ThroughputChart {
    private ThroughputChart() {}

    /** Per-flow goodput in bit/s per chart bin, every bin from 0 to the end (absent rows are zero). */
    public record Data(Binning binning, Map<String, double[]> bpsByName, LargestSeries selection) {}

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
        LargestSeries sel = LargestSeries.of(weights, o.maxSeries());
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

    /**
     * Whether the series are flow groups: above 1,000 flows throughput.csv has one series per
     * {@code count:} entry (named as written, the sum of its flows) rather than one per flow.
     */
    static boolean seriesAreGroups(ResultsFolder r) {
        java.util.Set<String> groups = new java.util.HashSet<>();
        java.util.Set<String> flowNames = new java.util.HashSet<>();
        r.flows().forEach(f -> {
            if (!f.group().isEmpty()) {
                groups.add(f.group());
            }
            flowNames.add(f.flow());
        });
        return !r.throughput().isEmpty()
                && r.throughput().stream().allMatch(t -> groups.contains(t.flow()) && !flowNames.contains(t.flow()));
    }

    public static Figure build(ResultsFolder r, ChartOptions o, Palette flows) {
        Data d = data(r, o);
        String unitName = seriesAreGroups(r) ? "flow group" : "flow";
        TimeScale ts = TimeScale.forDuration(r.durationSeconds());
        NumberAxis x = new NumberAxis(ts.axisLabel());
        x.setRange(0, ts.toUnits(r.durationSeconds()));
        double w = d.binning().seconds();
        LargestSeries sel = d.selection();
        XYPlot plot;
        RateUnit unit;
        if (!sel.aggregated()) {
            unit = RateUnit.forMax(max(d.bpsByName().values()));
            plot = new XYPlot(null, x, null, null);
            lines(plot, d.bpsByName(), unit, ts, w, flows, "Goodput");
            EventMarkers.addTo(plot, r, ts);
        } else {
            // Many flows: the total on top; below, the top flows beside the mean of the rest, on a scale they share.
            Map<String, double[]> total = new LinkedHashMap<>();
            total.put(Palette.TOTAL_NAME + " (" + (sel.shown().size() + sel.pooled().size()) + " flows)",
                    d.bpsByName().get(Palette.TOTAL_NAME));
            Map<String, double[]> each = new LinkedHashMap<>();
            for (String f : sel.shown()) {
                each.put(f, d.bpsByName().get(f));
            }
            double[] others = d.bpsByName().get(sel.othersLabel()).clone();
            for (int i = 0; i < others.length; i++) {
                others[i] /= sel.pooled().size();
            }
            each.put(sel.othersLabel() + ", mean per flow", others);
            unit = RateUnit.forMax(max(total.values()));
            RateUnit perFlow = RateUnit.forMax(max(each.values()));
            XYPlot top = new XYPlot(null, null, null, null);
            lines(top, total, unit, ts, w, flows, "Total");
            EventMarkers.addLines(top, r, ts, true);
            XYPlot bottom = new XYPlot(null, null, null, null);
            lines(bottom, each, perFlow, ts, w, flows, "Per flow");
            EventMarkers.addLines(bottom, r, ts, false);
            EventMarkers.addLegend(bottom, r);
            CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
            combined.add(top, 2);
            combined.add(bottom, 3);
            JFreeChart chart = new JFreeChart("Throughput", ChartStyle.TITLE, combined, true);
            ChartStyle.apply(chart, "goodput of inner packets delivered, mean over " + d.binning().label()
                    + " bins; the " + sel.shown().size() + " flows with most bytes of "
                    + (sel.shown().size() + sel.pooled().size()));
            return new Figure("throughput", "Total goodput and the busiest flows over virtual time; vertical lines "
                    + "mark scenario events and rekeys.", chart, unit.bitsPerSecond(), ts.secondsPerUnit());
        }
        JFreeChart chart = new JFreeChart("Throughput per " + unitName, ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "goodput of inner packets delivered, mean over " + d.binning().label() + " bins");
        return new Figure("throughput", "Goodput per flow over virtual time; vertical lines mark scenario events and rekeys.",
                chart, unit.bitsPerSecond(), ts.secondsPerUnit());
    }

    private static double max(java.util.Collection<double[]> series) {
        return series.stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(0);
    }

    /** One line per entry, plotted at bin middles (the rate is an average over the bin). */
    private static void lines(XYPlot plot, Map<String, double[]> byName, RateUnit unit, TimeScale ts, double w,
                              Palette flows, String what) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer rend = new XYLineAndShapeRenderer(true, false);
        rend.setDrawSeriesLineAsPath(true);
        int s = 0;
        for (Map.Entry<String, double[]> e : byName.entrySet()) {
            XYSeries series = new XYSeries(e.getKey(), false, false);
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                series.add(ts.toUnits((i + 0.5) * w), v[i] / unit.bitsPerSecond(), false);
            }
            ds.addSeries(series);
            rend.setSeriesPaint(s, flows.of(e.getKey()));
            rend.setSeriesStroke(s, ChartStyle.LINE);
            s++;
        }
        NumberAxis y = new NumberAxis(what + " (" + unit.label() + ")");
        y.setAutoRangeIncludesZero(true);
        plot.setDataset(ds);
        plot.setRenderer(rend);
        plot.setRangeAxis(y);
    }
}
