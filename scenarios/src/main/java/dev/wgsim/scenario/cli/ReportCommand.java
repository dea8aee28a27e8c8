package dev.wgsim.scenario.cli;

import dev.wgsim.reports.RenderResult;
import dev.wgsim.reports.ReportRenderer;
import dev.wgsim.reports.charts.ChartKind;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.results.ResultsFormatException;
import dev.wgsim.reports.sweep.SweepReport;
import dev.wgsim.reports.sweep.SweepTables;
import dev.wgsim.scenario.units.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wgsim report DIR}: re-render charts and report.html from a results folder (or a sweep
 * folder), without re-running; with {@code --export-png} only the chart PNGs, named for a README
 * or a paper.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Re-render charts and report.html from a results folder, or from a sweep folder (wgsim sweep), without re-running.",
                "Exit codes: 0 ok, 2 not a results folder or bad options."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim report results/cryptokey-routing",
                "  wgsim report results/cryptokey-routing --charts throughput,handshakes --bin 5s --size 1200x600",
                "  wgsim report results/cryptokey-routing --export-png docs/images --prefix cryptokey-routing",
                "  wgsim report results/lossy-sweep --metric flows.one-up.delivery_ratio"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A results folder written by wgsim run, or a sweep folder.")
    Path dir;

    @Option(names = "--charts", paramLabel = "LIST", split = ",", description = "Only these charts, e.g. throughput,latency,handshakes"
            + " (default: every chart that applies).")
    List<String> charts = new ArrayList<>();

    @Option(names = "--bin", paramLabel = "DURATION", description = "Time bin of time-series charts, e.g. 5s (default: automatic).")
    String bin;

    @Option(names = "--size", paramLabel = "WxH", description = "Chart size in points, e.g. 900x500 (the default).")
    String size;

    @Option(names = "--scale", paramLabel = "X", description = "PNG pixels per point (default: 2).")
    Double scale;

    @Option(names = "--export-png", paramLabel = "OUTDIR",
            description = "Write only the chart PNGs into OUTDIR as PREFIX-<chart>.png (the results folder is unchanged).")
    Path exportDir;

    @Option(names = "--prefix", defaultValue = "chart", description = "File name prefix for --export-png (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--metric", paramLabel = "PATH", description = "Sweep folders: a summary figure to chart, e.g."
            + " flows.one-up.delivery_ratio (repeatable; default: every flow's delivery ratio and throughput).")
    List<String> metrics = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        ChartOptions o;
        try {
            o = options();
        } catch (IllegalArgumentException e) {
            err.println("wgsim report: " + e.getMessage());
            return WgsimCommand.BAD_INPUT;
        }
        try {
            if (SweepTables.isSweep(dir)) {
                for (String stem : SweepReport.render(dir, metrics, o)) {
                    out.println("wrote " + dir.resolve("charts").resolve(stem + ".png"));
                }
                out.println("rendered " + dir.resolve("report.html"));
                return WgsimCommand.OK;
            }
            if (!Files.isRegularFile(dir.resolve("summary.json"))) {
                err.println(dir + ": not a results folder (no summary.json). Give the folder `wgsim run` or `wgsim sweep` wrote.");
                return WgsimCommand.BAD_INPUT;
            }
            if (exportDir != null) {
                for (Path p : ReportRenderer.exportPngs(dir, o, exportDir, prefix)) {
                    out.println("wrote " + p);
                }
                return WgsimCommand.OK;
            }
            RenderResult r = ReportRenderer.render(dir, o);
            out.println("charts: " + String.join(", ", r.charts()));
            out.println("rendered " + r.report());
            return WgsimCommand.OK;
        } catch (ResultsFormatException | IllegalArgumentException e) {
            err.println("wgsim report: " + e.getMessage());
            return WgsimCommand.BAD_INPUT;
        }
    }

    private ChartOptions options() {
        ChartOptions o = ChartOptions.defaults();
        if (!charts.isEmpty()) {
            Set<ChartKind> kinds = EnumSet.noneOf(ChartKind.class);
            charts.stream().filter(c -> !c.isBlank()).forEach(c -> kinds.add(ChartKind.parse(c.strip())));
            o = o.withCharts(kinds);
        }
        if (bin != null) {
            o = o.withTimeBinNanos(Units.parseDuration(bin));
        }
        if (size != null) {
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                o = o.withSize(Integer.parseInt(wh[0].strip()), Integer.parseInt(wh[1].strip()), o.pngScale());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--size: expected WIDTHxHEIGHT, e.g. 900x500");
            }
        }
        if (scale != null) {
            o = o.withSize(o.width(), o.height(), scale);
        }
        return o;
    }
}
