package dev.wgsim.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.WgsimCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep of lossy-link.yaml over loss x keepalive with 10 replications gives the same bytes in
 * aggregates.csv and runs.csv with 1 and 2 threads and as 3 shards merged (in any order); a single
 * run reproduces alone with --run-id; an interrupted sweep resumes. Simulated time is cut to 1 s so
 * the 40-run sweep is quick. spark/'s SparkSweepIT runs the same sweep on embedded Spark (one task
 * failing once) and finds the same bytes.
 */
class SweepTest {
    @TempDir
    static Path tmp;
    static Path scenario;

    record Out(int code, String out, String err) {
    }

    static Out wgsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Out(code, out.toString(), err.toString());
    }

    /** lossy-link.yaml with its own sweep block cut to 2 x 2 points (10 replications each, as the example has). */
    @BeforeAll
    static void scenario() throws Exception {
        String text = Files.readString(Path.of("examples/lossy-link.yaml"));
        int cut = text.indexOf("\nsweep:");
        assertTrue(cut > 0, "the example has a sweep block");
        assertTrue(text.substring(cut).contains("replications: 10"));
        scenario = tmp.resolve("lossy-link.yaml");
        Files.writeString(scenario, text.substring(0, cut) + """

                sweep:
                  parameters:
                    links[one-inet].loss: [0, 0.05]
                    nodes[one].wireguard.peers[0].persistent_keepalive: [0, 1s]
                  replications: 10
                """);
    }

    static Out sweep(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("sweep", scenario.toString(), "-o", out.toString(), "--set", "scenario.duration=1s",
                "--set", "expect=[]", "--metric", "flows.one-up.delivery_ratio"));
        args.addAll(Arrays.asList(extra));
        Out o = wgsim(args.toArray(String[]::new));
        assertEquals(0, o.code(), o.err());
        return o;
    }

    static byte[] bytes(Path p) throws Exception {
        return Files.readAllBytes(p);
    }

    static long derivedSeed(long master, long runId) throws Exception {
        // docs/results-format.md: first 8 bytes (big-endian) of SHA-256("wgsim-sweep-run" || master || run id)
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update("wgsim-sweep-run".getBytes(StandardCharsets.US_ASCII));
        d.update(ByteBuffer.allocate(16).putLong(master).putLong(runId).array());
        return ByteBuffer.wrap(d.digest(), 0, 8).getLong();
    }

    @Test
    void sameAggregatesWithOneTwoThreadsAndThreeShardsMergedInAnyOrder() throws Exception {
        Path one = tmp.resolve("j1");
        Path two = tmp.resolve("j2");
        sweep(one, "-j", "1");
        sweep(two, "-j", "2");
        for (int i = 0; i < 3; i++) {
            sweep(tmp.resolve("shard" + i), "--shard", i + "/3", "-j", "1");
        }
        Out merged = wgsim("merge", "-o", tmp.resolve("merged").toString(), "--metric", "flows.one-up.delivery_ratio",
                tmp.resolve("shard2").toString(), tmp.resolve("shard0").toString(), tmp.resolve("shard1").toString());
        assertEquals(0, merged.code(), merged.err());
        Out again = wgsim("merge", "-o", tmp.resolve("merged-other-order").toString(), "--metric", "flows.one-up.delivery_ratio",
                tmp.resolve("shard0").toString(), tmp.resolve("shard1").toString(), tmp.resolve("shard2").toString());
        assertEquals(0, again.code(), again.err());

        List<String> agg = Files.readAllLines(one.resolve("aggregates.csv"));
        assertTrue(agg.size() > 4 * 10, "4 points x many metrics: " + agg.size());
        assertEquals(41, Files.readAllLines(one.resolve("runs.csv")).size(), "a header and one row per run");
        for (Path other : List.of(two, tmp.resolve("merged"), tmp.resolve("merged-other-order"))) {
            assertArrayEquals(bytes(one.resolve("aggregates.csv")), bytes(other.resolve("aggregates.csv")), other.toString());
            assertArrayEquals(bytes(one.resolve("runs.csv")), bytes(other.resolve("runs.csv")), other.toString());
        }
        // Each shard holds a third of the runs: the merge is what makes them whole.
        assertEquals(1 + 14, Files.readAllLines(tmp.resolve("shard0/runs.csv")).size(), "runs 0, 3, ..., 39");
        assertTrue(Files.isRegularFile(tmp.resolve("merged/report.html")));
        assertTrue(Files.isRegularFile(tmp.resolve("merged/charts/sweep-flows.one-up.delivery_ratio.png")));
        assertTrue(Files.isRegularFile(tmp.resolve("merged/charts/sweep-heatmap-flows.one-up.delivery_ratio.svg")));

        // Run 17 is point 1 (loss 0, keepalive 1s: the first parameter varies slowest), replication 7,
        // with the seed the documented rule gives for master seed 1 (lossy-link's scenario.seed).
        String row17 = Files.readAllLines(one.resolve("runs.csv")).get(18);
        assertTrue(row17.startsWith("17,1,7,0,1s," + derivedSeed(1, 17) + ","), row17);

        // The mean and 95% interval of a point are those of a t distribution with 9 degrees of freedom
        // (t = 2.262157, from a t table) over its 10 runs' values in runs.csv.
        List<String> header = Arrays.asList(Files.readAllLines(one.resolve("runs.csv")).get(0).split(","));
        int col = header.indexOf("flows.one-up.delivery_ratio");
        double[] v = Files.readAllLines(one.resolve("runs.csv")).stream().skip(1).filter(l -> l.split(",")[1].equals("3"))
                .mapToDouble(l -> Double.parseDouble(l.split(",")[col])).toArray();
        assertEquals(10, v.length);
        double mean = Arrays.stream(v).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / 9);
        assertTrue(sd > 0, "5% loss gives different delivery in different replications");
        String line = agg.stream().filter(l -> l.startsWith("3,") && l.contains(",flows.one-up.delivery_ratio,")).findFirst().orElseThrow();
        String[] c = line.split(",");
        assertEquals("3,0.05,1s,flows.one-up.delivery_ratio,10", String.join(",", Arrays.copyOf(c, 5)));
        assertEquals(mean, Double.parseDouble(c[5]), 1e-12);
        assertEquals(sd, Double.parseDouble(c[6]), 1e-12);
        assertEquals(mean - 2.262157 * sd / Math.sqrt(10), Double.parseDouble(c[7]), 1e-6);
        assertEquals(mean + 2.262157 * sd / Math.sqrt(10), Double.parseDouble(c[8]), 1e-6);
        assertTrue(mean > 0.9 && mean < 0.99, "about 5% of one-up's packets are lost: " + mean);
    }

    @Test
    void oneRunReproducesAloneWithItsRunId() throws Exception {
        Path sw = tmp.resolve("alone");
        sweep(sw, "--shard", "1/20"); // runs 1 and 21
        Out r = wgsim("run", scenario.toString(), "--run-id", "21", "--set", "scenario.duration=1s", "--set", "expect=[]",
                "-o", tmp.resolve("single").toString());
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("summary.json", "events.jsonl")) {
            assertArrayEquals(bytes(sw.resolve("runs/run-0021").resolve(f)), bytes(tmp.resolve("single/lossy-link").resolve(f)), f);
        }
        String summary = Files.readString(tmp.resolve("single/lossy-link/summary.json"));
        assertTrue(summary.contains("\"seed_from\" : \"sweep: master seed 1, run 21\""), summary);
        assertTrue(summary.contains("\"seed\" : " + derivedSeed(1, 21) + ","), summary);
        assertEquals(2, wgsim("run", scenario.toString(), "--run-id", "40").code(), "only runs 0 to 39 exist");
    }

    @Test
    void anInterruptedSweepResumesKeepingFinishedRuns() throws Exception {
        Path sw = tmp.resolve("resume");
        sweep(sw, "--shard", "0/10"); // runs 0, 10, 20, 30
        byte[] before = bytes(sw.resolve("runs.csv"));
        // As if killed: one run never finished (its folder gone), one was half written.
        deleteTree(sw.resolve("runs/run-0020"));
        Files.createDirectories(sw.resolve("runs/.run-0020.partial-0123456789abcdef/metrics"));
        Out o = sweep(sw, "--shard", "0/10");
        assertTrue(o.err().contains("resuming: 3 finished runs are kept"), o.err());
        assertTrue(o.err().contains("left by an interrupted run"), o.err());
        assertTrue(o.out().contains("this invocation ran 1 (3 kept from before)"), o.out());
        assertArrayEquals(before, bytes(sw.resolve("runs.csv")));
        try (var s = Files.list(sw.resolve("runs"))) {
            assertEquals(List.of("run-0000", "run-0010", "run-0020", "run-0030"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // A different plan in the same folder is refused, not mixed in.
        Out other = wgsim("sweep", scenario.toString(), "-o", sw.toString(), "--set", "scenario.duration=1s", "--set", "expect=[]",
                "--set", "sweep.replications=3");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("holds another sweep"), other.err());
    }

    @Test
    void sweepBlockErrorsAreLocated() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        String text = Files.readString(scenario);
        Files.writeString(bad, text.replace("  replications: 10", "  replicatons: 10"));
        Out o = wgsim("sweep", bad.toString(), "-o", tmp.resolve("never").toString());
        assertEquals(2, o.code());
        int line = Arrays.asList(text.split("\n", -1)).indexOf("  replications: 10") + 1;
        assertEquals(bad + ":" + line + ":3: sweep.replicatons: unknown key 'replicatons' in sweep. Did you mean 'replications'?",
                o.err().lines().filter(l -> l.startsWith(bad.toString())).findFirst().orElse(o.err()));
        assertFalse(Files.exists(tmp.resolve("never")), "nothing written before the plan is valid");

        Files.writeString(bad, text.replace("[0, 0.05]", "[0, 7]"));
        o = wgsim("sweep", bad.toString(), "-o", tmp.resolve("never").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(": sweep.parameters.links[one-inet].loss: value 7 is rejected: probability 7 is outside [0, 1]"),
                o.err());
    }

    @Test
    void checkValidatesTheSweepBlockToo() throws Exception {
        Out ok = wgsim("check", scenario.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains(scenario + ": sweep ok (4 points x 10 replications = 40 runs, master seed 1)"), ok.out());
        Path bad = tmp.resolve("bad-check.yaml");
        Files.writeString(bad, Files.readString(scenario).replace("[0, 0.05]", "[0, 7]"));
        Out o = wgsim("check", bad.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("sweep.parameters.links[one-inet].loss: value 7 is rejected"), o.err());
    }

    @Test
    void rangesAndConstraintsExpandAsWritten() {
        SweepSpec spec = SweepParser.parse("t.yaml", """
                scenario: {name: t, duration: 1s, seed: 5}
                sweep:
                  parameters:
                    links.wan.loss: [0, 0.01]
                    nodes[a].wireguard.peers[0].persistent_keepalive: 0s..20s step 5s
                  constraints: ["links.wan.loss == 0"]
                  replications: 2
                """, List.of()).orElseThrow();
        assertEquals(List.of("0s", "5s", "10s", "15s", "20s"), spec.parameters().get(1).values());
        assertEquals(5, spec.masterSeed(), "the scenario's seed is the default master seed");
        SweepPlan plan = SweepPlan.expand(Path.of("t.yaml"), List.of(), spec);
        assertEquals(5, plan.points().size(), "loss 0.01 ruled out");
        assertEquals(10, plan.runCount());
        assertEquals(List.of("links.wan.loss=0", "nodes[a].wireguard.peers[0].persistent_keepalive=15s"), plan.run(7).sets());
        assertEquals(1, plan.run(7).replication());

        dev.wgsim.scenario.ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(dev.wgsim.scenario.ScenarioException.class,
                () -> SweepParser.parse("t.yaml", """
                        scenario: {name: t, duration: 1s}
                        sweep:
                          parameters: {links.wan.loss: [0, 0.01]}
                          constraints: ["links.wan.los < 0.01"]
                        """, List.of()));
        assertEquals("t.yaml:4:17: sweep.constraints[0]: 'links.wan.los' is neither a swept parameter nor a number."
                + " Did you mean 'links.wan.loss'?", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(dev.wgsim.scenario.ScenarioException.class,
                () -> SweepParser.parse("t.yaml", """
                        scenario: {name: t, duration: 1s}
                        sweep: {parameters: {links.wan.loss: 60..0 step 5}}
                        """, List.of()));
        assertEquals("t.yaml:2:38: sweep.parameters.links.wan.loss: the range ends before it starts."
                + " Write the smaller bound first, e.g. 0..60 step 5.", e.getMessage());
    }

    @Test
    void aDottedNameBelowAListSelectsTheNamedElementLikeBrackets() {
        // The override reaches the link's loss either way, so both are refused for the same reason.
        for (String path : List.of("links.one-inet.loss", "links[one-inet].loss")) {
            Out o = wgsim("check", scenario.toString(), "--set", path + "=7");
            assertEquals(2, o.code());
            assertTrue(o.err().startsWith("--set " + path + "=7: links[1].loss: probability 7 is outside [0, 1]"), o.err());
        }
    }

    @Test
    void parallelRunsAreBoundedByMemory() {
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(1, SweepRunner.jobsFor((int) (heap >> 20), 8), "a run as large as the heap runs alone");
        assertEquals(2, SweepRunner.jobsFor(5, 2), "a small scenario runs as many at once as asked");
    }

    static void deleteTree(Path p) throws Exception {
        try (var w = Files.walk(p)) {
            for (Path q : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
