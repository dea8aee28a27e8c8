package dev.wgsim.scenario.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * summary.json's tailnet block for small tailnets whose outcome the research note's rule decides:
 * direct iff some side is EIM with a filter the other can open, and a port mapping counts as EIM+EIF.
 */
class TailnetSummaryTest {
    static final long S = 1_000_000_000L;

    record Run(JsonNode summary, List<TraceEvent> events) {
        JsonNode pair(String node, String peer) {
            for (JsonNode p : summary.path("pairs")) {
                if (p.path("node").asText().equals(node) && p.path("peer").asText().equals(peer)) {
                    return p;
                }
            }
            throw new AssertionError("no pair " + node + " > " + peer + " in " + summary.path("pairs"));
        }

        boolean wentDirect(String node, String peer) {
            return events.stream().anyMatch(e -> e.kind().equals("tailnet.path") && e.field("node").equals(node)
                    && e.field("peer").equals(peer) && e.field("to").equals("direct"));
        }
    }

    static Run run(String devices) {
        Scenario s = ScenarioParser.parse("t.yaml", """
                scenario: {name: t, duration: 30s}
                tailnet:
                  relays: [{name: nyc, region: 1, delay: 10ms}]
                  devices:
                """ + devices + """
                traffic:
                  - {name: ping, type: ping, from: a, to: b, interval: 500ms, start: 2s}
                """, Path.of("."), ScenarioParser.Options.NONE);
        Simulation sim = Simulation.build(s);
        Tailnet t = Tailnet.attach(sim).orElseThrow();
        TailnetSummary summary = new TailnetSummary(t);
        sim.network().trace().subscribeProtocol(summary);
        List<TraceEvent> events = new ArrayList<>();
        sim.network().trace().subscribeProtocol(events::add);
        sim.run(s.duration(), x -> { });
        return new Run(summary.toJson(new ObjectMapper()), events);
    }

    @Test
    void aHardNatWithAPortMappingGoesDirectWithAnotherHardNat() {
        // Research note: "anything x port-mapped (UPnP/PMP/PCP on the outermost NAT) -> DIRECT".
        Run r = run("""
                    - {name: a, nat: hard, port_mapping: true, delay: 10ms}
                    - {name: b, nat: hard, delay: 15ms}
                """);
        assertTrue(r.wentDirect("a", "b"), "a -> b direct");
        assertTrue(r.wentDirect("b", "a"), "b -> a direct (to a's mapped port)");
        assertEquals("direct", r.pair("a", "b").path("path").asText());
        assertTrue(r.pair("a", "b").path("bytes_direct").asLong() > 0);
    }

    @Test
    void withoutThePortMappingTwoHardNatsStayRelayedAndEveryByteGoesThroughDerp() {
        // Rule: neither side is EIM, so no punch: 100% of the bytes relayed, no time to direct.
        Run r = run("""
                    - {name: a, nat: hard, delay: 10ms}
                    - {name: b, nat: hard, delay: 15ms}
                """);
        assertFalse(r.wentDirect("a", "b"));
        JsonNode ab = r.pair("a", "b");
        assertEquals(0, ab.path("bytes_direct").asLong());
        assertTrue(ab.path("bytes_relayed").asLong() > 0);
        assertTrue(ab.path("time_to_direct_s").isNull());
        assertEquals(1.0, r.summary().path("relayed_share").asDouble());
        // The per-bin relay load adds up to what the server counted, and nothing is forwarded before the pings start.
        JsonNode bins = r.summary().path("relay_load").path("bytes").path("nyc");
        assertEquals(30, bins.size(), "30 s in 1 s bins");
        long sum = 0;
        for (JsonNode b : bins) {
            sum += b.asLong();
        }
        assertEquals(r.summary().path("relays").path("nyc").path("bytes_forwarded").asLong(), sum);
        assertTrue(sum > 0);
    }

    @Test
    void timeToDirectRunsFromThePairsFirstDatagramToItsFirstDirectPath() {
        Run r = run("""
                    - {name: a, nat: easy, delay: 10ms}
                    - {name: b, nat: easy, delay: 15ms}
                """);
        JsonNode ab = r.pair("a", "b");
        // a's first WireGuard datagram to b is its handshake initiation for the first ping, at 2 s.
        assertEquals(2.0, ab.path("first_sent_s").asDouble(), 1e-9);
        double t = ab.path("time_to_direct_s").asDouble();
        // At least one direct disco round trip: 2 x (10 + 1 + 15 + 1) ms of one-way link delay = 54 ms.
        assertTrue(t >= 0.054, "time to direct " + t);
        assertEquals(ab.path("first_direct_s").asDouble() - 2.0, t, 1e-9);
        assertTrue(ab.path("bytes_relayed").asLong() > 0, "the first packets went by DERP");
    }
}
