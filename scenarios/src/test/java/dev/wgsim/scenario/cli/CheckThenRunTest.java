package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.BrokenInputCliTest.Result;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios that {@code check} accepts run to the end: what used to pass check and then crash
 * the run now either is a check error (BrokenInputCliTest) or runs and reports.
 */
class CheckThenRunTest {
    @TempDir
    Path dir;

    static final String TWO_PEERS = """
            nodes:
              - name: inet
                router: true
              - name: a
                address: 198.51.100.1
                wireguard:
                  address: 10.0.0.1/24
                  listen_port: 51820
                  peers: [{node: b, endpoint: b}]
              - name: b
                address: 198.51.100.2
                wireguard:
                  address: 10.0.0.2/24
                  listen_port: 51820
                  peers: [{node: a, endpoint: a}]
            links:
              - {name: la, a: a, b: inet, delay: 5ms}
              - {name: lb, a: b, b: inet, delay: 5ms}
            """;

    Path file(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    static void assertNoTrace(Result r) {
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void anRttExpectationOnAFlowWithoutRepliesFailsWithNoSamples() throws IOException {
        Path f = file("rtt.yaml", "scenario: {name: rtt, duration: 5s}\n" + TWO_PEERS + """
                traffic: [{name: f, type: cbr, from: a, to: b, rate: 8kbit/s, size: 100B}]
                expect:
                  - {flow: f, rtt_p99: '<= 1s'}
                """);
        assertEquals(0, BrokenInputCliTest.wgsim("check", f.toString()).exit());
        Result r = BrokenInputCliTest.wgsim("run", f.toString(), "--no-results");
        assertNoTrace(r);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL flow f rtt_p99") && r.out().contains("no RTT samples"), r.out());
    }

    /**
     * Junk aimed at a WireGuard listen port reaches the WireGuard socket and changes nothing: every
     * datagram is dropped by reason and the tunnel keeps working. 100 junk datagrams by hand:
     * 8 kbit/s of 100-byte payloads is 10 per second, for 10 s; the flow header's first byte is
     * not a WireGuard message type, so each is an unknown_type drop.
     */
    @Test
    void aDirectFlowToTheListenPortIsDroppedByWireGuardAndChangesNothing() throws IOException {
        Path f = file("junk.yaml", "scenario: {name: junk, duration: 10s}\n" + TWO_PEERS + """
                traffic:
                  - {name: junk, type: cbr, from: a, to: b, via: direct, port: 51820, rate: 8kbit/s, size: 100B}
                  - {name: p, type: ping, from: a, to: b, interval: 1s}
                expect:
                  - {count: wg.dropped, node: b, reason: unknown_type, is: 100}
                  - {count: wg.dropped, node: b, is: 100}
                  - {flow: p, delivered: '100%'}
                  - {flow: junk, delivered: '0%'}
                """);
        Result r = BrokenInputCliTest.wgsim("run", f.toString(), "--no-results");
        assertNoTrace(r);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(4, r.out().lines().filter(l -> l.startsWith("PASS ")).count(), r.out());
    }

    /**
     * The longest run check accepts ends at 2106-02-07T06:28:15Z, the last second a pcap record
     * holds: a handshake in its last seconds stamps TAI64N and pcap times there without overflow.
     */
    @Test
    void aRunEndingAtTheLastAllowedInstantWithAHandshakeAtItsEndCompletes() throws IOException {
        Path f = file("limit.yaml", """
                scenario:
                  name: limit
                  epoch: 2106-02-07T00:00:00Z
                  duration: 6h28m15s
                """ + TWO_PEERS + """
                traffic: [{name: p, type: ping, from: a, to: b, start: 6h28m, interval: 1s}]
                capture: {nodes: [a]}
                expect:
                  - {happens: wg.handshake.completed, node: a, peer: b, within: [6h28m, 6h28m1s]}
                  - {flow: p, delivered: '100%'}
                """);
        Result r = BrokenInputCliTest.wgsim("run", f.toString(), "-o", dir.resolve("out").toString());
        assertNoTrace(r);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(Files.size(dir.resolve("out/limit/capture.pcap")) > 24, "packets captured");
        // One second more is refused by check.
        Path over = file("over.yaml", Files.readString(f).replace("duration: 6h28m15s", "duration: 6h28m16s"));
        Result c = BrokenInputCliTest.wgsim("check", over.toString());
        assertEquals(2, c.exit());
        assertTrue(c.err().startsWith(over + ":4:13: scenario.duration: the run would end at 2106-02-07T06:28:16Z"), c.err());
    }

    /** 30 days at the default 1 s bin would be 2,592,000 bins; the bin widens to 26 s (ceil of /100,000). */
    @Test
    void aLongRunWithoutAnExplicitBinGetsAWiderDefaultBin() throws IOException {
        Path f = file("month.yaml", "scenario: {name: month, duration: 30d}\nnodes: [{name: a}]\n");
        assertEquals(26_000_000_000L, ScenarioParser.parse(f).metricsBin());
        Path day = file("day.yaml", "scenario: {name: day, duration: 1d}\nnodes: [{name: a}]\n");
        assertEquals(1_000_000_000L, ScenarioParser.parse(day).metricsBin(), "86,400 bins: the default stays 1 s");
    }
}
