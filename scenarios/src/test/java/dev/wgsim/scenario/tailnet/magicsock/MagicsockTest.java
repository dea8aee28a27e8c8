package dev.wgsim.scenario.tailnet.magicsock;

import static dev.wgsim.scenario.tailnet.magicsock.MagicHarness.MS;
import static dev.wgsim.scenario.tailnet.magicsock.MagicHarness.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.Endpoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Path choice on a toy network, timed against the research note (section 3): first packets via
 * DERP; a punchable pair goes direct in about one DERP RTT plus one direct RTT; pongs keep the path
 * trusted 6.5 s; without them traffic falls back to DERP; 45 s idle stops heartbeats.
 */
class MagicsockTest {

    @Test
    void firstPacketsGoByDerpThenThePathUpgradesOnThePong() {
        MagicHarness h = new MagicHarness(10 * MS, 30 * MS);
        long t0 = h.now;
        h.a.send(100);
        h.runUntil(t0 + 2 * S);
        // The packet went both by DERP (no trusted path) ...
        assertEquals(t0 + 30 * MS, h.b.firstDelivered.get("derp"));
        // ... while a pinged b's endpoint: b answers, a hears the pong one direct RTT after sending.
        assertEquals(t0 + 20 * MS, h.a.firstTime(PathKind.DIRECT));
        assertEquals(Endpoint.parse("198.51.100.2:41641"), h.a.sock.bestEndpoint(h.b.nodeKey.publicKey()));
        // b was not sending: it only pinged back after a's CallMeMaybe arrived through DERP (30 ms),
        // and its pong came one direct RTT later.
        assertEquals(t0 + 30 * MS + 20 * MS, h.b.firstTime(PathKind.DIRECT));
        // The first relayed path was reported before either went direct.
        assertEquals(PathKind.RELAYED, h.a.pathAt(t0));
    }

    @Test
    void withUdpBlockedThePairStaysRelayedAndPingsAreRateLimited() {
        MagicHarness h = new MagicHarness(10 * MS, 30 * MS);
        h.udpOpen = false;
        long t0 = h.now;
        h.traffic(100 * MS, t0 + 30 * S);
        h.runUntil(t0 + 30 * S);
        assertNull(h.a.firstTime(PathKind.DIRECT));
        assertEquals(PathKind.RELAYED, h.a.sock.path(h.b.nodeKey.publicKey()));
        long pings = h.a.events.stream().filter(e -> e instanceof MagicEvent.PingSent).count();
        // one discovery ping per endpoint per 5 s, plus the pings CallMeMaybe's reset allows:
        // b's CallMeMaybes (one per 5 s round) each reset a's limits once; so at most 2 per 5 s.
        assertTrue(pings > 0 && pings <= 2 * (30 / 5 + 1), "pings " + pings);
        assertEquals(h.a.delivered + 0, h.a.deliveredViaDerp, "everything relayed");
        assertTrue(h.a.delivered >= 290, "delivered " + h.a.delivered);
    }

    @Test
    void whenPongsStopTheTrustLapsesAfter6500msAndTrafficFallsBackToDerp() {
        MagicHarness h = new MagicHarness(10 * MS, 30 * MS);
        long t0 = h.now;
        h.traffic(100 * MS, t0 + 60 * S);
        h.runUntil(t0 + 10 * S);
        assertEquals(PathKind.DIRECT, h.a.sock.path(h.b.nodeKey.publicKey()));
        long lastPong = lastPongAt(h.a);
        h.udpOpen = false;   // the direct path dies (a NAT mapping lost, a firewall)
        long cut = h.now;
        h.runUntil(t0 + 40 * S);
        Long fell = null;
        for (long[] p : h.a.pathTimes) {
            if (p[0] > cut && p[1] == PathKind.RELAYED.ordinal()) {
                fell = p[0];
                break;
            }
        }
        assertNotNull(fell);
        // the last pong before the cut vouched for 6.5 s; heartbeats every 3 s kept it fresh until then
        assertTrue(lastPong <= cut && cut - lastPong <= 3 * S + 20 * MS, "last pong " + (cut - lastPong));
        assertEquals(lastPongAt(h.a, cut) + 6500 * MS, fell);
        // and when the path heals, discovery (every heartbeat while untrusted) finds it again
        h.udpOpen = true;
        long healed = h.now;
        h.runUntil(t0 + 55 * S);
        assertEquals(PathKind.DIRECT, h.a.sock.path(h.b.nodeKey.publicKey()));
        long back = 0;
        for (long[] p : h.a.pathTimes) {
            if (p[0] > healed && p[1] == PathKind.DIRECT.ordinal()) {
                back = p[0];
                break;
            }
        }
        assertTrue(back > healed && back - healed <= 5 * S + 20 * MS, "re-punched after " + (back - healed));
    }

