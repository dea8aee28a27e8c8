package dev.wgsim.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The run-time API as a user of it sees it: changes made while the clock runs take effect with
 * WireGuard's own timing, show in the event log, and replay identically. Timings come from the
 * topology (5 ms per link, so 10 ms a→b and a 20 ms round trip) and WireGuard's rules
 * (docs WIREGUARD.md: a handshake starts with the first packet and completes for the initiator one
 * round trip later; REKEY_TIMEOUT 5 s; keys zeroed after 3 × REJECT_AFTER_TIME = 540 s).
 */
class RunTimeApiTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * a and b on one router, each sending 100 packets a second to the other. a starts 1 s after b:
     * had both initiated at once, each would answer the other's initiation and drop the response to
     * its own (its handshake state replaced), and neither could send before a 5 s retry.
     */
    private static final String TWO = """
            scenario: {name: two, duration: 60s, seed: 7}
            nodes:
              - {name: inet, router: true}
              - name: a
                address: 198.51.100.1
                wireguard: {address: 10.0.0.1/24, listen_port: 51820, peers: [PEERS_OF_A]}
              - name: b
                address: 198.51.100.2
                wireguard:
                  address: 10.0.0.2/24
                  listen_port: 51820
                  peers: [{node: a, allowed_ips: [10.0.0.1/32], endpoint: a KEEPALIVE}]
            links:
              - {name: a-inet, a: a, b: inet, delay: 5ms}
              - {name: b-inet, a: b, b: inet, delay: 5ms}
            traffic:
              - {name: b-to-a, type: cbr, from: b, to: 10.0.0.1, rate: 80kbit/s, size: 100B, start: START}
              - {name: a-to-b, type: cbr, from: a, to: 10.0.0.2, rate: 80kbit/s, size: 100B, start: 1s}
            """;

    private static final String ONE = """
            scenario: {name: one, duration: 60s, seed: 7}
            nodes:
              - {name: inet, router: true}
              - name: a
                address: 198.51.100.1
                wireguard: {address: 10.0.0.1/24, listen_port: 51820}
            links:
              - {name: a-inet, a: a, b: inet, delay: 5ms}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioParser.parse("t.yaml", yaml, Path.of("."), new ScenarioParser.Options(List.of(), OptionalLong.empty()));
    }

    private static Scenario two(String start, String keepalive) {
        return parse(TWO.replace("PEERS_OF_A", "{node: b, allowed_ips: [10.0.0.2/32], endpoint: b}")
                .replace("START", start).replace(" KEEPALIVE", keepalive));
    }

    /** Every event the simulation traces from now on, as parsed JSON lines. */
    private static List<JsonNode> record(Simulation sim) {
        List<JsonNode> out = new ArrayList<>();
        sim.network().trace().subscribe(e -> {
            try {
                out.add(JSON.readTree(JsonLines.toJson(e)));
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        return out;
    }

    private static List<JsonNode> select(List<JsonNode> events, String kind, Predicate<JsonNode> p) {
        return events.stream().filter(e -> e.path("kind").asText().equals(kind) && p.test(e)).toList();
    }

    private static Predicate<JsonNode> at(String field, String value) {
        return e -> e.path(field).asText().equals(value);
    }

    private static Predicate<JsonNode> within(long from, long to) {
        return e -> e.path("t").asLong() >= from && e.path("t").asLong() < to;
    }

    /** Runs "b joins at 30 s and sends to a" and returns the event log. */
    private static List<JsonNode> joinAt30s(List<String> jsonLines) {
        Scenario template = two("30s", "");
        Simulation sim = Simulation.build(parse(ONE));
        List<JsonNode> events = record(sim);
        if (jsonLines != null) {
            sim.network().trace().subscribe(e -> jsonLines.add(JsonLines.toJson(e)));
        }
        sim.network().loop().runUntil(30 * S);
        sim.addNode(template.node("b").orElseThrow(), template.link("b-inet").orElseThrow());
        sim.addPeer("a", PeerSettings.of("b", sim.publicKey("b"), List.of(IpPrefix.parse("10.0.0.2/32"))));
        sim.addTraffic(template.flow("b-to-a").orElseThrow());
        sim.network().loop().runUntil(35 * S);
        return events;
    }

    @Test
    void aNodeAddedAt30sHandshakesOneRoundTripLaterAndCarriesItsTraffic() {
        List<JsonNode> events = joinAt30s(null);
        assertEquals(1, select(events, "node.added", at("node", "b").and(at("to", "inet"))).size());
        assertEquals(1, select(events, "wg.interface.added", at("node", "b")).size());
        assertEquals(1, select(events, "wg.peer.added", at("node", "b").and(at("peer", "a"))
                .and(at("endpoint", "198.51.100.1:51820"))).size());
        assertEquals(1, select(events, "wg.peer.added", at("node", "a").and(at("peer", "b"))
                .and(at("allowed_ips", "10.0.0.2/32"))).size());
        // The flow's first packet at 30 s starts the handshake; the response is back 20 ms later.
        List<JsonNode> init = select(events, "wg.handshake.initiated", at("node", "b"));
        assertFalse(init.isEmpty(), "b initiates");
        assertEquals(30 * S, init.get(0).path("t").asLong());
        List<JsonNode> done = select(events, "wg.handshake.completed", at("node", "b").and(at("role", "initiator")));
        assertFalse(done.isEmpty(), "b's handshake completes");
        assertEquals(30 * S + 20 * MS, done.get(0).path("t").asLong());
        // 80 kbit/s of 100-byte packets is 100 a second: 500 in 5 s, each 10 ms on the way (staged
        // ones wait for the handshake), so all but those sent in the last 10 ms arrive.
        long delivered = select(events, "flow.delivered", at("flow", "b-to-a")).size();
        assertTrue(delivered >= 498 && delivered <= 500, "delivered " + delivered);
        // a learned b's endpoint from the authenticated initiation.
        assertEquals(1, select(events, "wg.endpoint.changed", at("node", "a").and(at("peer", "b"))
                .and(at("new", "198.51.100.2:51820"))).size());
    }

    @Test
    void theSameSeedAndChangesGiveAByteIdenticalEventLog() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        joinAt30s(first);
        joinAt30s(second);
        assertTrue(first.size() > 1000, "a real log: " + first.size());
        assertTrue(first.stream().anyMatch(l -> l.contains("\"kind\":\"wg.session.derived\"")), "ephemeral keys were drawn");
        assertEquals(first, second);
    }

    @Test
    void aRemovedPeerStopsTrafficWithWireGuardsDropReasons() {
        Simulation sim = Simulation.build(two("0s", ""));
        List<JsonNode> events = record(sim);
        sim.network().loop().runUntil(10 * S);
        sim.removePeer("a", sim.peerKey("a", "b"));
        sim.network().loop().runUntil(15 * S);
        assertEquals(1, select(events, "wg.peer.removed", at("node", "a").and(at("peer", "b"))).size());
        assertFalse(select(events, "flow.delivered", at("flow", "a-to-b").and(within(0, 10 * S))).isEmpty(),
                "a reached b before the removal");
        // Nothing a sends after 10 s reaches b (the packet sent at 10 s, before the removal, lands 10 ms
        // later): no peer of a's allows 10.0.0.2 any more.
        assertTrue(select(events, "flow.delivered", at("flow", "a-to-b").and(within(10 * S + 10 * MS + 1, 15 * S))).isEmpty());
        long noRoute = select(events, "wg.dropped", at("node", "a").and(at("reason", "no_route"))).size();
        assertTrue(noRoute >= 499 && noRoute <= 500, "a drops its 100 packets a second for 5 s: " + noRoute);
        // b still has its session: its data carries a receiver index a no longer knows.
        assertFalse(select(events, "wg.dropped", at("node", "a").and(at("reason", "unknown_index"))
                .and(within(10 * S, 15 * S))).isEmpty());
        assertTrue(select(events, "flow.delivered", at("flow", "b-to-a").and(within(10 * S + 10 * MS + 1, 15 * S))).isEmpty());
    }

    /**
     * Expected behaviour from wireguard-go, measured (docs/measurements/wg-set-private-key.md, row 1):
     * the changed side's next packet is an initiation, which the peer drops (unknown static key);
     * the peer keeps sending on the old session and is still heard; the changed side sends no
     * transport; the peer, hearing nothing for KEEPALIVE_TIMEOUT + REKEY_TIMEOUT = 15 s (+ jitter), initiates
     * with mac1 for the old key, which is dropped; once the peer has the new key, its next packet
     * handshakes and the staged packets flow.
     */
    @Test
    void aKeyChangeFailsOldKeyPeersUntilTheyLearnTheNewKey() {
        Simulation sim = Simulation.build(two("0s", ""));
        List<JsonNode> events = record(sim);
        PublicKey old = sim.publicKey("a");
        sim.network().loop().runUntil(10 * S);
        PrivateKey fresh = PrivateKey.generate(Entropy.of(new Random(99)));
        sim.changePrivateKey("a", fresh);
        assertEquals(fresh.publicKey(), sim.publicKey("a"));
        sim.network().loop().runUntil(26 * S);
        assertEquals(1, select(events, "wg.key.changed", at("node", "a").and(at("public_key", fresh.publicKey().toBase64())))
                .size());
        List<JsonNode> init = select(events, "wg.handshake.initiated", at("node", "a").and(within(10 * S, 26 * S)));
        assertFalse(init.isEmpty());
        assertTrue(init.get(0).path("t").asLong() <= 10 * S + 10 * MS, "a's next packet: " + init.get(0));
        assertFalse(select(events, "wg.dropped", at("node", "b").and(at("reason", "unknown_peer"))
                .and(within(10 * S, 11 * S))).isEmpty(), "b cannot place a's new static key");
        assertTrue(select(events, "wg.handshake.completed", within(10 * S, 26 * S)).isEmpty(), "no handshake succeeds");
        assertTrue(select(events, "flow.delivered", at("flow", "a-to-b").and(within(10 * S + 10 * MS + 1, 26 * S))).isEmpty(),
                "a sends no transport after the change");
        assertFalse(select(events, "flow.delivered", at("flow", "b-to-a").and(within(25 * S, 26 * S))).isEmpty(),
                "a still hears b's old session");
        List<JsonNode> bInit = select(events, "wg.handshake.initiated", at("node", "b").and(within(10 * S, 26 * S)));
        assertFalse(bInit.isEmpty(), "b, hearing nothing back, initiates");
        long bFirst = bInit.get(0).path("t").asLong();
        // a's last transport reached b at 10.01 s; b's next send arms the timer for 15 s plus WireGuard's
        // jitter of up to 333 ms (REKEY_TIMEOUT_JITTER_MAX).
        assertTrue(bFirst >= 25 * S + 10 * MS && bFirst <= 25 * S + 20 * MS + 334 * MS,
                "15 s (+ jitter) after a's last transport: " + bFirst);
        assertFalse(select(events, "wg.dropped", at("node", "a").and(at("reason", "bad_mac1")).and(within(bFirst, 26 * S)))
                .isEmpty(), "b's initiation carries mac1 for a's old key");
        // b learns the new key (as a coordination server would tell it): b's next packet handshakes.
        sim.removePeer("b", old);
        sim.addPeer("b", PeerSettings.of("a", fresh.publicKey(), List.of(IpPrefix.parse("10.0.0.1/32")))
                .withEndpoint(new Endpoint(IpAddress.parse("198.51.100.1"), 51820)));
        sim.network().loop().runUntil(27 * S);
        List<JsonNode> done = select(events, "wg.handshake.completed", at("node", "b").and(within(26 * S, 27 * S)));
        assertFalse(done.isEmpty(), "b handshakes with a's new key");
        assertTrue(done.get(0).path("t").asLong() <= 26 * S + 10 * MS + 20 * MS, done.get(0).toString());
        assertFalse(select(events, "flow.delivered", at("flow", "a-to-b").and(within(26 * S, 27 * S))).isEmpty(),
                "a's staged and new packets flow");
    }

    @Test
    void aNodeRemovedMidRunLeavesNothingScheduledSoTheRunEnds() {
        // b has every kind of timer: a persistent keepalive, a constant-rate flow, a ping.
        Scenario s = parse(TWO.replace("PEERS_OF_A", "{node: b, allowed_ips: [10.0.0.2/32]}")
                .replace("START", "0s").replace(" KEEPALIVE", ", persistent_keepalive: 5s")
                .replace("  - {name: a-to-b", "  - {name: ping, type: ping, from: b, to: 10.0.0.1, interval: 1s}\n  - {name: a-to-b")
                .replace("  - {name: a-to-b, type: cbr, from: a, to: 10.0.0.2, rate: 80kbit/s, size: 100B, start: 1s}\n", ""));
        Simulation sim = Simulation.build(s);
        List<JsonNode> events = record(sim);
        sim.network().loop().runUntil(10 * S);
        assertFalse(select(events, "wg.keepalive.sent", at("node", "b")).isEmpty() && select(events, "ping.reply",
                at("flow", "ping")).isEmpty(), "b was busy before");
        sim.removeNode("b");
        assertEquals(1, select(events, "node.removed", at("node", "b")).size());
        // a still lists b: its keys for b are zeroed 3 x REJECT_AFTER_TIME = 540 s after the handshake,
        // after which nothing is left to run.
        sim.network().loop().runUntil(3600 * S);
        assertEquals(0, sim.network().loop().pendingCount(), "no timer outlives the node");
        List<JsonNode> after = events.subList(events.indexOf(select(events, "node.removed", e -> true).get(0)) + 1, events.size());
        assertFalse(after.isEmpty(), "a goes on");
        assertTrue(after.stream().noneMatch(at("node", "b")),
                "nothing happens at b after its removal");
        assertFalse(select(events, "wg.keys.zeroed", at("node", "a").and(at("peer", "b"))).isEmpty());
        assertTrue(sim.network().hosts().stream().noneMatch(h -> h.name().equals("b")));
    }

    @Test
    void impossibleRequestsSayWhatIsWrongAndChangeNothing() {
        Simulation sim = Simulation.build(two("0s", ""));
        PublicKey b = sim.publicKey("b");
        List<IpPrefix> free = List.of(IpPrefix.parse("10.9.0.0/24"));
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> sim.addPeer("nobody", PeerSettings.of("x", b, free))).getMessage();
        assertTrue(unknown.contains("'nobody'") && unknown.contains("a, b"), unknown);
        String dupKey = assertThrows(IllegalArgumentException.class,
                () -> sim.addPeer("a", PeerSettings.of("other", b, free))).getMessage();
        assertTrue(dupKey.contains("already there as peer 'b'"), dupKey);
        PublicKey k = PrivateKey.generate(Entropy.of(new Random(1))).publicKey();
        String dupName = assertThrows(IllegalArgumentException.class,
                () -> sim.addPeer("a", PeerSettings.of("b", k, free))).getMessage();
        assertTrue(dupName.contains("already has a peer named 'b'"), dupName);
        String dupPrefix = assertThrows(IllegalArgumentException.class,
                () -> sim.addPeer("a", PeerSettings.of("c", k, List.of(IpPrefix.parse("10.0.0.2/32"))))).getMessage();
        assertTrue(dupPrefix.contains("10.0.0.2/32 already belongs to peer 'b'"), dupPrefix);
        String self = assertThrows(IllegalArgumentException.class,
                () -> sim.addPeer("a", PeerSettings.of("me", sim.publicKey("a"), free))).getMessage();
        assertTrue(self.contains("own public key"), self);
        assertEquals(1, sim.tunnels().get("a").device().peers().size(), "a still has only b");
        Scenario template = two("0s", "");
        String dupNode = assertThrows(IllegalArgumentException.class,
                () -> sim.addNode(template.node("b").orElseThrow(), template.link("b-inet").orElseThrow())).getMessage();
        assertTrue(dupNode.contains("'b' already exists"), dupNode);
        assertThrows(IllegalArgumentException.class, () -> sim.removeNode("inet"), "a router stays");
        assertThrows(IllegalArgumentException.class, () -> sim.removePeer("a", k));
        assertThrows(IllegalArgumentException.class, () -> sim.removeTraffic("nope"));
        assertEquals(4, sim.network().hosts().size() + 1, "inet, a, b (and nothing added)");
    }
}
