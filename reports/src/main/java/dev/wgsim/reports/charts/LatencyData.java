package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.LatencyKind;
import dev.wgsim.reports.results.LatencySeries;
import dev.wgsim.reports.results.LatencyStats;
import dev.wgsim.reports.results.ResultsFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency series grouped for plotting: per flow when few, else the flows with the worst p99 and a
 * pooled "others". Percentiles come from latency-summary.csv (the full histogram) when it has the
 * flow, else from the samples (nearest rank).
 */
public final class LatencyData {
    private LatencyData() {}

    /** One plotted group: its samples (time order kept), the same sorted, and its percentiles in ms. */
    public record Group(String name, LatencyKind kind, double[] timeSeconds, double[] millis, double[] sortedMillis,
                        double p50, double p90, double p99, double max, long count) {

        public String label() {
            return name + (kind == LatencyKind.RTT ? " RTT" : "");
        }
    }

    public static List<Group> groups(ResultsFolder r, int maxSeries) {
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        for (LatencyStats s : r.latencyStats()) {
            stats.put(s.flow() + '\u0000' + s.kind(), s);
        }
        List<Group> out = new ArrayList<>();
        for (LatencyKind kind : LatencyKind.values()) {
            Map<String, LatencySeries> byFlow = new LinkedHashMap<>();
            Map<String, Double> weights = new LinkedHashMap<>();
            for (LatencySeries s : r.latency()) {
                if (s.kind() == kind && s.size() > 0) {
                    byFlow.put(s.flow(), s);
                    // The worst flows get their own series: ranked by p99 (of the full histogram when known).
                    LatencyStats st = stats.get(s.flow() + '\u0000' + kind);
                    weights.put(s.flow(), st != null ? st.p99Ms() : samplesP99(s));
                }
            }
            if (byFlow.isEmpty()) {
                continue;
            }
            LargestSeries sel = LargestSeries.of(weights, maxSeries);
            for (String f : sel.shown()) {
                LatencySeries s = byFlow.get(f);
                LatencyStats st = stats.get(f + '\u0000' + kind);
                double[] t = new double[s.size()];
                double[] v = new double[s.size()];
                for (int i = 0; i < s.size(); i++) {
                    t[i] = s.timeSeconds(i);
                    v[i] = s.millis(i);
                }
                out.add(st != null
                        ? new Group(f, kind, t, v, sorted(v), st.p50Ms(), st.p90Ms(), st.p99Ms(), st.maxMs(), st.count())
                        : fromSamples(f, kind, t, v));
            }
            if (sel.aggregated()) {
                int n = sel.pooled().stream().mapToInt(f -> byFlow.get(f).size()).sum();
                double[] t = new double[n];
                double[] v = new double[n];
                int k = 0;
                for (String f : sel.pooled()) {
                    LatencySeries s = byFlow.get(f);
                    for (int i = 0; i < s.size(); i++, k++) {
                        t[k] = s.timeSeconds(i);
                        v[k] = s.millis(i);
                    }
                }
                out.add(fromSamples(sel.othersLabel(), kind, t, v));
            }
        }
        return out;
    }

    private static double samplesP99(LatencySeries s) {
        double[] v = new double[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.millis(i);
        }
        Arrays.sort(v);
        return v[Math.max(0, Math.min(v.length - 1, (int) Math.ceil(0.99 * v.length) - 1))];
    }

    static Group fromSamples(String name, LatencyKind kind, double[] t, double[] v) {
        double[] s = sorted(v);
        return new Group(name, kind, t, v, s, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99), s[s.length - 1], s.length);
    }

    private static double[] sorted(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    /** Nearest-rank percentile of sorted samples. */
    public static double rank(double[] sorted, double q) {
        int r = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, r - 1))];
    }
}
