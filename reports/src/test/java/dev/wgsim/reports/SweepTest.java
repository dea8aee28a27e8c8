package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.sweep.Sweep;
import dev.wgsim.reports.sweep.SweepPoint;
import dev.wgsim.reports.sweep.SweepRun;
import dev.wgsim.reports.testing.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {
    @TempDir
    Path tmp;

    private Path summary(String name, double rekeys, double throughput) throws Exception {
        Path d = tmp.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("summary.json"), String.format(Locale.ROOT,
                "{\"scenario\":{\"name\":\"lossy\",\"seed\":1,\"duration_ns\":1000},"
                        + "\"wireguard\":{\"rekeys\":%s},\"flows\":[{\"name\":\"bulk\",\"throughput_bps\":%s,"
                        + "\"latency_ns\":{\"p99\":5}}]}", rekeys, throughput));
        return d;
    }

    @Test
    void meanAndStudentTIntervalPerParameter() throws Exception {
        List<SweepRun> runs = new ArrayList<>();
        // loss 1%: three replications 1, 2, 3 -> mean 2, s = 1, t(0.975, 2) = 4.302652729749464.
        runs.add(new SweepRun(summary("a1", 0, 1), 1));
        runs.add(new SweepRun(summary("a2", 0, 2), 1));
        runs.add(new SweepRun(summary("a3", 0, 3), 1));
        // loss 5%: a single run has no interval.
        runs.add(new SweepRun(summary("b1", 0, 7), 5));
        List<SweepPoint> pts = Sweep.compute(runs, "flows.bulk.throughput_bps");
        assertEquals(2, pts.size());
        SweepPoint p = pts.get(0);
        assertEquals(1, p.parameter());
        assertEquals(3, p.runs());
        assertEquals(2, p.mean(), 1e-12);
        double half = 4.302652729749464 / Math.sqrt(3);
        assertEquals(2 - half, p.ciLow(), 1e-9);
        assertEquals(2 + half, p.ciHigh(), 1e-9);
        SweepPoint q = pts.get(1);
        assertEquals(7, q.mean());
        assertEquals(7, q.ciLow());
        assertEquals(7, q.ciHigh());
    }

    @Test
    void metricPathsAddressObjectsAndNamedArrayElements() throws Exception {
        Path d = summary("x", 4, 10);
        assertEquals(4, Sweep.compute(List.of(new SweepRun(d, 0)), "wireguard.rekeys").get(0).mean());
        assertEquals(5, Sweep.compute(List.of(new SweepRun(d, 0)), "flows.bulk.latency_ns.p99").get(0).mean());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sweep.compute(List.of(new SweepRun(d, 0)), "flows.video.throughput_bps"));
        assertTrue(e.getMessage().contains("flows.video"), e.getMessage());
    }

    @Test
    void chartShowsMeansWithErrorBars() throws Exception {
        List<SweepRun> runs = new ArrayList<>();
        double[] loss = {0, 1, 2, 5};
        int k = 0;
        for (double l : loss) {
            for (int rep = 0; rep < 5; rep++) {
                runs.add(new SweepRun(summary("r" + k++, 0, 10e6 * (1 - l / 10) + rep * 1e5), l));
            }
        }
        Figure f = Sweep.render(runs, "flows.bulk.throughput_bps", "Loss (%)", tmp.resolve("out"), ChartOptions.defaults());
        IntervalXYDataset ds = (IntervalXYDataset) ((XYPlot) f.chart().getPlot()).getDataset();
        assertEquals(4, ds.getItemCount(0));
        for (int i = 0; i < 4; i++) {
            assertTrue(ds.getStartYValue(0, i) < ds.getYValue(0, i) && ds.getYValue(0, i) < ds.getEndYValue(0, i));
        }
        Path png = tmp.resolve("out").resolve(f.stem() + ".png");
        assertTrue(Files.size(png) > 10_000);
        Images.parseXml(Files.readAllBytes(tmp.resolve("out").resolve(f.stem() + ".svg")));
        ChartWriter.Rendered img = ChartWriter.render(f.chart(), 900, 500, 2);
        assertTrue(Images.inkIn(img.image(), img.dataAreas().get(0))[1] > 1000);
    }
}
