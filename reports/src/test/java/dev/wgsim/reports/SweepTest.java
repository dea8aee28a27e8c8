package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.sweep.SweepPoint;
import dev.wgsim.reports.sweep.SweepReport;
import dev.wgsim.reports.sweep.SweepTables;
import dev.wgsim.reports.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep folders: tables from the runs' summaries, Student-t intervals, and the charts. */
class SweepTest {
    @TempDir
    Path tmp;

    /** A sweep folder of two parameters (loss 1, 5 x keepalive 0s, 25s), 3 replications; runs given as (id, throughput, drops). */
    private Path folder(double[][] runs) throws Exception {
        Path d = tmp.resolve("sweep");
        Files.createDirectories(d);
        Files.writeString(d.resolve("sweep.json"), """
                {"scenario": "lossy.yaml", "master_seed": 1, "replications": 3, "run_count": 12,
                 "parameters": [{"path": "links[0].loss", "values": ["1", "5"]},
                                {"path": "nodes[a].wireguard.peers[0].persistent_keepalive", "values": ["0s", "25s"]}],
                 "points": [{"point": 0, "values": {"links[0].loss": "1", "nodes[a].wireguard.peers[0].persistent_keepalive": "0s"}},
                            {"point": 1, "values": {"links[0].loss": "1", "nodes[a].wireguard.peers[0].persistent_keepalive": "25s"}},
                            {"point": 2, "values": {"links[0].loss": "5", "nodes[a].wireguard.peers[0].persistent_keepalive": "0s"}},
                            {"point": 3, "values": {"links[0].loss": "5", "nodes[a].wireguard.peers[0].persistent_keepalive": "25s"}}]}
                """);
        for (double[] r : runs) {
            Path run = Files.createDirectories(d.resolve(String.format(Locale.ROOT, "runs/run-%04d", (int) r[0])));
            String drops = r[2] > 0 ? String.format(Locale.ROOT, "\"loss\": %d", (long) r[2]) : "";
            Files.writeString(run.resolve("summary.json"), String.format(Locale.ROOT, """
                    {"scenario": {"name": "lossy", "seed": %d, "duration_ns": 1000},
                     "run": {"wgsim_version": "0.1.0", "events_executed": 10, "run_id": %d},
                     "flows": [{"name": "bulk", "throughput_bps": %s, "latency_ns": {"p99": 5}, "rtt_ns": null}],
                     "wireguard": {"rekeys": 0}, "drops": {%s}}
                    """, 100 + (int) r[0], (int) r[0], Double.toString(r[1]), drops));
        }
        return d;
    }

    private static double[][] full() {
        double[][] runs = new double[12][];
        for (int id = 0; id < 12; id++) {
            int point = id / 3;
            runs[id] = new double[] {id, 1e6 * (4 - point) + (id % 3) * 1e5, point >= 2 ? 3 + id % 3 : 0};
        }
        return runs;
    }

    @Test
    void meanAndStudentTIntervalPerPoint() throws Exception {
        // point 0: 1, 2, 3 -> mean 2, s = 1, t(0.975, 2) = 4.302652729749464 (t table); point 1: a single run, no interval.
        Path d = folder(new double[][] {{0, 1, 0}, {1, 2, 0}, {2, 3, 0}, {4, 7, 0}});
        List<SweepTables.Aggregate> aggs = SweepTables.write(d);
        SweepPoint p = aggs.stream().filter(a -> a.point() == 0 && a.metric().equals("flows.bulk.throughput_bps")).findFirst()
                .orElseThrow().stats();
        assertEquals(3, p.runs());
        assertEquals(2, p.mean(), 1e-12);
        assertEquals(1, p.stdDev(), 1e-12);
        double half = 4.302652729749464 / Math.sqrt(3);
        assertEquals(2 - half, p.ciLow(), 1e-9);
        assertEquals(2 + half, p.ciHigh(), 1e-9);
        SweepPoint q = aggs.stream().filter(a -> a.point() == 1 && a.metric().equals("flows.bulk.throughput_bps")).findFirst()
                .orElseThrow().stats();
        assertEquals(1, q.runs());
        assertEquals(7, q.mean());
        assertEquals(7, q.ciLow());
        assertEquals(7, q.ciHigh());
    }

