package dev.wgsim.reports.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wgsim.reports.ChartOptions;
import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.results.SummaryReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** A summary metric across several runs, grouped by parameter value, with 95% Student-t intervals. */
public final class Sweep {
    public static final double CONFIDENCE = 0.95;

    private Sweep() {}

    /** Reads each run's summary.json and groups the metric's values by parameter (ascending). */
    public static List<SweepPoint> compute(List<SweepRun> runs, String metricPath) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one results folder");
        }
        Map<Double, List<Double>> byParam = new TreeMap<>();
        for (SweepRun run : runs) {
            JsonNode s = SummaryReader.readTree(run.resultsDir().resolve("summary.json"));
            double v;
            try {
                v = SummaryMetric.value(s, metricPath);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(run.resultsDir() + ": " + e.getMessage(), e);
            }
            byParam.computeIfAbsent(run.parameter(), k -> new ArrayList<>()).add(v);
        }
        List<SweepPoint> out = new ArrayList<>();
        byParam.forEach((p, values) -> out.add(point(p, values)));
        return out;
    }

    /** Mean, standard deviation and two-sided 95% Student-t interval of {@code values} (in the order given). */
    public static SweepPoint point(double parameter, List<Double> values) {
        SummaryStatistics st = new SummaryStatistics();
        values.forEach(st::addValue);
        int n = values.size();
        double mean = st.getMean();
        if (n < 2) {
            return new SweepPoint(parameter, n, mean, 0, mean, mean);
        }
        double sd = st.getStandardDeviation();
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new SweepPoint(parameter, n, mean, sd, mean - half, mean + half);
    }

    /**
     * Computes and writes {@code sweep-<metric>.png} and {@code .svg} into {@code outDir}.
     *
     * @param parameterLabel axis label of the parameter, with its unit (e.g. "Loss rate (%)")
     */
    public static Figure render(List<SweepRun> runs, String metricPath, String parameterLabel, Path outDir,
                                ChartOptions options) {
        List<SweepPoint> points = compute(runs, metricPath);
        Figure f = SweepChart.build(points, metricPath, parameterLabel);
        ChartWriter.writePng(f, options.width(), options.height(), options.pngScale(), outDir.resolve(f.stem() + ".png"));
        ChartWriter.writeSvg(f, options.width(), options.height(), outDir.resolve(f.stem() + ".svg"));
        return f;
    }
}
