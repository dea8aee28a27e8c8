package dev.wgsim.reports.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.results.ResultsFormatException;
import dev.wgsim.reports.results.SummaryReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep folder's tables, computed from its files alone: {@code sweep.json} (the plan) and every
 * finished run's {@code runs/run-NNNN/summary.json}. {@code runs.csv} has one row per run
 * (parameters, seed, every numeric summary figure); {@code aggregates.csv} one row per point and
 * metric (runs, mean, standard deviation, 95% Student-t interval). Rows are in run-id and point
 * order whatever order the runs finished in, so the bytes do not depend on parallelism, sharding
 * or merge order.
 */
public final class SweepTables {
    public static final String MANIFEST = "sweep.json";
    public static final String RUNS_CSV = "runs.csv";
    public static final String AGGREGATES_CSV = "aggregates.csv";
    public static final String RUNS_DIR = "runs";

    private SweepTables() {}

    /** The plan as sweep.json records it. */
    public record Manifest(String scenario, List<String> parameters, List<Map<String, String>> points, int replications,
                           long masterSeed, long runCount) {}

    /** One finished run: its id, point, replication, seed and flattened summary figures. */
    public record RunRow(long id, int point, int replication, long seed, Map<String, Double> metrics) {}

    /** One point's statistics for one metric. */
    public record Aggregate(int point, String metric, SweepPoint stats) {}

    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    public static Manifest manifest(Path dir) {
        JsonNode m = SummaryReader.readTree(dir.resolve(MANIFEST));
        List<String> params = new ArrayList<>();
        m.path("parameters").forEach(p -> params.add(p.path("path").asText()));
        List<Map<String, String>> points = new ArrayList<>();
        for (JsonNode p : m.path("points")) {
            Map<String, String> v = new LinkedHashMap<>();
            for (String k : params) {
                v.put(k, p.path("values").path(k).asText());
            }
            points.add(v);
        }
        if (params.isEmpty() || points.isEmpty()) {
            throw new ResultsFormatException(dir.resolve(MANIFEST), "parameters", "no parameters or points");
        }
        return new Manifest(m.path("scenario").asText(), params, points, m.path("replications").asInt(1),
                m.path("master_seed").asLong(), m.path("run_count").asLong());
    }

    /** Every finished run under {@code dir/runs}, by id. */
    public static List<RunRow> runs(Path dir, Manifest m) {
        List<RunRow> rows = new ArrayList<>();
        Path runs = dir.resolve(RUNS_DIR);
        if (!Files.isDirectory(runs)) {
            return rows;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, "run-*")) {
            for (Path r : ds) {
                Path summary = r.resolve("summary.json");
                if (!Files.isRegularFile(summary)) {
                    continue;
                }
                JsonNode s = SummaryReader.readTree(summary);
                long id = s.path("run").path("run_id").asLong(-1);
                if (id < 0 || id >= m.runCount()) {
                    throw new ResultsFormatException(summary, "run.run_id", id + " is not a run of this sweep");
                }
                rows.add(new RunRow(id, (int) (id / m.replications()), (int) (id % m.replications()),
                        s.path("scenario").path("seed").asLong(), flatten(s)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.sort(Comparator.comparingLong(RunRow::id));
        return rows;
    }

    /**
     * The numeric figures of a summary.json by dotted path :
     * {@code run.events_executed}, {@code flows.<name>.<figure>} (latency and RTT percentiles as
     * {@code flows.<name>.rtt_ns.p50}), {@code wireguard.*}, {@code drops.*}, and
     * {@code expectations.passed} / {@code .failed}.
     */
    public static Map<String, Double> flatten(JsonNode s) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("run.events_executed", s.path("run").path("events_executed").asDouble());
        for (JsonNode f : s.path("flows")) {
            walk("flows." + f.path("name").asText(), f, out);
        }
        walk("wireguard", s.path("wireguard"), out);
        walk("drops", s.path("drops"), out);
        int passed = 0;
        int failed = 0;
        for (JsonNode e : s.path("expectations")) {
            if (e.path("passed").asBoolean()) {
                passed++;
            } else {
                failed++;
            }
        }
        if (passed + failed > 0) {
            out.put("expectations.passed", (double) passed);
            out.put("expectations.failed", (double) failed);
        }
        return out;
    }

    private static void walk(String prefix, JsonNode n, Map<String, Double> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                out.put(prefix + "." + e.getKey(), e.getValue().asDouble());
            } else if (e.getValue().isObject()) {
                walk(prefix + "." + e.getKey(), e.getValue(), out);
            }
        }
    }

    /** Metric columns: every figure any run has, in order of first appearance by run id. */
    public static List<String> metrics(List<RunRow> rows) {
        Set<String> cols = new LinkedHashSet<>();
        rows.forEach(r -> cols.addAll(r.metrics().keySet()));
        return new ArrayList<>(cols);
    }

