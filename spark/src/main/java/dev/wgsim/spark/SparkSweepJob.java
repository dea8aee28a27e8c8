package dev.wgsim.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.sweep.SweepPoint;
import dev.wgsim.reports.sweep.SweepTables;
import dev.wgsim.scenario.run.Runner;
import dev.wgsim.scenario.sweep.SweepPlan;
import dev.wgsim.scenario.sweep.SweepRunner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A sweep on Spark: the driver expands the plan and ships the scenario as a {@link SweepBundle};
 * each run is one Spark task (one partition per run id) that simulates it in a temporary folder of
 * its executor and returns a {@link RunOutput} row; the rows form a Dataset, the per-point
 * aggregates are computed there (grouped by point, with the same statistics and summation order as
 * {@code wgsim sweep}), and the driver writes the sweep folder: {@code sweep.json}, each run's
 * {@code runs/run-NNNN/summary.json}, {@code runs.csv} and {@code aggregates.csv}, byte for byte
 * what {@code wgsim sweep} writes for the same plan. Optionally both tables go to Parquet through
 * Spark's own writer, at any Hadoop URI.
 *
 * <p>Runs are deterministic (their seed derives from the master seed and the run id), so Spark's
 * task retry and speculative execution cannot change a result.
 */
public final class SparkSweepJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkSweepJob() {
    }

    /** How one run is executed in a task; {@link #simulate} unless a test wraps it. */
    @FunctionalInterface
    public interface RunFunction extends Serializable {
        RunOutput run(SweepBundle bundle, long runId) throws Exception;
    }

    /** What the job wrote and did. */
    public record Result(long runs, int points, int metrics, List<AggregateRow> aggregates) {
    }

    /**
     * Runs every run of {@code plan} on {@code spark} and writes the sweep folder {@code out}
     * (created; it must not hold another sweep's files).
     *
     * @param parquet a folder or Hadoop URI for {@code runs/} and {@code aggregates/} as Parquet, or null for none
     */
    public static Result run(SparkSession spark, SweepPlan plan, Path out, String parquet, RunFunction fn) throws IOException {
        return run(spark, plan, out, parquet, fn, phase -> { });
    }

    /** As {@link #run(SparkSession, SweepPlan, Path, String, RunFunction)}, telling {@code phases} what it is doing. */
    public static Result run(SparkSession spark, SweepPlan plan, Path out, String parquet, RunFunction fn,
                             java.util.function.Consumer<String> phases) throws IOException {
        phases.accept("checking " + plan.points().size() + " points");
        SweepBundle bundle = SweepBundle.of(plan);
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve(SweepTables.MANIFEST), SweepRunner.manifest(plan).getBytes(StandardCharsets.UTF_8));
        SweepTables.Manifest manifest = SweepTables.manifest(out);

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SweepBundle> shipped = jsc.broadcast(bundle);
        int n = Math.toIntExact(plan.runCount());
        List<Long> ids = LongStream.range(0, n).boxed().toList();
        // One partition, so one task, per run: a slow run delays nobody else's, and a failed one is retried alone.
        JavaRDD<RunOutput> outputs = jsc.parallelize(ids, n).map(id -> fn.run(shipped.value(), id));
        Dataset<RunOutput> runs = spark.createDataset(outputs.rdd(), Encoders.bean(RunOutput.class))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            phases.accept("running " + n + " runs, one task each");
            runs.count();
            phases.accept("aggregating");
            List<String> metrics = metricOrder(runs);
            Broadcast<List<String>> shippedMetrics = jsc.broadcast(metrics);
            Dataset<AggregateRow> aggregates = runs
                    .groupByKey((MapFunction<RunOutput, Integer>) RunOutput::getPoint, Encoders.INT())
                    .flatMapGroups((FlatMapGroupsFunction<Integer, RunOutput, AggregateRow>) (point, rows) ->
                            aggregatePoint(point, rows, shippedMetrics.value()), Encoders.bean(AggregateRow.class));
            List<AggregateRow> aggs = new ArrayList<>(aggregates.collectAsList());
            aggs.sort(Comparator.comparingInt(AggregateRow::getPoint).thenComparingInt(AggregateRow::getMetricIndex));

            phases.accept("writing " + SweepTables.RUNS_CSV + ", " + SweepTables.AGGREGATES_CSV + " and the runs' summary.json");
            writeRuns(runs, manifest, metrics, out);
            List<SweepTables.Aggregate> table = aggs.stream().map(a -> new SweepTables.Aggregate(a.getPoint(), a.getMetric(),
                    new SweepPoint(a.getPoint(), a.getRuns(), a.getMean(), a.getSd(), a.getCi95Low(), a.getCi95High()))).toList();
            AtomicFiles.write(out.resolve(SweepTables.AGGREGATES_CSV),
                    SweepTables.aggregatesCsv(manifest, table).getBytes(StandardCharsets.UTF_8));
            if (parquet != null) {
                phases.accept("writing Parquet to " + parquet);
                writeParquet(spark, runs, aggs, parquet);
            }
            return new Result(n, plan.points().size(), metrics.size(), aggs);
        } finally {
            runs.unpersist();
        }
    }

    /** {@code URI/runs} and {@code URI/aggregates} as Parquet (columns in docs/results-format.md), replacing what is there. */
    static void writeParquet(SparkSession spark, Dataset<RunOutput> runs, List<AggregateRow> aggs, String uri) {
        runs.orderBy("runId").select(col("runId").as("run_id"), col("point"), col("replication"),
                        map_from_arrays(col("parameterNames"), col("parameterValues")).as("parameters"), col("seed"),
                        map_from_arrays(col("metricNames"), col("metricValues")).as("metrics"), col("summaryJson").as("summary_json"))
                .write().mode(SaveMode.Overwrite).parquet(uri + "/runs");
        spark.createDataset(aggs, Encoders.bean(AggregateRow.class)).orderBy("point", "metricIndex")
                .select(col("point"), map_from_arrays(col("parameterNames"), col("parameterValues")).as("parameters"),
                        col("metric"), col("runs"), col("mean"), col("sd"), col("ci95Low").as("ci95_low"),
                        col("ci95High").as("ci95_high"))
                .write().mode(SaveMode.Overwrite).parquet(uri + "/aggregates");
    }

    /**
     * Writes the tables of a sweep folder that is already there (from {@code wgsim sweep}, shards
     * merged, or this job) as Parquet, without running anything: wgsim.jar writes CSV only, since
     * parquet-java's writer needs Hadoop's client jars (about 50 MB) at run time.
     *
     * @return the number of runs written
     */
    public static long folderToParquet(SparkSession spark, Path dir, String uri) throws IOException {
        SweepTables.Manifest m = SweepTables.manifest(dir);
        List<SweepTables.RunRow> rows = SweepTables.runs(dir, m);
        List<String> metrics = SweepTables.metrics(rows);
        List<RunOutput> outputs = new ArrayList<>();
        for (SweepTables.RunRow r : rows) {
            RunOutput o = new RunOutput();
            o.setRunId(r.id());
            o.setPoint(r.point());
            o.setReplication(r.replication());
            o.setSeed(r.seed());
            o.setParameterNames(new ArrayList<>(m.parameters()));
            o.setParameterValues(new ArrayList<>(m.points().get(r.point()).values()));
            o.setMetricNames(new ArrayList<>(r.metrics().keySet()));
            o.setMetricValues(new ArrayList<>(r.metrics().values()));
            o.setSummaryJson(Files.readString(dir.resolve(SweepTables.RUNS_DIR)
                    .resolve(String.format(java.util.Locale.ROOT, "run-%04d", r.id())).resolve("summary.json"), StandardCharsets.UTF_8));
            outputs.add(o);
        }
        List<AggregateRow> aggs = new ArrayList<>();
        for (SweepTables.Aggregate a : SweepTables.aggregates(m, rows)) {
            AggregateRow g = new AggregateRow();
            g.setPoint(a.point());
            g.setMetricIndex(metrics.indexOf(a.metric()));
            g.setMetric(a.metric());
            g.setParameterNames(new ArrayList<>(m.parameters()));
            g.setParameterValues(new ArrayList<>(m.points().get(a.point()).values()));
            g.setRuns(a.stats().runs());
            g.setMean(a.stats().mean());
            g.setSd(a.stats().stdDev());
            g.setCi95Low(a.stats().ciLow());
            g.setCi95High(a.stats().ciHigh());
            aggs.add(g);
        }
        writeParquet(spark, spark.createDataset(outputs, Encoders.bean(RunOutput.class)), aggs, uri);
        return rows.size();
    }

    /** Runs {@code runId} of the bundle's sweep in a temporary folder and returns its row. */
    public static RunOutput simulate(SweepBundle bundle, long runId) throws IOException {
        SweepPlan plan = bundle.plan();
        SweepPlan.Run r = plan.run(runId);
        Path tmp = Files.createTempDirectory("wgsim-run-");
        try {
            SweepRunner.runOne(plan, r, tmp, Runner.ReportRenderer.NONE);
            String summary = Files.readString(tmp.resolve(r.folderName()).resolve("summary.json"), StandardCharsets.UTF_8);
            JsonNode tree = JSON.readTree(summary);
            RunOutput o = new RunOutput();
            o.setRunId(r.id());
            o.setPoint(r.point().index());
            o.setReplication(r.replication());
            o.setSeed(tree.path("scenario").path("seed").asLong());
            o.setParameterNames(new ArrayList<>(r.point().values().keySet()));
            o.setParameterValues(new ArrayList<>(r.point().values().values()));
            Map<String, Double> figures = SweepTables.flatten(tree);
            o.setMetricNames(new ArrayList<>(figures.keySet()));
            o.setMetricValues(new ArrayList<>(figures.values()));
            o.setSummaryJson(summary);
            return o;
        } finally {
            SweepBundle.deleteTree(tmp);
        }
    }

    /**
     * The metric columns in {@code SweepTables.metrics} order: by the lowest run id that has the
     * metric, then by its position among that run's figures.
     */
    static List<String> metricOrder(Dataset<RunOutput> runs) {
        Dataset<MetricAt> at = runs.flatMap((FlatMapFunction<RunOutput, MetricAt>) r -> {
            List<MetricAt> out = new ArrayList<>();
            for (int i = 0; i < r.getMetricNames().size(); i++) {
                out.add(new MetricAt(r.getMetricNames().get(i), r.getRunId(), i));
            }
            return out.iterator();
        }, Encoders.bean(MetricAt.class));
        return at.groupBy("metric").agg(min(struct(col("runId"), col("pos"))).as("first")).orderBy(col("first"))
                .select("metric").as(Encoders.STRING()).collectAsList();
    }

    /** One point's aggregates (in a Spark task): its runs in run-id order, the statistics of {@code SweepTables}. */
    static Iterator<AggregateRow> aggregatePoint(int point, Iterator<RunOutput> it, List<String> metrics) {
        List<RunOutput> mine = new ArrayList<>();
        it.forEachRemaining(mine::add);
        mine.sort(Comparator.comparingLong(RunOutput::getRunId));
        List<SweepTables.RunRow> rows = mine.stream().map(SparkSweepJob::row).toList();
        List<AggregateRow> out = new ArrayList<>();
        for (SweepTables.Aggregate a : SweepTables.aggregatesOfPoint(point, rows, metrics)) {
            AggregateRow g = new AggregateRow();
            g.setPoint(point);
            g.setMetricIndex(metrics.indexOf(a.metric()));
            g.setMetric(a.metric());
            g.setParameterNames(mine.get(0).getParameterNames());
            g.setParameterValues(mine.get(0).getParameterValues());
            g.setRuns(a.stats().runs());
            g.setMean(a.stats().mean());
            g.setSd(a.stats().stdDev());
            g.setCi95Low(a.stats().ciLow());
            g.setCi95High(a.stats().ciHigh());
            out.add(g);
        }
        return out.iterator();
    }

    static SweepTables.RunRow row(RunOutput o) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < o.getMetricNames().size(); i++) {
            m.put(o.getMetricNames().get(i), o.getMetricValues().get(i));
        }
        return new SweepTables.RunRow(o.getRunId(), o.getPoint(), o.getReplication(), o.getSeed(), m);
    }

    /** runs.csv and runs/run-NNNN/summary.json, streamed to the driver in run-id order (one partition at a time). */
    private static void writeRuns(Dataset<RunOutput> runs, SweepTables.Manifest m, List<String> metrics, Path out) throws IOException {
        Path runsDir = Files.createDirectories(out.resolve(SweepTables.RUNS_DIR));
        Path tmp = Files.createTempFile(out, "." + SweepTables.RUNS_CSV + ".", ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(SweepTables.runsHeader(m, metrics));
                for (Iterator<RunOutput> it = runs.orderBy("runId").toLocalIterator(); it.hasNext(); ) {
                    RunOutput o = it.next();
                    w.write(SweepTables.runsLine(m, metrics, row(o)));
                    Path dir = Files.createDirectories(runsDir.resolve(String.format(java.util.Locale.ROOT, "run-%04d", o.getRunId())));
                    AtomicFiles.write(dir.resolve("summary.json"), o.getSummaryJson().getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.move(tmp, out.resolve(SweepTables.RUNS_CSV), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The files a sweep folder holds besides what the job writes anew; --force removes them. */
    static List<String> outputs() {
        return Arrays.asList(SweepTables.MANIFEST, SweepTables.RUNS_DIR, SweepTables.RUNS_CSV, SweepTables.AGGREGATES_CSV, "charts",
                "report.html", "sweep-provenance.json");
    }
}