    @Test
    void runsCsvHasOneRowPerRunWithParametersSeedAndFigures() throws Exception {
        Path d = folder(new double[][] {{7, 2.5, 4}, {0, 1, 0}});
        SweepTables.write(d);
        List<String> lines = Files.readAllLines(d.resolve("runs.csv"));
        assertEquals(List.of(
                "run_id,point,replication,links[0].loss,nodes[a].wireguard.peers[0].persistent_keepalive,seed,run.events_executed,"
                        + "flows.bulk.throughput_bps,flows.bulk.latency_ns.p99,wireguard.rekeys,drops.loss",
                "0,0,0,1,0s,100,10,1,5,0,0",
                "7,2,1,5,0s,107,10,2.5,5,0,4"), lines, "rows by run id; a drop reason a run never saw is 0");
        List<String> agg = Files.readAllLines(d.resolve("aggregates.csv"));
        assertEquals("point,links[0].loss,nodes[a].wireguard.peers[0].persistent_keepalive,metric,runs,mean,sd,ci95_low,ci95_high",
                agg.get(0));
        assertTrue(agg.contains("2,5,0s,drops.loss,1,4,0,4,4"), agg.toString());
    }

    @Test
    void chartsShowMeansWithErrorBarsPerSecondParameterAndAHeatMap() throws Exception {
        Path d = folder(full());
        SweepTables.Manifest m = SweepTables.manifest(d);
        List<String> stems = SweepReport.render(d, List.of("flows.bulk.throughput_bps"), ChartOptions.defaults());
        assertEquals(List.of("sweep-flows.bulk.throughput_bps", "sweep-heatmap-flows.bulk.throughput_bps"), stems);
        for (String s : stems) {
            assertTrue(Files.size(d.resolve("charts/" + s + ".png")) > 10_000, s);
            Images.parseXml(Files.readAllBytes(d.resolve("charts/" + s + ".svg")));
        }
        String html = Files.readString(d.resolve("report.html"));
        assertTrue(html.contains("4 points × 3 replications = 12 runs (12 finished)"), html);
        assertTrue(m.points().size() == 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepReport.render(d, List.of("flows.video.throughput_bps"), ChartOptions.defaults()));
        assertTrue(e.getMessage().contains("flows.video.throughput_bps"), e.getMessage());
    }

    @Test
    void lineChartHasOneSeriesPerKeepaliveWithIntervalsAroundTheMean() throws Exception {
        Path d = folder(full());
        SweepTables.Manifest m = SweepTables.manifest(d);
        var aggs = SweepTables.aggregates(m, SweepTables.runs(d, m)).stream()
                .filter(a -> a.metric().equals("flows.bulk.throughput_bps")).toList();
        Figure f = dev.wgsim.reports.sweep.SweepReportAccess.lines(m, "flows.bulk.throughput_bps", aggs);
        var ds = (org.jfree.data.xy.IntervalXYDataset) ((org.jfree.chart.plot.XYPlot) f.chart().getPlot()).getDataset();
        assertEquals(2, ds.getSeriesCount(), "one line per keepalive value");
        assertEquals(2, ds.getItemCount(0), "one point per loss value");
        assertEquals(1.0, ds.getXValue(0, 0));
        assertEquals(5.0, ds.getXValue(0, 1), "numeric parameter values are placed at their value");
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 2; i++) {
                assertTrue(ds.getStartYValue(s, i) < ds.getYValue(s, i) && ds.getYValue(s, i) < ds.getEndYValue(s, i));
            }
        }
        ChartWriter.Rendered img = ChartWriter.render(f.chart(), 900, 500, 2);
        assertTrue(Images.inkIn(img.image(), img.dataAreas().get(0))[1] > 1000);
    }
}
