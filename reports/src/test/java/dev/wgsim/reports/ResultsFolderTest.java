package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.results.DropRow;
import dev.wgsim.reports.results.LatencyKind;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.ResultsFormatException;
import dev.wgsim.reports.results.Summary;
import dev.wgsim.reports.results.ThroughputSeries;
import dev.wgsim.reports.results.WgEvent;
import dev.wgsim.reports.testing.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {
    @TempDir
    static Path tmp;
    static SyntheticRun run;
    static ResultsFolder r;

    @BeforeAll
    static void write() {
        run = SyntheticRun.small(tmp.resolve("run"), 11);
        run.write();
        r = ResultsFolder.read(tmp.resolve("run"));
    }

    @Test
    void summaryIsTyped() {
        Summary s = r.summary();
        assertEquals("cryptokey-routing", s.scenario().name());
        assertEquals(600_000_000_000L, s.scenario().durationNanos());
        assertEquals(1_000_000_000L, s.binNanos());
        assertEquals(4, s.topology().nodes().size());
        assertEquals(java.util.List.of("laptop", "phone", "oldbox"), s.topology().nodes().get(0).wireguard().peers());
        assertEquals("home", s.topology().nats().get(0).name());
        assertEquals(3, s.markers().size());
        assertEquals(2, s.expectations().size());
        Summary.FlowSummary ping = s.flows().stream().filter(f -> f.name().equals("ping-phone")).findFirst().orElseThrow();
        assertNull(ping.latencyNanos());
        assertTrue(ping.rttNanos().p99() > 0);
        assertEquals((long) run.rekeys, s.wireguard().get("rekeys"));
    }

    @Test
    void keepsOnlyProtocolEventsFromTheLog() {
        long initiated = r.wgEvents().stream().filter(e -> e.kind() == WgEvent.Kind.HANDSHAKE_INITIATED).count();
        assertEquals(run.initiations + run.retries, initiated);
        assertEquals(run.retries, r.wgEvents().stream().filter(WgEvent::retry).count());
        assertEquals(1, r.wgEvents().stream().filter(e -> e.kind() == WgEvent.Kind.GAVE_UP).count());
        assertEquals(20, r.wgEvents().stream().filter(e -> e.kind() == WgEvent.Kind.GAVE_UP).findFirst().get().attempt());
        assertTrue(run.eventLines > 20_000, "the log also holds packet lines that were skipped");
    }

    @Test
    void metricsMatchWhatWasWritten() {
        for (ThroughputSeries t : r.throughput()) {
            assertEquals(run.deliveredBytes.get(t.flow()), t.totalBytes(), t.flow());
            assertEquals(600, t.size());
        }
        assertEquals(3, r.throughput().size());
        assertEquals(LatencyKind.RTT, r.latency().stream().filter(l -> l.flow().equals("ping-phone")).findFirst().get().kind());
        assertEquals(3, r.latencyStats().size());
        long drops = r.drops().stream().mapToLong(DropRow::count).sum();
        assertEquals(run.dropTotals.values().stream().mapToLong(Long::longValue).sum(), drops);
        assertTrue(r.drops().stream().anyMatch(DropRow::isWireGuard));
        assertEquals(600, r.nat().size());
        assertTrue(r.nat().get(10).refreshed() >= 0, "optional refreshed column read");
        assertEquals(4, r.wgShow().size());
    }

    @Test
    void missingSummaryNamesTheFolder() {
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsFolder.read(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
    }

    @Test
    void badCsvCellNamesFileLineAndColumn() throws Exception {
        Path d = tmp.resolve("bad-csv");
        SyntheticRun.small(d, 1).write();
        Files.writeString(d.resolve("metrics/drops.csv"), "time_s,reason,count\n0,loss,3\n1,loss,three\n");
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsFolder.read(d));
        assertTrue(e.getMessage().contains("drops.csv:3"), e.getMessage());
        assertTrue(e.getMessage().contains("count"), e.getMessage());
    }

    @Test
    void missingColumnAndMissingSummaryFieldAreNamed() throws Exception {
        Path d = tmp.resolve("bad-header");
        SyntheticRun.small(d, 1).write();
        Files.writeString(d.resolve("metrics/throughput.csv"), "time_s,flow,bytes\n0,a,1\n");
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsFolder.read(d));
        assertTrue(e.getMessage().contains("delivered_bytes"), e.getMessage());

        Path d2 = tmp.resolve("bad-summary");
        SyntheticRun.small(d2, 1).write();
        String s = Files.readString(d2.resolve("summary.json")).replace("\"duration_ns\"", "\"duration\"");
        Files.writeString(d2.resolve("summary.json"), s);
        e = assertThrows(ResultsFormatException.class, () -> ResultsFolder.read(d2));
        assertTrue(e.getMessage().contains("scenario.duration_ns"), e.getMessage());
    }

    @Test
    void optionalFilesMayBeAbsent() throws Exception {
        Path d = tmp.resolve("minimal");
        Files.createDirectories(d);
        Files.writeString(d.resolve("summary.json"),
                "{\"scenario\":{\"name\":\"m\",\"seed\":1,\"duration_ns\":5000000000}}");
        ResultsFolder m = ResultsFolder.read(d);
        assertTrue(m.throughput().isEmpty() && m.nat().isEmpty() && m.wgEvents().isEmpty());
        assertEquals(1_000_000_000L, m.summary().binNanos());
    }
}