    @Test
    void idleSessionsStopHeartbeating() {
        MagicHarness h = new MagicHarness(10 * MS, 30 * MS);
        long t0 = h.now;
        h.a.send(100);
        h.runUntil(t0 + 200 * S);
        long lastPing;
        // a sent once at t0: heartbeats every 3 s up to 45 s of idleness, then silence.
        List<Long> pingTimes = pingTimes(h.a);
        assertFalse(pingTimes.isEmpty());
        lastPing = pingTimes.get(pingTimes.size() - 1);
        assertTrue(lastPing <= t0 + 45 * S, "last ping at +" + (lastPing - t0) / MS + " ms");
        assertTrue(lastPing >= t0 + 42 * S, "heartbeats continued until idle: +" + (lastPing - t0) / MS + " ms");
    }

    @Test
    void betterAddrFollowsMagicsockPoints() {
        Endpoint pub = Endpoint.parse("203.0.113.5:1");
        Endpoint priv = Endpoint.parse("192.168.1.5:1");
        Endpoint v6 = Endpoint.parse("[2001:db8::5]:1");
        assertTrue(Magicsock.betterAddr(pub, 10 * MS, null, 0));
        // private wins at equal latency (20 points), loses when 30% slower (30 vs 20 points)
        assertTrue(Magicsock.betterAddr(priv, 10 * MS, pub, 10 * MS));
        assertFalse(Magicsock.betterAddr(priv, 13 * MS, pub, 9 * MS));
        // stickiness: a 1% gain alone does not switch
        assertFalse(Magicsock.betterAddr(Endpoint.parse("203.0.113.6:1"), 99 * MS, pub, 100 * MS));
        assertTrue(Magicsock.betterAddr(Endpoint.parse("203.0.113.6:1"), 90 * MS, pub, 100 * MS));
        // IPv6 gets 10 points
        assertTrue(Magicsock.betterAddr(v6, 10 * MS, pub, 10 * MS));
    }

    @Test
    void garbageOnThePortIsDroppedByReason() {
        MagicHarness h = new MagicHarness(10 * MS, 30 * MS);
        MagicOutput o = h.a.sock.receiveUdp(h.now, Endpoint.parse("203.0.113.77:9"), new byte[] {1, 0, 0, 0, 9});
        assertTrue(o.delivered().isEmpty());
        byte[] fakeDisco = new byte[100];
        System.arraycopy("TS💬".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, fakeDisco, 0, 6);
        h.a.sock.receiveUdp(h.now, Endpoint.parse("203.0.113.77:9"), fakeDisco);
        assertEquals(java.util.Map.of("magicsock-unknown-source", 1L, "disco-unknown-sender", 1L), h.a.sock.drops());
    }

    private static long lastPongAt(MagicHarness.Side s) {
        return lastPongAt(s, Long.MAX_VALUE);
    }

    private static long lastPongAt(MagicHarness.Side s, long before) {
        long last = 0;
        for (long t : s.pongTimes) {
            if (t <= before) {
                last = t;
            }
        }
        return last;
    }

    private static List<Long> pingTimes(MagicHarness.Side s) {
        return s.pingTimes;
    }
}
