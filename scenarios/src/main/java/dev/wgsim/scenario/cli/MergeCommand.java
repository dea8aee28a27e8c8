package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.sweep.SweepMerge;
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

/** {@code wgsim merge -o OUT DIR...}: combine shard folders of one sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Combine the folders of one sweep (its --shard i/N outputs, in any order) into one, with runs.csv,"
                + " aggregates.csv and the report computed over all runs.",
                "Exit codes: 0 ok, 2 a folder is not a sweep, is another sweep, or disagrees on a run."},
        footerHeading = "%nExample:%n",
        footer = {"  wgsim merge -o results/lossy-sweep shard0 shard1 shard2"})
final class MergeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Sweep folders written by wgsim sweep (e.g. one per shard).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "The merged sweep folder.")
    Path output;

    @Option(names = "--metric", paramLabel = "PATH", description = "A summary figure to chart in the report (repeatable).")
    List<String> metrics = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SweepMerge.merge(output, inputs, note -> err.println("wgsim merge: " + note));
            SweepReports.render(output, metrics);
        } catch (SweepMerge.Mismatch | IllegalArgumentException e) {
            err.println("wgsim merge: " + e.getMessage());
            return WgsimCommand.BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("wgsim merge: cannot write the merged folder: " + IoErrors.describe(output, IoErrors.io(e)));
            return WgsimCommand.BAD_INPUT;
        }
        out.println("aggregates.csv: " + output.resolve("aggregates.csv"));
        out.println("report: " + output.resolve("report.html"));
        out.flush();
        return WgsimCommand.OK;
    }
}
