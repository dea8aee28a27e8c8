package dev.wgsim.scenario.cli;

import dev.wgsim.reports.ChartOptions;
import dev.wgsim.reports.ReportRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim report DIR}: re-render charts and report.html from a results folder, without
 * re-running; with {@code --export-png} only the chart PNGs, named for a README or a paper.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Re-render charts and report.html from a results folder, without re-running.",
                "Exit codes: 0 ok, 2 not a results folder."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim report results/cryptokey-routing",
                "  wgsim report results/cryptokey-routing --export-png docs/images --prefix cryptokey-routing"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by wgsim run.")
    Path dir;

    @Option(names = "--export-png", paramLabel = "OUTDIR",
            description = "Write only the chart PNGs into OUTDIR as PREFIX-<chart>.png (the results folder is unchanged).")
    Path exportDir;

    @Option(names = "--prefix", defaultValue = "chart", description = "File name prefix for --export-png (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve("summary.json"))) {
            spec.commandLine().getErr().println(dir + ": not a results folder (no summary.json). Give the folder `wgsim run` wrote.");
            return WgsimCommand.BAD_INPUT;
        }
        if (exportDir != null) {
            for (Path p : ReportRenderer.exportPngs(dir, ChartOptions.defaults(), exportDir, prefix)) {
                spec.commandLine().getOut().println("wrote " + p);
            }
            return WgsimCommand.OK;
        }
        Reports.renderer().render(dir);
        spec.commandLine().getOut().println("rendered " + dir.resolve("report.html"));
        return WgsimCommand.OK;
    }
}
