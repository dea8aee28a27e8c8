package dev.wgsim.scenario.sweep;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.sweep.SweepTables;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.results.StagedFolder;
import dev.wgsim.scenario.run.Runner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs a sweep's runs into {@code DIR/runs/run-NNNN/} (each a complete results folder, committed
 * atomically), on a pool of threads, skipping runs an earlier, interrupted invocation finished;
 * then writes the tables from whatever runs the folder holds. {@code DIR/sweep.json} records the
 * plan; a folder holding another plan is refused.
 */
public final class SweepRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What one simulated node costs in memory, roughly (a 1,000-node run needs about a gigabyte). */
    static final long BYTES_PER_NODE = 1L << 20;
    static final long BYTES_PER_RUN = 64L << 20;

    private SweepRunner() {
    }

    /** {@code --shard i/N}: the runs whose id modulo N is i (0-based). */
    public record Shard(int index, int count) {
        public static final Shard ALL = new Shard(0, 1);

        public Shard {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("a shard is i/N with 0 <= i < N, e.g. 0/3");
            }
        }

        public boolean owns(long runId) {
            return runId % count == index;
        }
    }

    /** Told how the sweep goes (the CLI draws progress from it). */
    public interface Listener {
        void phase(String what);

        /** A run finished: {@code done} of {@code total} runs of this invocation. */
        void runDone(long done, long total);
    }

    /** A refused sweep folder: another plan is in it. */
    public static final class FolderInUse extends RuntimeException {
        public FolderInUse(String message) {
            super(message);
        }
    }

    /**
     * @param jobs      threads; the effective number is also bounded by memory (see {@link #jobsFor})
     * @param perRun    renders each run's charts and report.html, or {@link Runner.ReportRenderer#NONE}
     * @return counts and the aggregates written
     */
    public record Result(long ran, long resumed, long planned, int jobs, List<SweepTables.Aggregate> aggregates) {
    }

    public static Result run(SweepPlan plan, Path out, int jobs, Shard shard, boolean force, Runner.ReportRenderer perRun,
                             Consumer<String> log, Listener listener) throws IOException {
        listener.phase("checking " + plan.points().size() + " points");
        int nodes = plan.check();
        Files.createDirectories(out);
        byte[] manifest = manifest(plan).getBytes(StandardCharsets.UTF_8);
        Path mf = out.resolve(SweepTables.MANIFEST);
        if (Files.exists(mf) && !java.util.Arrays.equals(Files.readAllBytes(mf), manifest)) {
            if (!force) {
                throw new FolderInUse(out + " holds another sweep (its sweep.json differs from this plan): give another -o,"
                        + " or --force to discard it and start over");
            }
            log.accept("discarding the other sweep in " + out + " (--force)");
            for (String f : List.of(SweepTables.RUNS_DIR, SweepTables.RUNS_CSV, SweepTables.AGGREGATES_CSV, "charts", "report.html")) {
                deleteTree(out.resolve(f));
            }
        }
        AtomicFiles.write(mf, manifest);
        Path runsDir = Files.createDirectories(out.resolve(SweepTables.RUNS_DIR));
        StagedFolder.recover(runsDir, log);

        List<SweepPlan.Run> mine = new ArrayList<>();
        long resumed = 0;
        for (SweepPlan.Run r : plan.runs()) {
            if (!shard.owns(r.id())) {
                continue;
            }
            if (Files.isRegularFile(runsDir.resolve(r.folderName()).resolve("summary.json"))) {
                resumed++;
            } else {
                mine.add(r);
            }
        }
        if (resumed > 0) {
            log.accept("resuming: " + resumed + " finished run" + (resumed == 1 ? " is" : "s are") + " kept");
        }
        int threads = Math.max(1, Math.min(jobsFor(nodes, jobs), mine.size()));
        listener.phase("running " + mine.size() + " of " + plan.runCount() + " runs on " + threads + " thread"
                + (threads == 1 ? "" : "s"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long[] done = {0};
            for (SweepPlan.Run r : mine) {
                futures.add(pool.submit(() -> {
                    runOne(plan, r, runsDir, perRun);
                    synchronized (done) {
                        listener.runDone(++done[0], mine.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        listener.phase("writing " + SweepTables.RUNS_CSV + " and " + SweepTables.AGGREGATES_CSV);
        List<SweepTables.Aggregate> aggs = SweepTables.write(out);
        return new Result(mine.size(), resumed, plan.runCount(), threads, aggs);
    }

    /**
     * Runs {@code r} into {@code runsDir/run-NNNN} (replacing it), as the sweep does: the same
     * summary.json whoever calls it (a local thread, or a Spark task in a folder of its own).
     */
    public static void runOne(SweepPlan plan, SweepPlan.Run r, Path runsDir, Runner.ReportRenderer perRun)
            throws IOException {
        Scenario s = ScenarioParser.parse(plan.file(), r.options());
        // runs/ was recovered once before the runs started: no directory scan per run (null notes)
        Runner.execute(s, new Runner.Output(runsDir, StagedFolder.Mode.REPLACE, null, plan.record(r, s), Runner.FolderExtras.NONE,
                r.folderName()), t -> { }, perRun);
    }

    /**
     * Threads for a sweep whose largest scenario has {@code nodes} nodes: {@code requested}, but no
     * more than the heap holds (64 MiB plus 1 MiB per node each, a conservative figure).
     */
    public static int jobsFor(int nodes, int requested) {
        long perRun = BYTES_PER_RUN + nodes * BYTES_PER_NODE;
        long fit = Math.max(1, Runtime.getRuntime().maxMemory() / perRun);
        return (int) Math.max(1, Math.min(requested, fit));
    }

    /** sweep.json: the plan, with nothing about shards, threads, the machine or time, so every shard writes the same bytes. */
    public static String manifest(SweepPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", plan.file().getFileName().toString());
        ArrayNode base = root.putArray("base_overrides");
        plan.baseSets().forEach(base::add);
        root.put("master_seed", plan.spec().masterSeed());
        root.put("replications", plan.spec().replications());
        root.put("run_count", plan.runCount());
        root.put("seed_rule", "first 8 bytes, big-endian, of SHA-256(\"wgsim-sweep-run\" || master_seed || run_id), both as 8-byte big-endian");
        ArrayNode params = root.putArray("parameters");
        for (SweepSpec.Parameter p : plan.spec().parameters()) {
            ObjectNode o = params.addObject().put("path", p.path());
            ArrayNode v = o.putArray("values");
            p.values().forEach(v::add);
        }
        ArrayNode cons = root.putArray("constraints");
        plan.spec().constraints().forEach(c -> cons.add(c.text()));
        ArrayNode points = root.putArray("points");
        for (SweepPlan.Point p : plan.points()) {
            ObjectNode o = points.addObject().put("point", p.index());
            ObjectNode v = o.putObject("values");
            p.values().forEach(v::put);
            o.put("first_run", (long) p.index() * plan.spec().replications());
        }
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
