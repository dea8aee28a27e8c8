package dev.wgsim.scenario.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.expect.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proof that the regression suite can fail: the whole suite runs again with REKEY_TIMEOUT broken
 * to 4 s on both nodes of every file, and must fail, with messages a protocol engineer can read.
 */
class BrokenTimerTest {
    private static final Path SUITE = Path.of("regression");
    private static final List<String> BROKEN = List.of(
            "nodes[0].wireguard.rekey_timeout=4s", "nodes[1].wireguard.rekey_timeout=4s");

    @Test
    void suiteFailsWhenRekeyTimeoutIs4s() {
        // Tailnet scenarios list no nodes to break (their devices' interfaces are made at run time).
        Map<Path, ScenarioRun> runs = ScenarioFiles.find(List.of(SUITE)).parallelStream()
                .filter(f -> !f.getFileName().toString().startsWith("tailnet-"))
                .collect(Collectors.toMap(f -> f, f -> Wgsim.run(f, BROKEN)));
        List<Outcome> failed = runs.values().stream().flatMap(r -> r.outcomes().stream()).filter(o -> !o.passed()).toList();
        assertFalse(failed.isEmpty(), "a 4 s REKEY_TIMEOUT must break the suite");

        ScenarioRun unreachable = runs.get(SUITE.resolve("unreachable-peer.yaml"));
        assertFalse(unreachable.passed());
        Outcome ladder = unreachable.outcomes().stream()
                .filter(o -> o.text().startsWith("successive initiations")).findFirst().orElseThrow();
        assertFalse(ladder.passed());
        assertTrue(ladder.message().startsWith("expected wg.handshake.initiated node=phone every 5.166500s ± 0.166500s (5.000000s to 5.333000s);"),
                ladder.message());
        assertTrue(ladder.message().contains("was 4."), ladder.message());
        assertTrue(ladder.details().contains("events around it:"), ladder.details());

        AssertionError e = assertThrows(AssertionError.class, unreachable::assertExpectations);
        assertTrue(e.getMessage().contains("regression/unreachable-peer.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("- successive initiations are REKEY_TIMEOUT plus 0-333 ms of jitter apart"), e.getMessage());
        System.out.println("With REKEY_TIMEOUT = 4 s, " + failed.size() + " expectations fail, e.g.:\n" + e.getMessage());

        ScenarioRun healthy = Wgsim.run(SUITE.resolve("unreachable-peer.yaml"));
        assertEquals(List.of(), healthy.outcomes().stream().filter(o -> !o.passed()).map(Outcome::details).toList());
    }
}
