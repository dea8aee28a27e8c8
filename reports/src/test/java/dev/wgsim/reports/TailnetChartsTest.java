package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.TailnetCharts;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.sweep.SweepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.BoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tailnet traffic charts, from summary.json's tailnet block with figures worked out by hand. */
class TailnetChartsTest {
    static final String SUMMARY = """
            {"scenario": {"name": "t", "duration_ns": 3000000000},
             "tailnet": {
               "pairs": [
                 {"node": "a", "peer": "b", "bytes_direct": 9000, "bytes_relayed": 1000, "time_to_direct_s": 0.5},
                 {"node": "c", "peer": "d", "bytes_direct": 0, "bytes_relayed": 500, "time_to_direct_s": null},
                 {"node": "e", "peer": "f", "bytes_direct": 0, "bytes_relayed": 0, "time_to_direct_s": null}],
               "relay_load": {"bin_s": 0.5, "bytes": {"nyc": [0, 125, 250], "fra": [10, 0, 0]}}}}
            """;

    @Test
    void relayedShareIsRelayedBytesOverAllBytesPerPair(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), SUMMARY);
        ResultsFolder r = ResultsFolder.read(dir);
        List<TailnetCharts.Share> shares = TailnetCharts.shares(r);
        // e > f sent nothing: no bar. Most bytes first.
        assertEquals(List.of("a", "c"), shares.stream().map(TailnetCharts.Share::node).toList());
        assertEquals(10.0, shares.get(0).relayedPercent(), 1e-12);   // 1000 / 10000
        assertEquals(100.0, shares.get(1).relayedPercent(), 1e-12);  // relayed only
        Figure f = Charts.build(r, ChartOptions.defaults()).stream().filter(x -> x.stem().equals("tailnet-relayed"))
                .findFirst().orElseThrow();
        CategoryDataset ds = ((CategoryPlot) f.chart().getPlot()).getDataset();
        assertEquals(100.0, ds.getValue("relayed (DERP)", "c → d").doubleValue(), 1e-12);
        assertEquals(0.0, ds.getValue("direct", "c → d").doubleValue(), 1e-12);
        assertEquals(90.0, ds.getValue("direct", "a → b").doubleValue(), 1e-12);
        // 1500 of 10500 bytes relayed overall.
        boolean said = false;
        for (int i = 0; i < f.chart().getSubtitleCount(); i++) {
            if (f.chart().getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                said |= t.getText().contains("all pairs: 14.3% of 10.3 KiB relayed");
            }
        }
        assertTrue(said, "the subtitle gives the overall share");
    }

    @Test
    void relayLoadIsBitsPerSecondPerBinPerRegion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), SUMMARY);
        ResultsFolder r = ResultsFolder.read(dir);
        Figure f = Charts.build(r, ChartOptions.defaults()).stream().filter(x -> x.stem().equals("tailnet-relay-load"))
                .findFirst().orElseThrow();
        XYDataset ds = ((XYPlot) f.chart().getPlot()).getDataset();
        assertEquals(2, ds.getSeriesCount());
        assertEquals("nyc", ds.getSeriesKey(0));
        // 125 bytes in 0.5 s = 2000 bit/s from 0.5 s; 250 bytes = 4000 bit/s from 1.0 s.
        assertEquals(0.5, ds.getXValue(0, 1), 1e-12);
        assertEquals(2000, ds.getYValue(0, 1), 1e-9);
        assertEquals(4000, ds.getYValue(0, 2), 1e-9);
        assertEquals(160, ds.getYValue(1, 0), 1e-9); // fra: 10 bytes in the first half second
    }

    @Test
    void noTailnetNoTrafficCharts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\": {\"name\": \"m\", \"duration_ns\": 1000000000}}");
        ResultsFolder r = ResultsFolder.read(dir);
        assertFalse(Charts.build(r, ChartOptions.defaults()).stream().anyMatch(f -> f.stem().startsWith("tailnet")));
    }

    @Test
    void timeToDirectIsADistributionOverRunsWithTheNeverDirectRunsCounted(@TempDir Path tmp) throws Exception {
        // A sweep of one parameter, 1 point x 3 replications: a > b went direct after 0.5, 1.5 and never.
        Path d = Files.createDirectories(tmp.resolve("sweep"));
        Files.writeString(d.resolve("sweep.json"), """
                {"scenario": "t.yaml", "master_seed": 1, "replications": 3, "run_count": 3,
                 "parameters": [{"path": "tailnet.control.delay", "values": ["20ms"]}],
                 "points": [{"point": 0, "values": {"tailnet.control.delay": "20ms"}}]}
                """);
        String[] ttd = {"0.5", "1.5", "null"};
        for (int id = 0; id < 3; id++) {
            Path run = Files.createDirectories(d.resolve(String.format(Locale.ROOT, "runs/run-%04d", id)));
            Files.writeString(run.resolve("summary.json"), String.format(Locale.ROOT, """
                    {"scenario": {"name": "t", "seed": %d, "duration_ns": 1000},
                     "run": {"wgsim_version": "0.1.0", "events_executed": 10, "run_id": %d},
                     "flows": [{"name": "p", "throughput_bps": 1, "delivery_ratio": 1}], "wireguard": {}, "drops": {},
                     "tailnet": {"pairs": [{"node": "a", "peer": "b", "time_to_direct_s": %s},
                                           {"node": "c", "peer": "d", "time_to_direct_s": null}]}}
                    """, 100 + id, id, ttd[id]));
        }
        List<TailnetCharts.Samples> s = TailnetCharts.timeToDirect(TailnetCharts.runSummaries(d));
        assertEquals(2, s.size());
        assertEquals(List.of(0.5, 1.5), s.get(0).seconds());
        assertEquals(1, s.get(0).never());
        assertEquals(List.of(), s.get(1).seconds());
        assertEquals(3, s.get(1).never());
        Figure f = TailnetCharts.timeToDirectFigure(s, 3);
        BoxAndWhiskerCategoryDataset ds = (BoxAndWhiskerCategoryDataset) ((CategoryPlot) f.chart().getPlot()).getDataset();
        assertEquals(1, ds.getColumnCount(), "c > d never went direct: no box");
        assertEquals("a → b (2/3 runs)", ds.getColumnKey(0));
        assertEquals(1.0, ds.getMedianValue(0, 0).doubleValue(), 1e-12); // median of 0.5 and 1.5
        List<String> stems = SweepReport.render(d, List.of(), ChartOptions.defaults());
        assertTrue(stems.contains("tailnet-time-to-direct"), stems.toString());
        assertTrue(Files.isRegularFile(d.resolve("charts/tailnet-time-to-direct.png")));
    }

    @Test
    void eachSweepPointIsItsOwnBoxSoConditionsAreNotPooled() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> runs = List.of(
                json.readTree("{\"run\": {\"run_id\": 0}, \"tailnet\": {\"pairs\": [{\"node\": \"a\", \"peer\": \"b\", \"time_to_direct_s\": 0.1}]}}"),
                json.readTree("{\"run\": {\"run_id\": 1}, \"tailnet\": {\"pairs\": [{\"node\": \"a\", \"peer\": \"b\", \"time_to_direct_s\": 0.3}]}}"));
        List<TailnetCharts.Samples> s = TailnetCharts.timeToDirect(runs,
                r -> r.path("run").path("run_id").asLong() == 0 ? "delay=15ms" : "delay=40ms");
        assertEquals(List.of("delay=15ms", "delay=40ms"), s.stream().map(TailnetCharts.Samples::series).toList());
        BoxAndWhiskerCategoryDataset ds = (BoxAndWhiskerCategoryDataset) ((CategoryPlot) TailnetCharts
                .timeToDirectFigure(s, 2).chart().getPlot()).getDataset();
        assertEquals(2, ds.getRowCount(), "one box per point");
        assertEquals(1, ds.getColumnCount());
        assertEquals("a → b (2/2 runs)", ds.getColumnKey(0));
        assertEquals(0.1, ds.getMedianValue("delay=15ms", "a → b (2/2 runs)").doubleValue(), 1e-12);
        assertEquals(0.3, ds.getMedianValue("delay=40ms", "a → b (2/2 runs)").doubleValue(), 1e-12);
    }
}
