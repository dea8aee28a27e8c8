package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.golden.GoldenTraceFile;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TraceLevel;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.results.StagedFolder;
import dev.wgsim.scenario.results.RunRecord;
import dev.wgsim.scenario.run.RunResult;
import dev.wgsim.scenario.run.Runner;
import dev.wgsim.scenario.sweep.SweepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim run FILE [-o DIR] [--force] [--seed N] [--set path=value]... [--trace LEVEL]} */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Run a scenario, print a summary and write its results folder (DIR/<scenario name>/).",
                "Exit codes: 0 ok, 1 an expectation or the golden trace failed, 2 bad input."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim run scenarios/examples/lossy-link.yaml",
                "  wgsim run scenarios/examples/lossy-link.yaml --seed 7 --set links[one-inet].loss=0.02 -o out",
                "  wgsim run scenarios/examples/lossy-link.yaml --run-id 17   (run 17 of its sweep: block alone)",
                "  wgsim run scenarios/regression/unreachable-peer.yaml --golden scenarios/regression/golden/unreachable-peer.jsonl"})
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Parent folder of the results folder (default: results).")
    Path output = Path.of("results");

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed (scenario.seed).")
    Long seed;

    @Option(names = "--set", paramLabel = "path=value", description = "Override a value, e.g. --set links[0].loss=0.05 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--run-id", paramLabel = "N", description = "Run only run N of the file's sweep: block, exactly as wgsim sweep"
            + " ran it (its point's values and its seed, derived from the master seed and N).")
    Long runId;

    @Option(names = "--force", description = "Replace DIR/<name> if it exists (atomically: the old folder stays until the new one is"
            + " complete). Without it a run never overwrites: it writes DIR/<name>-2, -3, ... and says so.")
    boolean force;

    @Option(names = "--no-results", description = "Run and print the summary without writing a results folder.")
    boolean noResults;

    @Option(names = "--flow-detail", description = "List every flow in summary.json and metrics/ even above 1000 flows"
            + " (by default flows made from one count: entry are then aggregated in flow_groups).")
    boolean flowDetail;

    @Option(names = "--trace", paramLabel = "LEVEL", description = "What events.jsonl gets: packets (every event, the default),"
            + " protocol (no per-packet events) or none (no events.jsonl); same as --set scenario.trace=LEVEL.")
    String trace;

    @Option(names = "--golden", paramLabel = "FILE", description = "Compare the run's wg.* events with this stored trace (exit 1 on a difference).")
    Path golden;

    @Option(names = "--update-golden", description = "Write the run's wg.* events to the --golden file instead of comparing.")
    boolean updateGolden;

    @Override
    public Integer call() throws Exception {
        if (updateGolden && golden == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--update-golden needs --golden FILE");
        }
        if (trace != null) {
            try {
                TraceLevel.of(trace);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--trace " + trace + ": unknown trace level; write packets, protocol or none");
            }
            // As an override, so results' provenance and `wgsim reproduce` carry it like any other.
            sets.add("scenario.trace=" + trace);
        }
        var errw = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        errw.println("wgsim run: parsing " + file);
        errw.flush();
        SweepPlan plan = null;
        SweepPlan.Run sweepRun = null;
        Scenario s;
        if (runId != null) {
            if (seed != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--run-id takes its seed from the sweep; drop --seed (or change sweep.seed)");
            }
            ScenarioParser.parse(file, new ScenarioParser.Options(sets, OptionalLong.empty())); // located errors first
            plan = SweepPlan.of(file, sets);
            sweepRun = plan.run(runId);
            s = ScenarioParser.parse(file, sweepRun.options());
        } else {
            s = ScenarioParser.parse(file, new ScenarioParser.Options(sets,
                    seed == null ? OptionalLong.empty() : OptionalLong.of(seed)));
        }
        var out = spec.commandLine().getOut();
        s.warnings().forEach(w -> errw.println(w));
        errw.flush();
        Progress progress = new Progress(errw, tty, s.duration());
        Runner.Output where = null;
        if (!noResults) {
            RunRecord record = plan != null ? plan.record(sweepRun, s)
                    : RunRecord.of(file, s, RunRecord.seedFrom(file, seed != null, sets), sets, OptionalLong.empty());
            Provenance provenance = new Provenance(spec.commandLine().getParseResult().originalArgs(), file, record,
                    Provenance.shapingArgs(seed, sets, runId));
            where = new Runner.Output(output, force ? StagedFolder.Mode.REPLACE : StagedFolder.Mode.NEW_NAME,
                    note -> errw.println("wgsim run: " + note), record, provenance, null, flowDetail);
        }
        // Only a run that compares (or writes) a golden trace keeps its wg.* events.
        GoldenTraceFile.Recorder goldenLines = new GoldenTraceFile.Recorder();
        RunResult r;
        try {
            r = Runner.execute(s, where, progress, ReportsModuleHook.renderer(),
                    golden == null ? List.of() : List.of(goldenLines));
        } catch (IOException | UncheckedIOException e) {
            IOException io = IoErrors.io(e);
            errw.println("wgsim run: cannot write the results folder: " + IoErrors.describe(output, io));
            errw.flush();
            return WgsimCommand.BAD_INPUT;
        }
        progress.done();
        if (r.folder() != null && !r.folder().getFileName().toString().equals(s.name())) {
            errw.println("wgsim run: " + output.resolve(s.name()) + " already exists, so this run went to " + r.folder()
                    + " (--force replaces instead)");
        }
        SummaryPrinter.print(out, r);
        boolean goldenOk = golden == null || GoldenCheck.apply(out, golden, updateGolden, goldenLines.lines());
        out.flush();
        return r.passed() && goldenOk ? WgsimCommand.OK : WgsimCommand.EXPECTATIONS_FAILED;
    }
}
