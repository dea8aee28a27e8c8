package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartKind;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.LatencyData;
import dev.wgsim.reports.results.LatencyKind;
import dev.wgsim.reports.results.LatencyStats;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs with many flows: the distribution over all flows (CDFs of per-flow delivery ratio and p99
 * from metrics/flows.csv), and the latency charts' own series are the worst flows by p99.
 */
class FlowDistributionChartTest {

    @Test
    void cdfOverAllFlowsOfTheirDeliveryRatioAndP99(@TempDir Path tmp) throws IOException {
        Path dir = SyntheticRun.small(tmp.resolve("r"), 3).write();
        // 2,000 flows: flow i delivers (i+1)/2000 of its packets and has a p99 RTT of (i+1) ms; 10 sent nothing.
        StringBuilder csv = new StringBuilder("flow,group,sent_packets,delivered_packets,delivery_ratio,one_way_p99_ms,rtt_p99_ms\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(String.format(Locale.ROOT, "p-%d,p-{i},2000,%d,%s,,%d.0%n", i + 1, i + 1, (i + 1) / 2000.0, i + 1));
        }
        for (int i = 0; i < 10; i++) {
            csv.append("idle-").append(i).append(",,0,0,,,\n");
        }
        Files.writeString(dir.resolve("metrics/flows.csv"), csv);
        ResultsFolder r = ResultsFolder.read(dir);
        assertEquals(2010, r.flows().size());
        assertTrue(Double.isNaN(r.flows().get(2000).deliveryRatio()), "an empty cell reads as no value");
        var figures = Charts.build(r, ChartOptions.defaults().withCharts(EnumSet.of(ChartKind.FLOWS)));
        assertEquals(1, figures.size());
        assertEquals("flows-cdf", figures.get(0).stem());
        List<XYPlot> plots = ((CombinedRangeXYPlot) figures.get(0).chart().getPlot()).getSubplots();
        assertEquals(2, plots.size());
        XYDataset ratio = plots.get(0).getDataset();
        XYDataset p99 = plots.get(1).getDataset();
        int n = ratio.getItemCount(0);
        assertTrue(n > 100 && n <= 402, "thinned, not one point per flow: " + n);
        // The curve's points are (x, fraction of the 2,000 flows that sent with a value <= x).
        for (int i = 0; i < n; i++) {
            double x = ratio.getXValue(0, i);
            assertEquals(Math.round(x * 2000) / 2000.0, ratio.getYValue(0, i), 1e-9, "at ratio " + x);
        }
        assertEquals(1.0, ratio.getXValue(0, n - 1));
        assertEquals(2000.0, p99.getXValue(0, p99.getItemCount(0) - 1), "the worst p99 ends the curve");
        assertEquals(1.0, p99.getYValue(0, p99.getItemCount(0) - 1));
        // nearest rank: the 1,000th of 2,000 p99s is 1,000 ms
        assertEquals("p99 RTT (median 1.00 s, worst 2.00 s)", p99.getSeriesKey(0).toString());

        // report.html: one row for the group, not 2,000 (worst flow 1/2000, p10 200/2000, median 1000/2000).
        RenderResult out = ReportRenderer.render(dir, ChartOptions.defaults().withCharts(EnumSet.of(ChartKind.FLOWS)));
        String html = Files.readString(out.report());
        assertTrue(html.contains("<h3>Flow groups</h3>"), "a groups table");
        assertTrue(html.contains("<tr><td>p-{i}</td><td>2000</td>"), "one row for the group");
        assertTrue(html.contains("<td>0.05 %</td><td>10.00 %</td><td>50.00 %</td><td>1.00 s RTT</td><td>1.80 s RTT</td>"
                + "<td>2.00 s RTT</td></tr>"), "worst, p10 (200th of 2,000) and median flow's delivery, then p99s");
        assertTrue(out.charts().contains("flows-cdf"));
    }

    @Test
    void fewFlowsGetNoDistributionChart(@TempDir Path tmp) {
        ResultsFolder r = ResultsFolder.read(SyntheticRun.small(tmp.resolve("r"), 3).write());
        assertTrue(r.flows().isEmpty(), "an older folder without flows.csv");
        assertTrue(Charts.build(r, ChartOptions.defaults()).stream().noneMatch(f -> f.stem().equals("flows-cdf")));
    }

    @Test
    void latencySeriesOfAHubAreTheWorstFlowsByP99(@TempDir Path tmp) {
        ResultsFolder r = ResultsFolder.read(SyntheticRun.hub(tmp.resolve("hub"), 5, 300).write());
        int maxSeries = ChartOptions.defaults().maxSeries();
        for (LatencyKind kind : LatencyKind.values()) {
            List<String> shown = LatencyData.groups(r, maxSeries).stream()
                    .filter(g -> g.kind() == kind && !g.name().startsWith("others")).map(LatencyData.Group::name).sorted().toList();
            if (shown.isEmpty()) {
                continue;
            }
            // Ranked here from latency-summary.csv: highest p99 first, ties by name.
            List<String> worst = r.latencyStats().stream().filter(s -> s.kind() == kind)
                    .sorted(Comparator.comparingDouble(LatencyStats::p99Ms).reversed().thenComparing(LatencyStats::flow))
                    .limit(shown.size()).map(LatencyStats::flow).sorted().toList();
            assertFalse(worst.isEmpty());
            assertEquals(worst, shown, kind + ": the series shown are the worst by p99");
        }
    }
}
