package dev.wgsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.WgsimCommand;
import dev.wgsim.scenario.sweep.SweepPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep SweepTest runs locally (lossy-link.yaml over loss x keepalive, 10 replications, 1 s of
 * simulated time) run on embedded Spark gives the same runs.csv, aggregates.csv and per-run
 * summary.json bytes as {@code wgsim sweep}, also when a task fails once and Spark retries it.
 * SweepTest shows the local tables are the same with 1 and 2 threads and 3 shards merged, so all
 * four ways agree. The tests see wgsim through the shaded wgsim-spark.jar only, beside Spark's own
 * Jackson and SnakeYAML (failsafe's class path, see spark/pom.xml).
 */
class SparkSweepIT {
    static final List<String> SETS = List.of("scenario.duration=1s", "expect=[]");
    @TempDir
    static Path tmp;
    static Path scenario;
    static Path local;
    static SparkSession spark;

    @BeforeAll
    static void setUp() throws Exception {
        String text = Files.readString(Path.of("../scenarios/examples/lossy-link.yaml"));
        int cut = text.indexOf("\nsweep:");
        assertTrue(cut > 0, "the example has a sweep block");
        scenario = tmp.resolve("lossy-link.yaml");
        Files.writeString(scenario, text.substring(0, cut) + """

                sweep:
                  parameters:
                    links[one-inet].loss: [0, 0.05]
                    nodes[one].wireguard.peers[0].persistent_keepalive: [0, 1s]
                  replications: 10
                """);
        local = tmp.resolve("local");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("sweep", scenario.toString(),
                "-o", local.toString(), "-j", "2", "--set", SETS.get(0), "--set", SETS.get(1));
        assertEquals(0, code, err.toString());
        // local[2,2]: two task threads, and a failed task is tried once more (local mode's task retry).
        spark = SparkSession.builder().master("local[2,2]").appName("SparkSweepIT")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    static void assertSameSweep(Path sparkOut) throws Exception {
        List<String> agg = Files.readAllLines(local.resolve("aggregates.csv"));
        assertTrue(agg.size() > 4 * 10, "4 points x many metrics: " + agg.size());
        assertEquals(41, Files.readAllLines(local.resolve("runs.csv")).size(), "a header and one row per run");
        for (String f : List.of("aggregates.csv", "runs.csv", "sweep.json")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(f)), Files.readAllBytes(sparkOut.resolve(f)), f);
        }
        for (int id = 0; id < 40; id++) {
            String run = String.format("runs/run-%04d/summary.json", id);
            assertArrayEquals(Files.readAllBytes(local.resolve(run)), Files.readAllBytes(sparkOut.resolve(run)), run);
        }
    }

    /** Fails run 7's first attempt (as a lost executor would), leaving a mark per attempt. */
    record FailFirstAttempt(String marks) implements SparkSweepJob.RunFunction {
        @Override
        public RunOutput run(SweepBundle bundle, long runId) throws Exception {
            if (runId == 7) {
                int attempt = TaskContext.get().attemptNumber();
                Files.createFile(Path.of(marks).resolve("run-7-attempt-" + attempt));
                if (attempt == 0) {
                    throw new IllegalStateException("injected failure of run 7, attempt 0");
                }
            }
            return SparkSweepJob.simulate(bundle, runId);
        }
    }

    /**
     * One Spark sweep (Spark's JVM start and first job are what cost time here), in which run 7's
     * task fails once: Spark runs it again, and the tables are still the local sweep's bytes.
     */
    @Test
    void sparkWithATaskFailedOnceWritesTheSameTablesAsALocalSweepAndParquet() throws Exception {
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        Path out = tmp.resolve("spark");
        SparkSweepJob.Result r = SparkSweepJob.run(spark, SweepPlan.of(scenario, SETS), out, out.resolve("parquet").toString(),
                new FailFirstAttempt(marks.toString()));
        try (var s = Files.list(marks)) {
            assertEquals(List.of("run-7-attempt-0", "run-7-attempt-1"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "run 7 failed once and was run again");
        }
        assertEquals(40, r.runs());
        assertEquals(4, r.points());
        assertSameSweep(out);

        // The Parquet tables hold what the CSV files hold.
        List<Row> runs = spark.read().parquet(out.resolve("parquet/runs").toString()).orderBy("run_id").collectAsList();
        assertEquals(40, runs.size());
        String row17 = Files.readAllLines(local.resolve("runs.csv")).get(18);
        Row r17 = runs.get(17);
        assertEquals(17L, r17.<Long>getAs("run_id"));
        assertTrue(row17.startsWith("17,1,7,0,1s," + r17.<Long>getAs("seed") + ","), row17);
        assertEquals("1s", r17.<scala.collection.Map<String, String>>getAs("parameters")
                .get("nodes[one].wireguard.peers[0].persistent_keepalive").get());
        assertArrayEquals(Files.readAllBytes(local.resolve("runs/run-0017/summary.json")),
                r17.<String>getAs("summary_json").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> aggLines = Files.readAllLines(local.resolve("aggregates.csv"));
        List<Row> aggs = spark.read().parquet(out.resolve("parquet/aggregates").toString())
                .where("point = 3 and metric = 'flows.one-up.delivery_ratio'").collectAsList();
        assertEquals(1, aggs.size());
        String line = aggLines.stream().filter(l -> l.startsWith("3,") && l.contains(",flows.one-up.delivery_ratio,")).findFirst()
                .orElseThrow();
        String[] c = line.split(",");
        assertEquals(Double.parseDouble(c[5]), aggs.get(0).<Double>getAs("mean"));
        assertEquals(Double.parseDouble(c[7]), aggs.get(0).<Double>getAs("ci95_low"));
        assertEquals(aggLines.size() - 1, spark.read().parquet(out.resolve("parquet/aggregates").toString()).count());

        // The local sweep's folder, written as Parquet afterwards, gives the same rows.
        Path converted = tmp.resolve("local-parquet");
        assertEquals(40, SparkSweepJob.folderToParquet(spark, local, converted.toString()));
        for (String table : List.of("runs", "aggregates")) {
            String[] key = table.equals("runs") ? new String[] {"run_id"} : new String[] {"point", "metric"};
            List<Row> fromSpark = spark.read().parquet(out.resolve("parquet").resolve(table).toString())
                    .orderBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length)).collectAsList();
            List<Row> fromFolder = spark.read().parquet(converted.resolve(table).toString())
                    .orderBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length)).collectAsList();
            assertTrue(fromSpark.size() >= 40, table);
            assertEquals(fromSpark, fromFolder, table);
        }
    }
}
