package dev.wgsim.scenario.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wgsim.verdicts (what wgsim test and the JUnit factory run) evaluates the file's expectations as
 * the run goes and keeps no event: the same outcomes as Wgsim.run's evaluation over the stored
 * events, failures and their context included, and a clear refusal to look at events afterwards.
 */
class VerdictsTest {
    private static final Path FILE = Path.of("regression/unreachable-peer.yaml");

    @Test
    void sameOutcomesAsTheStoredEvaluationPassingAndFailing() {
        for (List<String> sets : List.of(List.<String>of(), List.of("nodes[phone].wireguard.rekey_timeout=4s"))) {
            ScenarioRun stored = Wgsim.run(FILE, sets);
            ScenarioRun streamed = Wgsim.verdicts(FILE, sets);
            assertFalse(stored.outcomes().isEmpty());
            assertEquals(stored.outcomes(), streamed.outcomes(), "sets " + sets);
        }
        // The broken timer (rekey_timeout 4 s instead of 5 s) fails with events shown around the failure.
        assertTrue(Wgsim.verdicts(FILE, List.of("nodes[phone].wireguard.rekey_timeout=4s")).outcomes().stream()
                .anyMatch(o -> !o.passed() && !o.context().isEmpty()));
    }

    @Test
    void aVerdictsRunRefusesQuestionsThatNeedItsEvents() {
        ScenarioRun run = Wgsim.verdicts(FILE, List.of());
        assertTrue(run.passed());
        IllegalStateException e = assertThrows(IllegalStateException.class, run::events);
        assertTrue(e.getMessage().contains("Wgsim.run"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> run.check("{count: wg.handshake.initiated, is: 20}"));
    }
}
