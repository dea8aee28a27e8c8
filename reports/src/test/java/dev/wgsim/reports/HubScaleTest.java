package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartKind;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.testing.Images;
import dev.wgsim.reports.testing.SyntheticRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 spokes: charts aggregate (total, top flows, others) and rendering stays quick. */
class HubScaleTest {
    @TempDir
    static Path tmp;
    static SyntheticRun run;
    static Path dir;
    static RenderResult result;
    static long wallMs;
    static long cpuMs;
    static ResultsFolder read;

    @BeforeAll
    static void render() {
        run = SyntheticRun.hub(tmp.resolve("hub"), 9, 1000);
        dir = run.write();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        result = ReportRenderer.render(dir, ChartOptions.defaults());
        wallMs = (System.nanoTime() - t0) / 1_000_000;
        cpuMs = (os.getProcessCpuTime() - c0) / 1_000_000;
        // CPU time is the figure to compare: wall time depends on how busy the shared machine is.
        System.out.printf("hub-1000 render: %d ms wall, %d ms process CPU (load average %.1f)%n",
                wallMs, cpuMs, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        read = ResultsFolder.read(dir);
    }

    @Test
    void rendersEveryChartWithBoundedLegends() throws Exception {
        assertEquals(6, result.charts().size());
        ResultsFolder r = read;
        for (var f : Charts.build(r, ChartOptions.defaults())) {
            int legend = f.chart().getPlot().getLegendItems().getItemCount();
            assertTrue(legend <= 16, f.stem() + " has " + legend + " legend entries");
        }
        // Generous: the figure to look at is the printed one; this only catches a pathological slowdown.
        assertTrue(wallMs < 120_000, "render took " + wallMs + " ms");
    }

    @Test
    void aggregatedThroughputTotalStillEqualsDeliveredBytes() {
        ResultsFolder r = read;
        var f = Charts.build(r, ChartOptions.defaults().withCharts(java.util.EnumSet.of(ChartKind.THROUGHPUT))).get(0);
        JFreeChart c = f.chart();
        XYPlot total = ((CombinedDomainXYPlot) c.getPlot()).getSubplots().get(0);
        XYDataset ds = total.getDataset();
        assertEquals(1, ds.getSeriesCount());
        double bin = dev.wgsim.reports.charts.ThroughputChart.data(r, ChartOptions.defaults()).binning().seconds();
        double bytes = 0;
        for (int i = 0; i < ds.getItemCount(0); i++) {
            bytes += ds.getYValue(0, i) * f.yUnit() * bin / 8;
        }
        long expected = run.deliveredBytes.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(expected, bytes, expected * 1e-9);
        XYPlot each = ((CombinedDomainXYPlot) c.getPlot()).getSubplots().get(1);
        assertEquals(9, each.getDataset().getSeriesCount(), "8 top flows and the others' mean");
    }

    @Test
    void reportStaysSmallAndSelfContained() throws Exception {
        String html = Files.readString(result.report());
        assertTrue(html.contains("+"), "topology rows are capped");
        assertTrue(html.contains("more are in summary.json"), "flow table capped");
        assertTrue(Files.size(result.report()) < 6_000_000, "report.html is " + Files.size(result.report()) + " bytes");
        assertTrue(!html.contains("http://") && !html.contains("https://"));
        for (String stem : result.charts()) {
            Images.parseXml(Files.readAllBytes(dir.resolve("charts/" + stem + ".svg")));
        }
    }
}
