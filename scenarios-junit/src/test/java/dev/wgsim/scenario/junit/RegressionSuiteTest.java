package dev.wgsim.scenario.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.expect.Outcome;
import dev.wgsim.scenario.testing.ScenarioRun;
import dev.wgsim.scenario.testing.Wgsim;
import dev.wgsim.wg.device.Constants;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The regression suite of scenarios/regression/, pinned to wireguard-go 0.0.20220316 timing: one
 * dynamic test per expectation of every file, through the JUnit entry point users get.
 */
class RegressionSuiteTest {
    /** The suite lives in the scenarios module; tests run in this module's folder. */
    static final Path SUITE = Path.of("../scenarios/regression");

    @TestFactory
    Stream<DynamicNode> regressionSuite() {
        return ScenarioTests.forPath(SUITE);
    }

    /**
     * The seed's "rekey every 3 minutes or 260 packets" is not WireGuard: the defaults are
     * REKEY_AFTER_TIME 120 s, REJECT_AFTER_TIME 180 s and REKEY_AFTER_MESSAGES 2^60, and a run with
     * them rekeys at ~120 s after thousands of packets, not at 180 s or after 260.
     */
    @Test
    void trueRekeyValuesNotTheSeedsWording() {
        assertEquals(120_000_000_000L, Constants.DEFAULTS.rekeyAfterTime());
        assertEquals(180_000_000_000L, Constants.DEFAULTS.rejectAfterTime());
        assertEquals(1L << 60, Constants.DEFAULTS.rekeyAfterMessages());
        assertEquals(-1L - (1L << 13), Constants.DEFAULTS.rejectAfterMessages(), "2^64 - 2^13 - 1 as unsigned");

        ScenarioRun run = Wgsim.run(SUITE.resolve("rekey-after-time.yaml"));
        run.expect("{happens: wg.keypair.rotated, node: a, where: {rekey: true}, within: [120s, 121s]}")
                .expect("{count: wg.keypair.rotated, node: a, where: {rekey: true}, within: [0s, 120s], is: 0}");
        Outcome at180 = run.check("{happens: wg.keypair.rotated, node: a, where: {rekey: true}, within: [179s, 181s]}");
        assertFalse(at180.passed(), "no rekey at the 3-minute mark: " + at180.details());
        // 1,200 packets (10/s for 120 s) go out on the first keypair: far past 260.
        run.expect("{flow: a-to-b, delivered: '>= 99.9%'}");
        assertTrue(run.simulation().network().metrics().flows().stream()
                .filter(f -> f.name().equals("a-to-b")).findFirst().orElseThrow().sentPackets() > 1000);
    }

    /** The vocabulary used from Java, with a failure that explains itself. */
    @Test
    void adHocExpectationsFromJava() {
        ScenarioRun run = Wgsim.run(SUITE.resolve("unreachable-peer.yaml"));
        run.expect("{count: wg.handshake.initiated, node: phone, peer: server, is: 20}");
        Outcome wrong = run.check("{count: wg.handshake.initiated, node: phone, peer: server, is: 21}");
        assertFalse(wrong.passed());
        assertEquals("expected exactly 21 wg.handshake.initiated node=phone peer=server; counted 20", wrong.message());
        assertTrue(wrong.details().contains("> 99.911000s  wg.handshake.initiated node=phone peer=server retry=true attempt=19"),
                wrong.details());
        List<Outcome> outcomes = run.outcomes();
        assertEquals(7, outcomes.size());
        assertTrue(run.passed());
    }
}
