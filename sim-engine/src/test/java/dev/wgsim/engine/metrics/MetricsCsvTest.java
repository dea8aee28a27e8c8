package dev.wgsim.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** A small run, recorded out of name order to show the files sort by name. */
    private static MetricsRecorder sampleRun() {
        MetricsRecorder m = new MetricsRecorder(new TimeBins(0, S));
        FlowMetrics b = m.flow("b");
        FlowMetrics a = m.flow("a");
        a.recordSent(400 * MS, 1000);
        a.recordDelivered(500 * MS, 1000, 20 * MS);
        a.recordSent(1_100 * MS, 500);
        a.recordDelivered(1_200 * MS, 500, 21_500_000);
        a.recordRtt(1_300 * MS, 40 * MS);
        b.recordSent(1_999 * MS, 100);
        b.recordDelivered(2 * S, 100, 1_000);
        m.recordDrop(100 * MS, "loss");
        m.recordDrop(300 * MS, "mtu");
        m.recordDrop(200 * MS, "loss");
        m.recordDrop(2_500 * MS, "queue_full");
        NatMetrics nat = m.nat("home");
        nat.mappingCreated(100 * MS);
        nat.mappingCreated(200 * MS);
        nat.mappingsRemoved(1_500 * MS, 1);
        nat.mappingCreated(2_900 * MS);
        return m;
    }

    private interface CsvWrite {
        void write(MetricsRecorder m, StringWriter out) throws IOException;
    }

    private static String csv(CsvWrite w) throws IOException {
        StringWriter out = new StringWriter();
        w.write(sampleRun(), out);
        return out.toString();
    }

    @Test
    void throughputHasEveryFlowInEveryBin() throws IOException {
        assertEquals("""
                time_s,flow,delivered_bytes,goodput_bps
                0.0,a,1000,8000.0
                0.0,b,0,0.0
                1.0,a,500,4000.0
                1.0,b,0,0.0
                2.0,a,0,0.0
                2.0,b,100,800.0
                """, csv((m, out) -> MetricsCsv.writeThroughput(m, 3 * S, out)));
    }

    @Test
    void throughputCoversDataPastTheGivenEnd() throws IOException {
        String text = csv((m, out) -> MetricsCsv.writeThroughput(m, 0, out));
        assertTrue(text.endsWith("2.0,b,100,800.0\n"), text);
    }

    @Test
    void goodputUsesTheBinWidth() throws IOException {
        MetricsRecorder m = new MetricsRecorder(new TimeBins(0, 250 * MS));
        m.flow("f").recordDelivered(300 * MS, 125);
        StringWriter out = new StringWriter();
        MetricsCsv.writeThroughput(m, 500 * MS, out);
        assertEquals("time_s,flow,delivered_bytes,goodput_bps\n0.0,f,0,0.0\n0.25,f,125,4000.0\n", out.toString());
    }

    @Test
    void latencyRowsByTimeThenFlowThenKind() throws IOException {
        assertEquals("""
                time_s,flow,kind,latency_ms
                0.5,a,one_way,20.0
                1.2,a,one_way,21.5
                1.3,a,rtt,40.0
                2.0,b,one_way,0.001
                """, csv((m, out) -> MetricsCsv.writeLatency(m, out)));
    }

    @Test
    void latencySummaryUsesHistogramPercentiles() throws IOException {
        Histogram h = new Histogram(3);
        String p20 = Decimal.millis(h.highestEquivalentValue(20 * MS));
        String p215 = Decimal.millis(h.highestEquivalentValue(21_500_000));
        String p40 = Decimal.millis(h.highestEquivalentValue(40 * MS));
        String p1us = Decimal.millis(h.highestEquivalentValue(1_000));
        String text = csv((m, out) -> MetricsCsv.writeLatencySummary(m, out));
        String[] lines = text.split("\n");
        assertEquals("flow,kind,count,p50_ms,p90_ms,p99_ms,max_ms,mean_ms", lines[0]);
        assertTrue(lines[1].startsWith("a,one_way,2," + p20 + "," + p215 + "," + p215 + "," + p215 + ","), lines[1]);
        assertTrue(lines[2].startsWith("a,rtt,1," + p40 + "," + p40 + "," + p40 + "," + p40 + ","), lines[2]);
        assertTrue(lines[3].startsWith("b,one_way,1," + p1us + ","), lines[3]);
        assertEquals(4, lines.length, "no rtt row for b, which has no RTT samples");
        // Percentiles are within 0.1% of the true values.
        assertEquals(20.0, Double.parseDouble(p20), 0.02);
        assertEquals(0.001, Double.parseDouble(p1us), 0.000001);
    }

    @Test
    void dropsOnlyNonZeroRowsByTimeThenReason() throws IOException {
        assertEquals("""
                time_s,reason,count
                0.0,loss,2
                0.0,mtu,1
                2.0,queue_full,1
                """, csv((m, out) -> MetricsCsv.writeDrops(m, 3 * S, out)));
        assertEquals(2L, sampleRun().dropTotals().get("loss"));
    }

    @Test
    void natActiveMappingsCarryAcrossBins() throws IOException {
        assertEquals("""
                time_s,nat,active_mappings,created,expired
                0.0,home,2,2,0
                1.0,home,1,0,1
                2.0,home,2,1,0
                3.0,home,2,0,0
                """, csv((m, out) -> MetricsCsv.writeNat(m, 4 * S, out)));
    }

    @Test
    void writeAllIsByteStableAndLocaleFree(@TempDir Path tmp) throws IOException {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            MetricsCsv.writeAll(sampleRun(), 3 * S, tmp.resolve("one"));
            Locale.setDefault(new Locale("ar", "EG"));
            MetricsCsv.writeAll(sampleRun(), 3 * S, tmp.resolve("two"));
        } finally {
            Locale.setDefault(saved);
        }
        for (String f : new String[] {MetricsCsv.THROUGHPUT, MetricsCsv.LATENCY, MetricsCsv.LATENCY_SUMMARY,
                MetricsCsv.DROPS, MetricsCsv.NAT}) {
            byte[] one = Files.readAllBytes(tmp.resolve("one").resolve(f));
            assertArrayEquals(one, Files.readAllBytes(tmp.resolve("two").resolve(f)), f);
            String text = new String(one, java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(text.contains("\r"), f);
        }
        MetricsRecorder noNat = new MetricsRecorder();
        noNat.flow("x").recordDelivered(1, 1);
        MetricsCsv.writeAll(noNat, S, tmp.resolve("three"));
        assertFalse(Files.exists(tmp.resolve("three").resolve(MetricsCsv.NAT)), "nat.csv only with NATs");
        assertTrue(Files.exists(tmp.resolve("three").resolve(MetricsCsv.THROUGHPUT)));
    }

    @Test
    void decimalFormattingIsExact() {
        assertEquals("0.0", Decimal.seconds(0));
        assertEquals("1.5", Decimal.seconds(1_500_000_000L));
        assertEquals("0.000000001", Decimal.seconds(1));
        assertEquals("9223372036.854775807", Decimal.seconds(Long.MAX_VALUE));
        assertEquals("0.001", Decimal.millis(1_000));
        assertEquals("12.0", Decimal.millis(12_000_000));
        assertEquals("186293.3", Decimal.plain(186293.3));
        assertEquals("10000000000000000000000.0", Decimal.plain(1e22));
        assertEquals("", Decimal.plain(Double.NaN));
    }
}
