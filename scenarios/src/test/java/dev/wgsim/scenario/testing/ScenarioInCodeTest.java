package dev.wgsim.scenario.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.expect.Outcome;
import org.junit.jupiter.api.Test;

/** A scenario built in code (YAML text from a Java test), asserted with the same vocabulary. */
class ScenarioInCodeTest {
    private static String tunnel(int keepaliveSeconds) {
        return """
                scenario: {name: in-code, seed: 2, duration: 80s}
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.1.0.1/24, listen_port: 51820,
                       peers: [{node: b, allowed_ips: [10.1.0.2/32], endpoint: b, persistent_keepalive: %ds}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.1.0.2/24, listen_port: 51820,
                       peers: [{node: a, allowed_ips: [10.1.0.1/32], endpoint: a}]}}
                links: [{name: w, a: a, b: b, delay: 10ms}]
                expect:
                  - {interval: wg.keepalive.sent, node: a, where: {persistent: true}, every: 25s ± 1ms}
                """.formatted(keepaliveSeconds);
    }

    @Test
    void keepaliveEvery25s() {
        ScenarioRun run = Wgsim.runYaml("in-code.yaml", tunnel(13)).expect("{count: wg.handshake.completed, node: a, is: 1}");
        Outcome o = run.outcomes().get(0);
        assertFalse(o.passed(), "13 s keepalives are not 25 s apart");
        assertTrue(o.message().contains("gaps from 13.000000s to 13.000000s"), o.message());
        assertTrue(Wgsim.runYaml("in-code.yaml", tunnel(25)).passed());
    }

    @Test
    void deliveryLatencyAndThroughput() {
        ScenarioRun run = Wgsim.runYaml("flow.yaml", """
                scenario: {name: flow, seed: 3, duration: 20s}
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.1.0.1/24, listen_port: 51820,
                       peers: [{node: b, allowed_ips: [10.1.0.2/32], endpoint: b}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.1.0.2/24, listen_port: 51820,
                       peers: [{node: a, allowed_ips: [10.1.0.1/32], endpoint: a}]}}
                links: [{name: w, a: a, b: b, delay: 30ms, rate: 20Mbit/s}]
                traffic:
                  - {name: video, type: cbr, from: a, to: b, rate: 10Mbit/s, size: 1250B, start: 1s, stop: 19s}
                """);
        run.expect("{flow: video, delivered: '>= 99%'}")
                .expect("{flow: video, latency_p99: '<= 80ms'}")
                .expect("{flow: video, throughput: '>= 9Mbit/s', within: [5s, 15s]}");
        Outcome slow = run.check("{flow: video, latency_p50: '< 30ms'}");
        assertFalse(slow.passed(), "a 30 ms link cannot deliver faster than 30 ms");
        assertTrue(slow.message().startsWith("expected flow video latency_p50 < 0.030000s; was 0.030"), slow.message());
        Outcome rate = run.check("{flow: video, throughput: '>= 11Mbit/s', within: [5s, 15s]}");
        assertFalse(rate.passed());
        assertTrue(rate.message().matches("expected flow video throughput >= 11\\.000 Mbit/s in \\[5\\.000000s, 15\\.000000s\\]; "
                + "was (9\\.9|10\\.0)\\d* Mbit/s .*"), rate.message());
    }

    @Test
    void badAdHocExpectationNamesTheField() {
        ScenarioRun run = Wgsim.runYaml("in-code.yaml", tunnel(25));
        ScenarioException e = assertThrows(ScenarioException.class, () -> run.expect("{count: wg.handshake.complete, is: 1}"));
        assertTrue(e.getMessage().contains("unknown event kind 'wg.handshake.complete'"), e.getMessage());
        assertEquals(1, run.outcomes().size());
        ScenarioException where = assertThrows(ScenarioException.class, () -> run.expect("{count: wg.keepalive.sent, where: 5, is: 1}"));
        assertTrue(where.getMessage().contains("expect[0].where: 'where' is a mapping of event fields to values. Write e.g."
                + " where: {persistent: false}."), where.getMessage());
    }
}
