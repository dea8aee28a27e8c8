package dev.wgsim.scenario.tailnet.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Registration, the full map, batched deltas, expiry, removal and an unreachable server, timed
 * against the figures of the research note (section 5): 800 ms batching, so about 1 s to a peer.
 */
class ControlServerTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    private ControlHarness harness(ControlConfig c) {
        ControlHarness h = new ControlHarness(c, 20 * MS);
        h.server.addAuthKey(new ControlServer.AuthKey("tskey-reusable", true, false, Long.MAX_VALUE));
        h.server.addAuthKey(new ControlServer.AuthKey("tskey-once", false, false, Long.MAX_VALUE));
        h.server.addAuthKey(new ControlServer.AuthKey("tskey-old", true, false, 2 * S));
        return h;
    }

    @Test
    void nodesGetSequentialAddressesFromTheTailnetRanges() {
        ControlHarness h = harness(ControlConfig.DEFAULTS);
        ControlHarness.Client a = h.client("a", "tskey-reusable");
        ControlHarness.Client b = h.client("b", "tskey-reusable");
        a.connect();
        b.connect();
        h.runUntil(5 * S);
        // Headscale's sequential allocator: the first address after the prefix's own, per family.
        assertEquals(List.of(IpPrefix.parse("100.64.0.1/32"), IpPrefix.parse("fd7a:115c:a1e0::1/128")), a.control.self().addresses());
        assertEquals(List.of(IpPrefix.parse("100.64.0.2/32"), IpPrefix.parse("fd7a:115c:a1e0::2/128")), b.control.self().addresses());
        assertEquals(a.control.self().addresses(), a.control.self().allowedIps());
        assertEquals(b.discoKey.publicKey(), a.control.peer(b.nodeKey.publicKey()).discoKey());
    }

    @Test
    void addressPoolSkipsQuad100() {
        AddressPool p = new AddressPool();
        // 100.100.100.100 is 36*65536 + 100*256 + 100 = 2,384,996 addresses past 100.64.0.0; allocation n gets offset n.
        IpPrefix last = null;
        for (int i = 0; i < 2_384_995; i++) {
            last = p.allocate().get(0);
        }
        assertEquals(IpPrefix.parse("100.100.100.99/32"), last);
        assertEquals(IpPrefix.parse("100.100.100.101/32"), p.allocate().get(0));
    }

    @Test
    void badPreAuthKeysAreRefusedWithAReason() {
        ControlHarness h = harness(ControlConfig.DEFAULTS);
        ControlHarness.Client first = h.client("first", "tskey-once");
        ControlHarness.Client second = h.client("second", "tskey-once");
        ControlHarness.Client stranger = h.client("stranger", "tskey-made-up");
        first.connect();
        h.runUntil(1 * S);
        second.connect();
        stranger.connect();
        h.runUntil(3 * S);
        ControlHarness.Client late = h.client("late", "tskey-old");
        late.connect();
        h.runUntil(5 * S);
        assertNull(first.control.refusal());
        assertNotNull(first.control.self());
        assertEquals("unknown pre-auth key", second.control.refusal());   // single-use: consumed by first
        assertEquals("unknown pre-auth key", stranger.control.refusal());
        assertEquals("pre-auth key expired", late.control.refusal());
        assertEquals(1, h.server.nodes().size());
    }

    @Test
    void aJoiningNodeReachesPeersAboutOneSecondLater() {
        ControlHarness h = harness(ControlConfig.DEFAULTS);
        ControlHarness.Client a = h.client("a", "tskey-reusable");
        a.connect();
        h.runUntil(10 * S);
        ControlHarness.Client c = h.client("c", "tskey-reusable");
        long joinedAt = h.now;
        c.control.setEndpoints(h.now, List.of(Endpoint.of("198.51.100.7", 41641)), 1);
        c.connect();
        h.runUntil(20 * S);
        Long seen = a.firstSeen.get("c");
        assertNotNull(seen, a.log.toString());
        // register reaches control after 20 ms, the batch goes 800 ms later, 20 ms more to a:
        assertEquals(joinedAt + 20 * MS + 800 * MS + 20 * MS, seen);
        Node cAtA = a.control.peer(c.nodeKey.publicKey());
        assertEquals(List.of(Endpoint.of("198.51.100.7", 41641)), cAtA.endpoints());
        assertEquals(1, cAtA.homeDerp());
        assertEquals(c.discoKey.publicKey(), cAtA.discoKey());
        // and c got a full map holding a at once (one round trip after its map request)
        assertEquals(joinedAt + 4 * 20 * MS, c.firstSeen.get("a"));
    }

    @Test
    void endpointChangesAreBatchedIntoOnePatch() {
        ControlHarness h = harness(ControlConfig.DEFAULTS);
        ControlHarness.Client a = h.client("a", "tskey-reusable");
        ControlHarness.Client b = h.client("b", "tskey-reusable");
        a.connect();
        b.connect();
        h.runUntil(10 * S);
        long before = a.control.mapsReceived();
        long t0 = h.now;
        b.toServer(b.control.setEndpoints(h.now, List.of(Endpoint.of("203.0.113.9", 1000)), 2));
        h.runUntil(t0 + 300 * MS);
        b.toServer(b.control.setEndpoints(h.now, List.of(Endpoint.of("203.0.113.9", 1001)), 2));
        h.runUntil(t0 + 5 * S);
        assertEquals(before + 1, a.control.mapsReceived(), "two changes 300 ms apart go out in one delta");
        assertEquals(List.of(Endpoint.of("203.0.113.9", 1001)), a.control.peer(b.nodeKey.publicKey()).endpoints());
        assertTrue(a.log.get(a.log.size() - 1).startsWith((t0 + 20 * MS + 800 * MS + 20 * MS) + " peer b"), a.log.toString());
    }

    @Test
    void keyExpiryAndRemovalPropagate() {
        ControlHarness h = harness(ControlConfig.DEFAULTS.withKeyExpiry(60 * S));
        ControlHarness.Client a = h.client("a", "tskey-reusable");
        ControlHarness.Client b = h.client("b", "tskey-reusable");
        ControlHarness.Client c = h.client("c", "tskey-reusable");
        b.control.setEndpoints(h.now, List.of(Endpoint.of("198.51.100.2", 41641)), 1);
        a.connect();
        b.connect();
        c.connect();
        h.runUntil(30 * S);
        h.apply(h.server.remove(h.now, c.nodeKey.publicKey()));
        h.runUntil(40 * S);
        assertNull(a.control.peer(c.nodeKey.publicKey()));
        assertTrue(a.log.contains((30 * S + 800 * MS + 20 * MS) + " removed c"), a.log.toString());
        // b's key was issued at 1.02 s and expires 60 s later; peers see it flagged with no endpoints.
        h.runUntil(70 * S);
        Node bAtA = a.control.peer(b.nodeKey.publicKey());
        assertTrue(bAtA.expired());
        assertEquals(List.of(), bAtA.endpoints());
        assertEquals(0, bAtA.homeDerp());
    }

    @Test
    void withControlUnreachableTheCachedMapStaysAndNothingNewArrives() {
        ControlHarness h = harness(ControlConfig.DEFAULTS);
        ControlHarness.Client a = h.client("a", "tskey-reusable");
        ControlHarness.Client b = h.client("b", "tskey-reusable");
        a.connect();
        b.connect();
        h.runUntil(10 * S);
        a.cut();
        ControlHarness.Client d = h.client("d", "tskey-reusable");
        d.connect();
        h.runUntil(100 * S);
        assertNotNull(a.control.peer(b.nodeKey.publicKey()), "the cached map keeps b");
        assertNull(a.control.peer(d.nodeKey.publicKey()), "d joined while a could not hear control");
        assertFalse(a.control.isConnected());
        assertNotNull(b.control.peer(d.nodeKey.publicKey()));
        a.connect();
        h.runUntil(101 * S);
        assertNotNull(a.control.peer(d.nodeKey.publicKey()), "the full map after reconnecting brings d");
    }

    @Test
    void reauthenticationSendsTheNewKeyToPeers() {
        ControlHarness h = harness(ControlConfig.DEFAULTS);
        ControlHarness.Client a = h.client("a", "tskey-reusable");
        ControlHarness.Client b = h.client("b", "tskey-reusable");
        a.connect();
        b.connect();
        h.runUntil(10 * S);
        List<IpPrefix> addrs = b.control.self().addresses();
        dev.wgsim.wg.crypto.PublicKey fresh = dev.wgsim.wg.crypto.PrivateKey.generate(h.entropy).publicKey();
        b.toServer(b.control.reauthenticate(h.now, fresh, "tskey-reusable"));
        h.runUntil(15 * S);
        assertNull(a.control.peer(b.nodeKey.publicKey()));
        Node nb = a.control.peer(fresh);
        assertNotNull(nb);
        assertEquals(addrs, nb.addresses(), "re-authentication keeps the node's addresses");
        assertEquals(2, h.server.nodes().size());
    }
}
