package dev.wgsim.scenario.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The vocabulary over a hand-made event list (no simulation), pass and fail, with the messages users read. */
class EvaluatorTest {
    private static final String S = "{\"t\":%d,\"kind\":\"%s\",\"node\":\"a\",\"peer\":\"b\"%s}";

    private static String ev(long ms, String kind, String extra) {
        return String.format(S, ms * 1_000_000L, kind, extra);
    }

    private static Outcome eval(RunEvents log, String expectation) {
        String yaml = """
                scenario: {name: t, duration: 200s}
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.0.0.1/24, listen_port: 1, peers: [{node: b, allowed_ips: [10.0.0.2/32]}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.0.0.2/24, listen_port: 1, peers: [{node: a, allowed_ips: [10.0.0.1/32]}]}}
                links: [{name: w, a: a, b: b}]
                """;
        Scenario s = ScenarioParser.parse("t.yaml", yaml, Path.of("."), new ScenarioParser.Options(
                List.of("expect=[" + expectation + "]"), OptionalLong.empty()));
        List<ExpectSpec> specs = s.expect();
        return new Evaluator(s, log, null).evaluate(specs.get(0));
    }

    private static RunEvents retries() {
        RunEvents log = new RunEvents();
        long t = 1000;
        for (int i = 0; i < 20; i++) {
            log.add(ev(t, "wg.handshake.initiated", ",\"retry\":" + (i > 0) + ",\"attempt\":" + i));
            t += 5000 + (i * 17) % 334;
        }
        log.add(ev(t, "wg.handshake.gave_up", ",\"attempts\":19,\"dropped_packets\":1"));
        return log;
    }

    @Test
    void happensAtATimeWithTolerance() {
        RunEvents log = retries();
        assertTrue(eval(log, "{happens: wg.handshake.initiated, node: a, at: 1s ± 1ms}").passed());
        assertTrue(eval(log, "{happens: wg.handshake.initiated, node: a, at: 6s +- 1ms}").passed());
        Outcome late = eval(log, "{happens: wg.handshake.gave_up, node: a, at: 100s ± 500ms}");
        assertFalse(late.passed());
        assertTrue(late.message().startsWith("expected wg.handshake.gave_up node=a in [99.500000s, 100.500000s]; it happened 1 time,"
                + " none in the window; nearest at "), late.message());
        assertEquals(3, late.context().size(), "three before, none after the last event: " + late.context());
        assertTrue(late.context().get(2).startsWith("> 104.230000s  wg.handshake.gave_up"), "the decisive event is marked: "
                + late.context());
        assertTrue(late.details().contains("wg.handshake.initiated node=a peer=b retry=true attempt=19"), late.details());
    }

    @Test
    void neverHappenedSaysSo() {
        Outcome o = eval(retries(), "{happens: wg.keys.zeroed, node: b, within: [0s, 100s]}");
        assertFalse(o.passed());
        assertTrue(o.message().endsWith("it never happened (no wg.keys.zeroed events at all)"), o.message());
    }

    @Test
    void countsWithFieldFilters() {
        RunEvents log = retries();
        assertTrue(eval(log, "{count: wg.handshake.initiated, node: a, peer: b, is: 20}").passed());
        assertTrue(eval(log, "{count: wg.handshake.initiated, where: {retry: false}, is: 1}").passed());
        assertTrue(eval(log, "{count: wg.handshake.initiated, within: [0s, 10s], is: 2}").passed());
        Outcome o = eval(log, "{count: wg.handshake.initiated, node: a, is: '<= 18'}");
        assertFalse(o.passed());
        assertEquals("expected <= 18 wg.handshake.initiated node=a; counted 20", o.message());
        assertEquals("  ... 14 more ...", o.context().get(3));
        assertTrue(eval(log, "{count: wg.dropped, reason: replay, is: 0}").passed(), "no drops with reason replay");
    }

    @Test
    void intervalsAndSpan() {
        RunEvents log = retries();
        assertTrue(eval(log, "{interval: wg.handshake.initiated, node: a, every: between 5s and 5.333s}").passed());
        Outcome tight = eval(log, "{interval: wg.handshake.initiated, node: a, every: 5s ± 100ms}");
        assertFalse(tight.passed());
        assertTrue(tight.message().contains("off by"), tight.message());
        assertTrue(eval(log, "{span: wg.handshake.initiated, node: a, is: between 95s and 101s}").passed());
        assertFalse(eval(log, "{span: wg.handshake.initiated, node: a, is: '<= 90s'}").passed());
    }

    @Test
    void endpointAtATimeFollowsAuthenticatedChanges() {
        RunEvents log = new RunEvents();
        log.add(ev(30_000, "wg.endpoint.changed", ",\"old\":\"192.0.2.2:1\",\"new\":\"203.0.113.7:4500\""));
        assertTrue(eval(log, "{endpoint: '203.0.113.7:4500', node: a, peer: b, at: 31s}").passed());
        Outcome before = eval(log, "{endpoint: '203.0.113.7:4500', node: a, peer: b, at: 29s}");
        assertFalse(before.passed());
        assertTrue(before.message().contains("it was (none) (as configured; it never changed before then)"), before.message());
    }

    @Test
    void perPacketEventsAreCountedNotKept() {
        RunEvents log = new RunEvents();
        assertTrue(RunEvents.perPacket("packet.dropped"));
        assertFalse(RunEvents.perPacket("wg.dropped"));
        assertEquals(0, log.events().size());
        assertTrue(eval(log, "{count: packet.dropped, reason: loss, is: 0}").passed());
        assertFalse(eval(log, "{count: packet.dropped, within: [0s, 1s], is: 0}").passed());
    }
}