    /** A figure of a run; a drop reason the run never saw counts 0, any other missing figure is null. */
    static Double value(RunRow r, String metric) {
        Double v = r.metrics().get(metric);
        return v == null && metric.startsWith("drops.") ? Double.valueOf(0) : v;
    }

    public static List<Aggregate> aggregates(Manifest m, List<RunRow> rows) {
        List<String> metrics = metrics(rows);
        Map<Integer, List<RunRow>> byPoint = new java.util.TreeMap<>();
        rows.forEach(r -> byPoint.computeIfAbsent(r.point(), k -> new ArrayList<>()).add(r));
        List<Aggregate> out = new ArrayList<>();
        byPoint.forEach((point, rs) -> out.addAll(aggregatesOfPoint(point, rs, metrics)));
        return out;
    }

    /**
     * One point's aggregates, in the order of {@code metrics} (the sweep's metric columns, see
     * {@link #metrics}): a metric no run of the point has is left out, except a drop reason, which
     * counts 0. {@code rows} are the point's runs in run-id order (the order the sums are taken in,
     * so the last bits of the mean do not depend on who computes it: this class or a Spark task).
     */
    public static List<Aggregate> aggregatesOfPoint(int point, List<RunRow> rows, List<String> metrics) {
        List<Aggregate> out = new ArrayList<>();
        for (String metric : metrics) {
            List<Double> values = new ArrayList<>();
            for (RunRow r : rows) {
                Double v = value(r, metric);
                if (v != null) {
                    values.add(v);
                }
            }
            if (!values.isEmpty()) {
                out.add(new Aggregate(point, metric, Sweep.point(point, values)));
            }
        }
        return out;
    }

    /** Writes runs.csv and aggregates.csv into {@code dir} (atomically each) and returns the aggregates. */
    public static List<Aggregate> write(Path dir) {
        Manifest m = manifest(dir);
        List<RunRow> rows = runs(dir, m);
        List<String> metrics = metrics(rows);
        StringBuilder b = new StringBuilder(runsHeader(m, metrics));
        for (RunRow r : rows) {
            b.append(runsLine(m, metrics, r));
        }
        AtomicFiles.write(dir.resolve(RUNS_CSV), b.toString().getBytes(StandardCharsets.UTF_8));
        List<Aggregate> aggs = aggregates(m, rows);
        AtomicFiles.write(dir.resolve(AGGREGATES_CSV), aggregatesCsv(m, aggs).getBytes(StandardCharsets.UTF_8));
        return aggs;
    }

    /** runs.csv's header line: run_id, point, replication, the parameters, seed, then {@code metrics}. */
    public static String runsHeader(Manifest m, List<String> metrics) {
        List<String> head = new ArrayList<>(List.of("run_id", "point", "replication"));
        head.addAll(m.parameters());
        head.add("seed");
        head.addAll(metrics);
        StringBuilder b = new StringBuilder();
        line(b, head);
        return b.toString();
    }

    /** One run's line of runs.csv (an empty cell for a figure the run does not have). */
    public static String runsLine(Manifest m, List<String> metrics, RunRow r) {
        List<String> cells = new ArrayList<>(List.of(Long.toString(r.id()), Integer.toString(r.point()),
                Integer.toString(r.replication())));
        m.parameters().forEach(p -> cells.add(m.points().get(r.point()).get(p)));
        cells.add(Long.toString(r.seed()));
        for (String metric : metrics) {
            Double v = value(r, metric);
            cells.add(v == null ? "" : number(v));
        }
        StringBuilder b = new StringBuilder();
        line(b, cells);
        return b.toString();
    }

    /** aggregates.csv: point, the parameters, metric, runs, mean, sd, ci95_low, ci95_high; rows as given. */
    public static String aggregatesCsv(Manifest m, List<Aggregate> aggs) {
        StringBuilder a = new StringBuilder();
        List<String> ahead = new ArrayList<>(List.of("point"));
        ahead.addAll(m.parameters());
        ahead.addAll(List.of("metric", "runs", "mean", "sd", "ci95_low", "ci95_high"));
        line(a, ahead);
        for (Aggregate g : aggs) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(g.point())));
            m.parameters().forEach(p -> cells.add(m.points().get(g.point()).get(p)));
            SweepPoint s = g.stats();
            cells.addAll(List.of(g.metric(), Integer.toString(s.runs()), number(s.mean()), number(s.stdDev()), number(s.ciLow()),
                    number(s.ciHigh())));
            line(a, cells);
        }
        return a.toString();
    }

    /** Integers as integers; other values in Java's shortest round-trip form (locale-independent). */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        b.append('\n');
    }
}
