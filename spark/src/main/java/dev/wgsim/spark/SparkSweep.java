package dev.wgsim.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.sweep.SweepReport;
import dev.wgsim.reports.sweep.SweepTables;
import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.sweep.SweepPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spark-submit --class dev.wgsim.spark.SparkSweep wgsim-spark.jar FILE -o DIR}: the scenario's
 * sweep on whatever cluster spark-submit names (local mode when it names none).
 */
@Command(name = "wgsim-spark", mixinStandardHelpOptions = true, version = "wgsim-spark (see wgsim --version for the build)",
        description = {"Run every point of the scenario's sweep: block on Apache Spark, one task per run; write the same sweep"
                + " folder as wgsim sweep (sweep.json, runs/run-NNNN/summary.json, runs.csv, aggregates.csv, charts, report.html),"
                + " byte for byte, and optionally Parquet tables.",
                "The folder is on the driver; --parquet takes any Hadoop URI (on a cluster: hdfs://, s3a://, a shared mount).",
                "Exit codes: 0 ok, 2 bad input or a folder holding a sweep already (use --force)."},
        footerHeading = "%nExamples:%n",
        footer = {"  spark-submit --master 'local[2]' --class dev.wgsim.spark.SparkSweep spark/target/wgsim-spark.jar \\",
                "      scenarios/examples/lossy-link.yaml -o results/lossy-spark --parquet results/lossy-spark/parquet",
                "  spark-submit --master yarn --deploy-mode client --class dev.wgsim.spark.SparkSweep wgsim-spark.jar \\",
                "      lossy-link.yaml -o lossy-spark --parquet hdfs:///sweeps/lossy"})
public final class SparkSweep implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file with a sweep: block (on the driver).")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "The sweep's folder on the driver.")
    Path output;

    @Option(names = "--set", paramLabel = "path=value", description = "Override a value in every run (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--parquet", paramLabel = "URI", description = "Also write runs/ and aggregates/ as Parquet there.")
    String parquet;

    @Option(names = "--metric", paramLabel = "PATH", description = "A summary figure to chart in the report (repeatable).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--force", description = "Replace the sweep found in DIR instead of refusing.")
    boolean force;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkSweep()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepPlan plan;
        try {
            plan = SweepPlan.of(file, sets);
            SweepBundle.of(plan); // every point parses, every import is readable, before Spark starts
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (Files.exists(output.resolve(SweepTables.MANIFEST)) || Files.exists(output.resolve(SweepTables.RUNS_DIR))) {
            if (!force) {
                err.println("wgsim-spark: " + output + " holds a sweep already: give another -o, or --force to replace it");
                return 2;
            }
            for (String f : SparkSweepJob.outputs()) {
                SweepBundle.deleteTree(output.resolve(f));
            }
        }
        SparkConf conf = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName("wgsim sweep " + file.getFileName());
        if (!conf.contains("spark.master")) {
            b.master("local[*]");
        }
        SparkSession spark = b.getOrCreate();
        try {
            long start = System.nanoTime();
            SparkSweepJob.Result r = SparkSweepJob.run(spark, plan, output, parquet, SparkSweepJob::simulate,
                    phase -> err.printf(Locale.ROOT, "wgsim-spark: %s (%.1f s)%n", phase, (System.nanoTime() - start) / 1e9));
            double wall = (System.nanoTime() - start) / 1e9;
            err.printf(Locale.ROOT, "wgsim-spark: rendering charts (%.1f s)%n", wall);
            err.flush();
            SweepReport.render(output, metrics, ChartOptions.defaults());
            writeProvenance(spark, r, wall);
            out.printf(Locale.ROOT, "sweep on Spark (%s): %d points x %d replications = %d runs in %.1f s%n",
                    spark.sparkContext().master(), r.points(), plan.spec().replications(), r.runs(), wall);
            out.println("runs.csv: " + output.resolve(SweepTables.RUNS_CSV));
            out.println("aggregates.csv: " + output.resolve(SweepTables.AGGREGATES_CSV));
            if (parquet != null) {
                out.println("parquet: " + parquet + "/runs, " + parquet + "/aggregates");
            }
            out.println("report: " + output.resolve("report.html"));
            out.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    /** sweep-provenance.json: the machine-dependent record of this job, apart from the deterministic tables. */
    private void writeProvenance(SparkSession spark, SparkSweepJob.Result r, double wall) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        var cmd = root.putArray("command");
        cmd.add("wgsim-spark");
        Arrays.stream(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)).forEach(cmd::add);
        root.put("working_directory", Path.of("").toAbsolutePath().toString());
        root.putObject("spark").put("version", spark.version()).put("master", spark.sparkContext().master())
                .put("application_id", spark.sparkContext().applicationId())
                .put("default_parallelism", spark.sparkContext().defaultParallelism());
        root.putObject("java").put("version", System.getProperty("java.version")).put("vm", System.getProperty("java.vm.name"));
        root.put("runs_this_invocation", r.runs()).put("wall_seconds", Math.round(wall * 1e3) / 1e3)
                .put("runs_per_second", wall > 0 ? Math.round(r.runs() / wall * 1e3) / 1e3 : 0);
        try {
            AtomicFiles.write(output.resolve("sweep-provenance.json"),
                    (json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
