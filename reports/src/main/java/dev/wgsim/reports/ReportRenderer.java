package dev.wgsim.reports;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.Palette;
import dev.wgsim.reports.html.HtmlReport;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The entry point: renders a results folder's charts into {@code charts/} (PNG and SVG) and its
 * {@code report.html}, each file written atomically. Reads only the folder, so it re-renders any
 * past run.
 */
public final class ReportRenderer {
    private static final Pattern ROOT_ATTRS =
            Pattern.compile("^<svg ([^>]*?)\\s*width='[^']*' height='[^']*'");
    private static final Pattern XMLNS = Pattern.compile(" xmlns(:\\w+)?='[^']*'");

    private ReportRenderer() {}

    /** Renders with the default options. */
    public static RenderResult render(Path resultsDir) {
        return render(resultsDir, ChartOptions.defaults());
    }

    public static RenderResult render(Path resultsDir, ChartOptions options) {
        ResultsFolder r = ResultsFolder.read(resultsDir);
        List<Figure> figures = Charts.build(r, options);
        Path chartsDir = resultsDir.resolve("charts");
        List<Path> files = new ArrayList<>();
        List<HtmlReport.Chart> inline = new ArrayList<>();
        // Figures are independent: render them side by side; output order stays the report order.
        List<String[]> svgs = figures.parallelStream().map(f -> {
            Path png = chartsDir.resolve(f.stem() + ".png");
            ChartWriter.writePng(f, options.width(), options.height(), options.pngScale(), png);
            String svg = ChartWriter.svgElement(f.chart(), options.width(), options.height(),
                    "wgsim-" + f.stem() + "-", true);
            AtomicFiles.write(chartsDir.resolve(f.stem() + ".svg"),
                    ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n").getBytes(StandardCharsets.UTF_8));
            return new String[] {f.stem(), svg};
        }).toList();
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            files.add(chartsDir.resolve(f.stem() + ".png"));
            files.add(chartsDir.resolve(f.stem() + ".svg"));
            inline.add(new HtmlReport.Chart(f.stem(), f.caption(), forInlining(svgs.get(i)[1]),
                    "charts/" + f.stem() + ".png"));
        }
        Palette nodes = new Palette(r.summary().topology().nodes().stream().map(Topology.Node::name).toList());
        Path report = resultsDir.resolve("report.html");
        AtomicFiles.write(report, HtmlReport.render(r, inline, nodes).getBytes(StandardCharsets.UTF_8));
        files.add(report);
        return new RenderResult(report, files, figures.stream().map(Figure::stem).toList());
    }

    /**
     * Writes only the chart PNGs into {@code targetDir} as {@code <prefix>-<chart>.png}: what the
     * README's images are regenerated with.
     */
    public static List<Path> exportPngs(Path resultsDir, ChartOptions options, Path targetDir, String prefix) {
        ResultsFolder r = ResultsFolder.read(resultsDir);
        List<Path> out = new ArrayList<>();
        for (Figure f : Charts.build(r, options)) {
            Path p = targetDir.resolve(prefix + "-" + f.stem() + ".png");
            ChartWriter.writePng(f, options.width(), options.height(), options.pngScale(), p);
            out.add(p);
        }
        return out;
    }

    /** An SVG element for a page: sized by CSS (no fixed width/height) and without namespace declarations. */
    static String forInlining(String svgElement) {
        String s = ROOT_ATTRS.matcher(svgElement).replaceFirst("<svg $1");
        return XMLNS.matcher(s).replaceAll("");
    }
}
