package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.sweep.SweepPlan;
import dev.wgsim.scenario.sweep.SweepRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim sweep FILE -o DIR [-j N] [--shard i/N] [--set path=value]...}: every run of the file's sweep: block. */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Run every point of the scenario's sweep: block, replications times each, in parallel; write one results"
                + " folder per run (DIR/runs/run-NNNN), runs.csv (one row per run), aggregates.csv (mean, sd and 95%% Student-t"
                + " interval per point) and a report. An interrupted sweep resumes where it stopped when run again.",
                "Exit codes: 0 ok, 2 bad input or a folder holding another sweep."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim sweep scenarios/examples/lossy-link.yaml -o results/lossy-sweep",
                "  wgsim sweep scenarios/examples/lossy-link.yaml -o shard0 --shard 0/3   (then wgsim merge -o all shard0 shard1 shard2)",
                "  wgsim run scenarios/examples/lossy-link.yaml --run-id 17   (one run of the sweep alone)"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file with a sweep: block.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "The sweep's folder (created; resumed if it holds this sweep).")
    Path output;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Runs at once (default: the number of cores; fewer if the heap cannot hold them). Results do not depend on it.")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--shard", paramLabel = "i/N", description = "Run only the runs whose id modulo N is i (0 <= i < N), e.g. for"
            + " a Slurm job array or a CI matrix; combine the folders with wgsim merge.")
    String shard;

    @Option(names = "--set", paramLabel = "path=value", description = "Override a value in every run (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--force", description = "Discard another sweep found in DIR instead of refusing.")
    boolean force;

    @Option(names = "--run-charts", description = "Also render charts and report.html inside every run's folder (slower).")
    boolean runCharts;

    @Option(names = "--metric", paramLabel = "PATH", description = "A summary figure to chart in the sweep report, e.g."
            + " flows.one-up.delivery_ratio (repeatable; default: every flow's delivery ratio and throughput).")
    List<String> metrics = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepRunner.Shard sh = parseShard();
        if (sh == null) {
            return WgsimCommand.BAD_INPUT;
        }
        RunsProgress progress = new RunsProgress(err, System.console() != null, "wgsim sweep");
        progress.phase("parsing " + file);
        SweepPlan plan = SweepPlan.of(file, sets);
        long start = System.nanoTime();
        SweepRunner.Result r;
        try {
            r = SweepRunner.run(plan, output, Math.max(1, jobs), sh, force, runCharts ? ReportsModuleHook.renderer()
                    : dev.wgsim.scenario.run.Runner.ReportRenderer.NONE, note -> err.println("wgsim sweep: " + note), progress);
            progress.phase("rendering charts");
            SweepReports.render(output, metrics);
        } catch (SweepRunner.FolderInUse | IllegalArgumentException e) {
            err.println("wgsim sweep: " + e.getMessage());
            return WgsimCommand.BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("wgsim sweep: cannot write the sweep folder: " + IoErrors.describe(output, IoErrors.io(e)));
            return WgsimCommand.BAD_INPUT;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        writeProvenance(r, wall);
        out.printf(java.util.Locale.ROOT, "sweep: %d points x %d replications = %d runs; this invocation ran %d (%d kept from before)"
                + " on %d thread%s in %.1f s%n", plan.points().size(), plan.spec().replications(), r.planned(), r.ran(), r.resumed(),
                r.jobs(), r.jobs() == 1 ? "" : "s", wall);
        out.println("runs.csv: " + output.resolve("runs.csv"));
        out.println("aggregates.csv: " + output.resolve("aggregates.csv"));
        out.println("report: " + output.resolve("report.html"));
        out.flush();
        return WgsimCommand.OK;
    }

    /**
     * sweep-provenance.json: the machine-dependent record of this invocation (command, build,
     * JVM, threads, wall time, runs/s), kept apart from the deterministic tables.
     */
    private void writeProvenance(SweepRunner.Result r, double wall) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = json.createObjectNode();
        var cmd = root.putArray("command");
        cmd.add("wgsim");
        spec.commandLine().getParseResult().originalArgs().forEach(cmd::add);
        root.put("working_directory", Path.of("").toAbsolutePath().toString());
        BuildInfo b = BuildInfo.current();
        root.putObject("wgsim").put("version", b.version()).put("commit", b.commit()).put("dirty", b.dirty());
        root.putObject("java").put("version", System.getProperty("java.version")).put("vm", System.getProperty("java.vm.name"));
        root.putObject("os").put("name", System.getProperty("os.name")).put("arch", System.getProperty("os.arch"));
        root.put("cpus", Runtime.getRuntime().availableProcessors()).put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        root.put("shard", shard == null ? "0/1" : shard).put("threads", r.jobs()).put("runs_this_invocation", r.ran())
                .put("runs_kept", r.resumed()).put("wall_seconds", Math.round(wall * 1e3) / 1e3)
                .put("runs_per_second", wall > 0 ? Math.round(r.ran() / wall * 1e3) / 1e3 : 0);
        try {
            java.nio.file.Files.writeString(output.resolve("sweep-provenance.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SweepRunner.Shard parseShard() {
        if (shard == null) {
            return SweepRunner.Shard.ALL;
        }
        String[] p = shard.split("/");
        try {
            return new SweepRunner.Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("--shard " + shard + ": write i/N with 0 <= i < N, e.g. --shard 0/3.");
            return null;
        }
    }
}
