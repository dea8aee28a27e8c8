package dev.wgsim.scenario.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.testing.ScenarioRun;
import dev.wgsim.scenario.testing.Wgsim;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden protocol traces: stored, matched by an identical run, and the first divergence shown with context. */
class GoldenTraceFileTest {
    static final Path FILE = Path.of("regression/unreachable-peer.yaml");
    static final Path STORED = Path.of("regression/golden/unreachable-peer.jsonl");

    @Test
    void theStoredTraceStillMatches() throws Exception {
        List<String> golden = GoldenTraceFile.read(STORED);
        List<String> run = GoldenTraceFile.of(Wgsim.run(FILE).eventLog());
        assertEquals(Optional.empty(), GoldenTraceFile.compare(golden, run).map(Divergence::describe));
        assertFalse(run.isEmpty(), "the run logged protocol events");
        assertTrue(run.stream().allMatch(l -> l.contains("\"kind\":\"wg.")), "only protocol events");
    }

    @Test
    void aChangedTimerIsReportedAtItsFirstEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.jsonl");
        GoldenTraceFile.write(file, GoldenTraceFile.of(Wgsim.run(FILE).eventLog()));
        ScenarioRun broken = Wgsim.run(FILE, List.of("nodes[phone].wireguard.rekey_timeout=4s"));
        Divergence d = GoldenTraceFile.compare(GoldenTraceFile.read(file), GoldenTraceFile.of(broken.eventLog())).orElseThrow();
        assertEquals(1, d.index(), "the first retry is the first difference");
        assertTrue(d.expected().startsWith("{\"t\":6233000000,\"kind\":\"wg.handshake.initiated\""), d.expected());
        assertTrue(d.actual().startsWith("{\"t\":5233000000,\"kind\":\"wg.handshake.initiated\""), d.actual());
        String text = d.describe();
        assertTrue(text.startsWith("protocol event #2 differs from the golden trace\n  common events before it:\n      {\"t\":1000000000"),
                text);
        assertTrue(text.contains("\n  golden:\n    - {\"t\":6233000000") && text.contains("\n  this run:\n    + {\"t\":5233000000"), text);
    }

    @Test
    void aShorterRunEndsTheComparison() {
        Divergence d = GoldenTraceFile.compare(List.of("x", "y"), List.of("x")).orElseThrow();
        assertEquals(1, d.index());
        assertNull(d.actual());
        assertTrue(d.describe().contains("(the run has no more protocol events)"));
    }
}
