package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartKind;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.ChartWriter;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.HandshakeTimelineChart;
import dev.wgsim.reports.charts.ThroughputChart;
import dev.wgsim.reports.results.DropRow;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.testing.Images;
import dev.wgsim.reports.testing.SyntheticRun;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartsTest {
    @TempDir
    static Path tmp;
    static SyntheticRun run;
    static ResultsFolder r;
    static Map<String, Figure> figures;
    static final ChartOptions O = ChartOptions.defaults();

    @BeforeAll
    static void build() {
        run = SyntheticRun.small(tmp.resolve("run"), 5);
        run.write();
        r = ResultsFolder.read(tmp.resolve("run"));
        figures = Charts.build(r, O).stream().collect(Collectors.toMap(Figure::stem, f -> f));
    }

    @Test
    void everyChartKindIsDrawnForAFullRun() {
        assertEquals(List.of("drops", "handshakes", "latency-cdf", "latency-time", "nat", "throughput"),
                figures.keySet().stream().sorted().toList());
    }

    @Test
    void everyPngIsPrintSizedAndHasInkInEachPlotArea() {
        for (Figure f : figures.values()) {
            ChartWriter.Rendered img = ChartWriter.render(f.chart(), O.width(), O.height(), O.pngScale());
            assertEquals(1800, img.image().getWidth(), f.stem());
            assertEquals(1000, img.image().getHeight(), f.stem());
            assertFalse(img.dataAreas().isEmpty(), f.stem());
            for (Rectangle2D area : img.dataAreas()) {
                assertTrue(area.getWidth() > 900 && area.getHeight() > 200, f.stem() + " plot too small: " + area);
                int[] ink = Images.inkIn(img.image(), area);
                assertTrue(ink[0] >= 4, f.stem() + ": only " + ink[0] + " colours in the plot");
                assertTrue(ink[1] > 2000, f.stem() + ": only " + ink[1] + " inked pixels in the plot");
            }
        }
    }

    @Test
    void throughputTitleNamesWhatItsSeriesAre() {
        // Above 1,000 flows throughput.csv has one series per count: entry, the sum of its flows.
        double[] t = {0.5, 1.5};
        long[] bytes = {1000, 2000};
        List<dev.wgsim.reports.results.FlowRow> rows = List.of(
                new dev.wgsim.reports.results.FlowRow("ping-1", "ping-{i}", 2, 2, 1.0, Double.NaN, 10),
                new dev.wgsim.reports.results.FlowRow("ping-2", "ping-{i}", 2, 2, 1.0, Double.NaN, 10));
        ResultsFolder grouped = new ResultsFolder(r.dir(), r.summary(), List.of(),
                List.of(new dev.wgsim.reports.results.ThroughputSeries("ping-{i}", t, bytes)), List.of(), List.of(),
                List.of(), List.of(), Map.of(), rows);
        ResultsFolder perFlow = new ResultsFolder(r.dir(), r.summary(), List.of(),
                List.of(new dev.wgsim.reports.results.ThroughputSeries("ping-1", t, bytes)), List.of(), List.of(),
                List.of(), List.of(), Map.of(), rows);
        var palette = new dev.wgsim.reports.charts.Palette(List.of());
        assertEquals("Throughput per flow group", ThroughputChart.build(grouped, O, palette).chart().getTitle().getText());
        assertEquals("Throughput per flow", ThroughputChart.build(perFlow, O, palette).chart().getTitle().getText());
    }

    @Test
    void emptyPlotCountsAsBlank() {
        // The ink check itself must be able to fail: a run without metrics or markers draws an empty plot.
        dev.wgsim.reports.results.Summary bare = new dev.wgsim.reports.results.Summary(r.summary().scenario(), "", 0,
                r.summary().binNanos(), r.summary().topology(), List.of(), Map.of(), Map.of(), List.of(), List.of());
        ResultsFolder empty = new ResultsFolder(r.dir(), bare, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Map.of());
        Figure f = ThroughputChart.build(empty, O, new dev.wgsim.reports.charts.Palette(List.of()));
        ChartWriter.Rendered img = ChartWriter.render(f.chart(), O.width(), O.height(), O.pngScale());
        int[] ink = Images.inkIn(img.image(), img.dataAreas().get(0));
        assertTrue(ink[1] < 100, "empty plot has ink: " + ink[1]);
    }

    @Test
    void everySvgParsesAsXml() throws Exception {
        for (Figure f : figures.values()) {
            Path p = tmp.resolve(f.stem() + ".svg");
            ChartWriter.writeSvg(f, O.width(), O.height(), p);
            Document d = Images.parseXml(Files.readAllBytes(p));
            assertEquals("svg", d.getDocumentElement().getLocalName(), f.stem());
            assertTrue(d.getElementsByTagName("text").getLength() > 5, f.stem() + " has its labels as text");
            assertTrue(Files.size(p) < 1_500_000, f.stem() + " SVG is " + Files.size(p) + " bytes");
        }
    }

    @Test
    void throughputSeriesTimesBinEqualDeliveredBytes() {
        Figure f = figures.get("throughput");
        XYDataset ds = ((XYPlot) f.chart().getPlot()).getDataset();
        double binSeconds = ThroughputChart.data(r, O).binning().seconds();
        assertEquals(3, ds.getSeriesCount());
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            String flow = (String) ds.getSeriesKey(s);
            double bytes = 0;
            for (int i = 0; i < ds.getItemCount(s); i++) {
                bytes += ds.getYValue(s, i) * f.yUnit() * binSeconds / 8;
            }
            assertEquals(run.deliveredBytes.get(flow), bytes, 1e-6 * bytes + 1, flow);
            // The whole run is covered, outages included (they show as zeros, not gaps).
            assertEquals(r.durationSeconds() / binSeconds, ds.getItemCount(s), 1e-9);
        }
    }

    @Test
    void throughputDropsToZeroDuringTheLinkOutage() {
        Figure f = figures.get("throughput");
        XYDataset ds = ((XYPlot) f.chart().getPlot()).getDataset();
        int video = List.of("ping-phone", "video", "voip").indexOf("video");
        assertEquals("video", ds.getSeriesKey(video));
        for (int i = 0; i < ds.getItemCount(video); i++) {
            double t = ds.getXValue(video, i);
            if (t > 402 && t < 408) {
                assertEquals(0, ds.getYValue(video, i), "video during the outage at " + t);
            }
        }
    }

    @Test
    void cdfEndsAtOneAtTheLargestSampleAndStartsAtTheSmallest() {
        XYDataset ds = ((XYPlot) figures.get("latency-cdf").chart().getPlot()).getDataset();
        assertEquals(3, ds.getSeriesCount());
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            String key = (String) ds.getSeriesKey(s);
            String flow = key.substring(0, key.indexOf(' '));
            double[] all = run.latencySamples.get(flow);
            int last = ds.getItemCount(s) - 1;
            assertEquals(1.0, ds.getYValue(s, last), 1e-12, key);
            assertTrue(ds.getYValue(s, 0) > 0 && ds.getYValue(s, 0) < 0.01, key);
            double[] sorted = r.latency().stream().filter(l -> l.flow().equals(flow)).findFirst().get().sortedMillis();
            assertEquals(sorted[sorted.length - 1], ds.getXValue(s, last), 1e-9, key);
            assertEquals(sorted[0], ds.getXValue(s, 0), 1e-9, key);
            // Percentiles in the legend are the full histogram's (latency-summary.csv), not the decimated samples'.
            String p99 = dev.wgsim.reports.charts.NumberLabels.millis(all[(int) Math.ceil(0.99 * all.length) - 1]);
            assertTrue(key.contains("p99 " + p99), key + " should show p99 " + p99);
            for (int i = 1; i <= last; i++) {
                assertTrue(ds.getYValue(s, i) >= ds.getYValue(s, i - 1) && ds.getXValue(s, i) >= ds.getXValue(s, i - 1));
            }
        }
    }

    @Test
    void handshakeTimelineShowsTheRetryLadderRekeysAndGiveUp() {
        XYPlot plot = (XYPlot) figures.get("handshakes").chart().getPlot();
        XYDataset marks = plot.getDataset(0);
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int s = 0; s < marks.getSeriesCount(); s++) {
            counts.put((String) marks.getSeriesKey(s), marks.getItemCount(s));
        }
        assertEquals(run.retries, counts.get(HandshakeTimelineChart.Mark.RETRY.label()));
        assertEquals(run.initiations, counts.get(HandshakeTimelineChart.Mark.INITIATION.label()));
        assertEquals(1, counts.get(HandshakeTimelineChart.Mark.GAVE_UP.label()));
        // Each rekey is logged by both ends.
        assertEquals(2 * run.rekeys, counts.get(HandshakeTimelineChart.Mark.REKEY.label()));
        // The oldbox ladder: 19 retries 5.0-5.333 s apart.
        int retry = HandshakeTimelineChart.Mark.RETRY.ordinal();
        double prev = -1;
        int ladder = 0;
        for (int i = 0; i < marks.getItemCount(retry); i++) {
            double t = marks.getXValue(retry, i);
            if (t < 150) {
                if (prev >= 0) {
                    assertTrue(t - prev >= 5.0 && t - prev <= 5.334, "retry gap " + (t - prev));
                }
                prev = t;
                ladder++;
            }
        }
        assertEquals(19, ladder);
        // Keypair bars: one per rotation per lane, none longer than reject-after-time.
        XYDataset bars = plot.getDataset(1);
        int rotations = (int) r.wgEvents().stream()
                .filter(e -> e.kind() == dev.wgsim.reports.results.WgEvent.Kind.KEYPAIR_ROTATED).count();
        assertEquals(rotations, bars.getItemCount(0));
        org.jfree.data.xy.IntervalXYDataset iv = (org.jfree.data.xy.IntervalXYDataset) bars;
        for (int i = 0; i < bars.getItemCount(0); i++) {
            double len = iv.getEndXValue(0, i) - iv.getStartXValue(0, i);
            assertTrue(len > 0 && len <= 180 + 1e-9, "bar length " + len);
        }
    }

    @Test
    void dropsStackSumsToTheDropsCsv() {
        XYDataset ds = ((XYPlot) figures.get("drops").chart().getPlot()).getDataset();
        double total = 0;
        for (int s = 0; s < ds.getSeriesCount(); s++) {
            double reasonTotal = 0;
            for (int i = 0; i < ds.getItemCount(s); i++) {
                reasonTotal += ds.getYValue(s, i);
            }
            String reason = (String) ds.getSeriesKey(s);
            assertEquals(run.dropTotals.get(reason), reasonTotal, 1e-9, reason);
            total += reasonTotal;
        }
        assertEquals(r.drops().stream().mapToLong(DropRow::count).sum(), total, 1e-9);
        assertTrue(run.dropTotals.keySet().stream().anyMatch(k -> k.startsWith("wg.")));
    }

    @Test
    void natChartOnlyWhenThereAreNatRows() throws Exception {
        CombinedDomainXYPlot nat = (CombinedDomainXYPlot) figures.get("nat").chart().getPlot();
        assertEquals(2, nat.getSubplots().size());
        Path d = tmp.resolve("no-nat");
        SyntheticRun.small(d, 2).write();
        Files.delete(d.resolve("metrics/nat.csv"));
        List<Figure> fs = Charts.build(ResultsFolder.read(d), O);
        assertTrue(fs.stream().noneMatch(f -> f.stem().equals("nat")));
        assertEquals(5, fs.size());
    }

    @Test
    void chartOptionsPickChartsAndBin() {
        ChartOptions only = O.withCharts(java.util.EnumSet.of(ChartKind.THROUGHPUT)).withTimeBinNanos(10_000_000_000L);
        List<Figure> fs = Charts.build(r, only);
        assertEquals(1, fs.size());
        XYDataset ds = ((XYPlot) fs.get(0).chart().getPlot()).getDataset();
        assertEquals(60, ds.getItemCount(0));
        assertEquals(ChartKind.NAT, ChartKind.parse(" NAT "));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ChartKind.parse("pie"));
        assertTrue(e.getMessage().contains("throughput"), e.getMessage());
    }

    @Test
    void sameNameSameColourAcrossCharts() {
        java.awt.Paint inThroughput = ((XYPlot) figures.get("throughput").chart().getPlot()).getRenderer().getSeriesPaint(1);
        XYPlot cdf = (XYPlot) figures.get("latency-cdf").chart().getPlot();
        int videoInCdf = -1;
        for (int s = 0; s < cdf.getDataset().getSeriesCount(); s++) {
            if (((String) cdf.getDataset().getSeriesKey(s)).startsWith("video ")) {
                videoInCdf = s;
            }
        }
        assertEquals(inThroughput, cdf.getRenderer().getSeriesPaint(videoInCdf));
    }
}
