package dev.wgsim.scenario.cli;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.compare.Compare;
import dev.wgsim.reports.results.ResultsFormatException;
import dev.wgsim.scenario.results.StagedFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim compare RUN RUN...}: results folders side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Compare two or more results folders: print a side-by-side table of their summary figures and write"
                + " DIR/compare/ with compare.csv (every figure), overlaid goodput, latency CDF and handshake charts, and report.html.",
                "Exit codes: 0 ok, 2 a folder is not a results folder."},
        footerHeading = "%nExample:%n",
        footer = {"  wgsim compare results/lossy-link results/lossy-link-2 -o results"})
final class CompareCommand implements Callable<Integer> {
    static final int PRINTED_ROWS = 40;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "RUN", description = "Results folders written by wgsim run (two or more).")
    List<Path> runs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Parent of the comparison folder DIR/compare"
            + " (default: results; an existing one is kept and the new one named compare-2, ... unless --force).")
    Path output = Path.of("results");

    @Option(names = "--force", description = "Replace DIR/compare if it exists.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path r : runs) {
            if (!Files.isRegularFile(r.resolve("summary.json"))) {
                err.println("wgsim compare: " + r + ": not a results folder (no summary.json). Give folders wgsim run wrote.");
                return WgsimCommand.BAD_INPUT;
            }
        }
        Compare.Table t;
        Path done;
        try (StagedFolder folder = StagedFolder.begin(output, "compare", note -> err.println("wgsim compare: " + note))) {
            t = Compare.render(runs, folder.dir(), ChartOptions.defaults());
            done = folder.commit(force ? StagedFolder.Mode.REPLACE : StagedFolder.Mode.NEW_NAME);
        } catch (ResultsFormatException e) {
            err.println("wgsim compare: " + e.getMessage());
            return WgsimCommand.BAD_INPUT;
        } catch (IOException | UncheckedIOException e) {
            err.println("wgsim compare: cannot write the comparison: " + IoErrors.describe(output, IoErrors.io(e)));
            return WgsimCommand.BAD_INPUT;
        }
        print(out, t);
        out.println("compare: " + done + " (compare.csv, charts/, report.html)");
        out.flush();
        return WgsimCommand.OK;
    }

    static void print(PrintWriter out, Compare.Table t) {
        List<String> rows = Compare.headline(t);
        int w = Math.max(6, rows.stream().mapToInt(String::length).max().orElse(6));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", "figure"));
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            int cw = t.columns().get(i).label().length();
            for (String r : rows) {
                cw = Math.max(cw, t.cell(r, i).length());
            }
            widths.add(cw);
            head.append("  ").append(String.format(Locale.ROOT, "%" + cw + "s", t.columns().get(i).label()));
        }
        out.println(head);
        int shown = 0;
        for (String r : rows) {
            if (++shown > PRINTED_ROWS) {
                out.println("... and " + (rows.size() - PRINTED_ROWS) + " more rows (every figure is in compare.csv)");
                break;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + w + "s", r));
            for (int i = 0; i < t.columns().size(); i++) {
                line.append("  ").append(String.format(Locale.ROOT, "%" + widths.get(i) + "s", t.cell(r, i)));
            }
            out.println(line);
        }
    }
}
