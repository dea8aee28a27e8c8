package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.MS;
import static dev.wgsim.wg.device.Sim.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WgDevice#setPrivateKey} against what wireguard-go 0.0.20220316 does on
 * {@code wg set IF private-key FILE}. Measured with two {@code wireguard-go -f} in network
 * namespaces joined by a veth pair, tshark on the veth (docs/measurements/wg-set-private-key.md,
 * times relative to the {@code wg set} on A):
 * <ol>
 *   <li>A pings B every 0.2 s, B pings A every 0.5 s, session up; A also has a peer whose public
 *       key is the new one. After the change: that peer is gone from {@code wg show dump}; A's next
 *       packet (+0.061 s) leaves as an initiation, no transport from A any more; B keeps sending
 *       transport on the old session (counters 23..54) and A accepts it (all of B's pings were
 *       answered in the end); B drops A's initiations ("invalid initiation message": unknown
 *       static key) at +0.061, +5.176, +10.288, +15.295 (REKEY_TIMEOUT + jitter apart); B's own
 *       initiation after 15 s without hearing from A (+14.893) carries mac1 for A's old public key
 *       and A drops it ("invalid mac1"). After B swaps A's old key for the new one (+16.04), B's
 *       next packet starts a handshake (+16.468), A answers (+16.469) and flushes everything it
 *       staged: 150 of 150 pings answered.</li>
 *   <li>Key change 0.4 s after a handshake A initiated: A's next packet (+0.533, 0.93 s after the
 *       previous initiation) is an initiation at once, not after REKEY_TIMEOUT; B, which knows
 *       the new key as another peer, answers it (+0.535).</li>
 *   <li>Key change while A's initiation waits for its response (B's wireguard-go stopped with
 *       SIGSTOP, then resumed): B's response arrives at +0.43 and A drops it ("invalid mac1",
 *       it is keyed to A's old public key); nothing is sent at the change itself; the pending
 *       retransmission goes on: "retrying (try 2)" at +5.006 and "(try 3)" at +10.009.</li>
 *   <li>The same key again during a session: nothing changes (transport counters 8, 9, 10 on the
 *       same receiver index around the {@code wg set}).</li>
 * </ol>
 */
class PrivateKeyChangeTest {

    private static final PrivateKey NEW_KEY = PrivateKey.generate(Entropy.of(new Random(4242)));
    private static final long JITTER_MAX = Constants.DEFAULTS.rekeyTimeoutJitterMaxMs() * MS;

    /** x sends one 64-byte packet to the other node every {@code period} in [from, until). */
    private static int every(Sim sim, Sim.Node x, long from, long until, long period) {
        int n = 0;
        for (long t = from; t < until; t += period) {
            int tag = n++;
            sim.at(t, () -> sim.send(x, 64, tag));
        }
        return n;
    }

    private static List<Sim.Sent> sentBetween(Sim sim, String node, int type, long from, long until) {
        return sim.sent.stream()
                .filter(s -> s.from().equals(node) && s.type() == type && s.at() >= from && s.at() < until).toList();
    }

    private static long gotBetween(Sim sim, String node, long from, long until) {
        return sim.got.stream().filter(g -> g.at_node().equals(node) && g.at() >= from && g.at() < until).count();
    }

    @Test
    void changeDuringTrafficExpiresSendingRemovesTheClashingPeerAndRecoversOnceThePeerLearnsTheKey() {
        Sim sim = new Sim(Constants.DEFAULTS, 71);
        PublicKey oldA = sim.a.device.publicKey();
        PublicKey newA = NEW_KEY.publicKey();
        WgPeer clash = sim.a.device.addPeer(newA, null);
        sim.a.device.addAllowedIp(clash, IpPrefix.parse("10.0.0.99/32"));
        sim.send(sim.a, 64, 0);
        sim.runFor(1 * S);
        long start = sim.now;
        long change = start + 3 * S;
        long fix = change + 16_040 * MS;
        long end = change + 27 * S;
        int aPackets = 1 + every(sim, sim.a, start + 1 * MS, end, 200 * MS);
        every(sim, sim.b, start + 2 * MS, end, 500 * MS);
        sim.at(change, () -> sim.handle(sim.a, sim.a.device.setPrivateKey(sim.now, NEW_KEY)));
        sim.at(fix, () -> {
            sim.b.device.removePeer(sim.b.peer);
            sim.b.peer = sim.b.device.addPeer(newA, null);
            sim.b.device.addAllowedIp(sim.b.peer, IpPrefix.parse("10.0.0.1/32"));
            sim.b.device.setEndpoint(sim.b.peer, sim.a.address);
        });
        sim.runUntil(end + 2 * S);

        assertEquals(newA, sim.a.device.publicKey());
        assertNull(sim.a.device.peer(newA), "the peer with the new public key is removed");
        assertNotNull(sim.a.device.peer(sim.b.device.publicKey()));
        assertEquals(1, sim.eventsOf("A", WgEvent.KeysZeroed.class).stream()
                .filter(e -> e.event().peer().equals(newA)).count());

        // A: no transport after the change until the new session; the next packet is an initiation
        List<Sim.Sent> aInits = sentBetween(sim, "A", 1, change, fix);
        assertFalse(aInits.isEmpty());
        long firstAfter = sim.sent.stream().filter(s -> s.from().equals("A") && s.at() >= change)
                .findFirst().orElseThrow().at();
        assertEquals(1, sim.sent.stream().filter(s -> s.from().equals("A") && s.at() == firstAfter)
                .findFirst().orElseThrow().type(), "A's first datagram after the change is an initiation");
        assertTrue(firstAfter - change <= 200 * MS, "at A's next packet (measured +0.061 s, 0.2 s pings)");
        assertTrue(sentBetween(sim, "A", 4, change, fix).isEmpty(), "A's current keypair can no longer send");
        // retries REKEY_TIMEOUT + jitter apart (measured 5.115, 5.112, 5.007 s); 4 before the fix
        assertEquals(4, aInits.size(), () -> "initiations " + aInits);
        for (int i = 1; i < aInits.size(); i++) {
            long gap = aInits.get(i).at() - aInits.get(i - 1).at();
            assertTrue(gap >= 5 * S && gap < 5 * S + JITTER_MAX + 200 * MS, "gap " + gap);
        }
        assertEquals(aInits.size(), sim.dropCount(sim.b, DropReason.UNKNOWN_PEER),
                "B does not know A's new static key");
        // A still accepts B's transport on the old session
        long bTransport = sentBetween(sim, "B", 4, change, fix).size();
        assertTrue(bTransport >= 25, "B kept sending transport: " + bTransport);
        assertEquals(bTransport, gotBetween(sim, "A", change, fix + 1), "A delivered every one of them");
        // B's own initiation (no reply from A for 15 s) carries mac1 for A's old key: dropped by A
        List<Sim.Sent> bInits = sentBetween(sim, "B", 1, change, fix);
        assertEquals(1, bInits.size());
        long bInitAt = bInits.get(0).at() - change;
        assertTrue(bInitAt >= 14_500 * MS && bInitAt < 15_500 * MS, "measured +14.893 s, got " + bInitAt);
        assertEquals(1, sim.dropCount(sim.a, DropReason.BAD_MAC1));

        // after B learns the new key: handshake (B initiates with its next packet) and A's staged packets flow
        List<Sim.Sent> bInitsAfterFix = sentBetween(sim, "B", 1, fix, end);
        assertEquals(1, bInitsAfterFix.size());
        assertTrue(bInitsAfterFix.get(0).at() - fix <= 500 * MS, "B's next packet (0.5 s pings; measured +0.43 s)");
        assertEquals(1, sentBetween(sim, "A", 2, fix, end).size(), "A answers the initiation");
        assertEquals(aPackets, gotBetween(sim, "B", 0, end + 2 * S),
                "every packet A sent reached B, the staged ones after the new handshake (measured 150 of 150)");
        assertEquals(0, sim.dropCount(sim.a, DropReason.STAGED_QUEUE_FULL));
        assertNull(sim.b.device.peer(oldA));
    }

    @Test
    void changeJustAfterAHandshakeInitiatesAtOnceNotAfterRekeyTimeout() {
        Sim sim = new Sim(Constants.DEFAULTS, 72);
        // B knows the new key as another peer (as in the measurement), so the new handshake completes
        WgPeer second = sim.b.device.addPeer(NEW_KEY.publicKey(), null);
        sim.b.device.addAllowedIp(second, IpPrefix.parse("10.0.0.3/32"));
        sim.b.device.setEndpoint(second, sim.a.address);
        sim.send(sim.a, 64, 0);
        long firstInit = sim.now;
        sim.runFor(400 * MS);
        sim.handle(sim.a, sim.a.device.setPrivateKey(sim.now, NEW_KEY));
        sim.runFor(130 * MS);
        long resend = sim.now;
        sim.send(sim.a, 64, 1);
        sim.runFor(100 * MS);

        List<Sim.Sent> inits = sim.sentBy("A", 1);
        assertEquals(2, inits.size());
        assertEquals(firstInit, inits.get(0).at());
        assertEquals(resend, inits.get(1).at(), "initiated at once, 0.53 s after the previous initiation");
        assertTrue(inits.get(1).at() - inits.get(0).at() < Constants.DEFAULTS.rekeyTimeout());
        assertEquals(2, sim.sentBy("B", 2).size(), "B answered the new identity as its second peer");
        assertEquals(2, sim.eventsOf("A", WgEvent.HandshakeCompleted.class).size());
    }

    @Test
    void aResponseToAnInitiationSentBeforeTheChangeFailsMac1AndThePendingRetryGoesOn() {
        Sim sim = new Sim(Constants.DEFAULTS, 73);
        sim.send(sim.a, 64, 0);
        long init = sim.now;
        // the response is on its way back (B answers at +10 ms, A gets it at +20 ms)
        sim.runFor(15 * MS);
        long change = sim.now;
        WgOutput o = sim.a.device.setPrivateKey(sim.now, NEW_KEY);
        assertTrue(o.datagrams().isEmpty(), "nothing is sent at the change itself");
        sim.handle(sim.a, o);
        sim.runFor(6 * S);

        assertEquals(1, sim.sentBy("B", 2).size());
        assertEquals(1, sim.dropCount(sim.a, DropReason.BAD_MAC1), "the response's mac1 is for A's old key");
        assertTrue(sim.eventsOf("A", WgEvent.HandshakeCompleted.class).isEmpty());
        List<Sim.Ev> initiated = sim.eventsOf("A", WgEvent.HandshakeInitiated.class);
        assertEquals(2, initiated.size());
        WgEvent.HandshakeInitiated retry = (WgEvent.HandshakeInitiated) initiated.get(1).event();
        assertTrue(retry.retry(), "the pending retransmission fires as a retry (wireguard-go: 'try 2')");
        assertEquals(1, retry.attempt());
        long at = initiated.get(1).at();
        assertTrue(at - init >= 5 * S && at - init < 5 * S + JITTER_MAX, "retransmit timer of the first initiation");
        assertTrue(at > change);
    }

    /**
     * Not measured (wireguard-go would have to be held under load): from its source, SetPrivateKey
     * re-initialises the cookie checker with the new public key (mac1 key, cookie encryption key)
     * and forgets the cookie secret. So under load a peer that knows the new key gets a cookie it
     * can open and its retry with mac2 is accepted; one that still has the old key fails mac1 and
     * gets no cookie.
     */
    @Test
    void underLoadCookiesFollowTheNewKey() {
        Sim sim = new Sim(Constants.DEFAULTS, 76);
        sim.handle(sim.a, sim.a.device.setPrivateKey(sim.now, NEW_KEY));
        sim.a.device.forceUnderLoad(true);
        sim.send(sim.b, 64, 1);
        sim.runFor(100 * MS);
        assertEquals(1, sim.dropCount(sim.a, DropReason.BAD_MAC1), "B still has A's old key: mac1 fails");
        assertTrue(sim.sentBy("A", 3).isEmpty(), "no cookie for a datagram that failed mac1");

        sim.b.device.removePeer(sim.b.peer);
        sim.b.peer = sim.b.device.addPeer(NEW_KEY.publicKey(), null);
        sim.b.device.addAllowedIp(sim.b.peer, IpPrefix.parse("10.0.0.1/32"));
        sim.b.device.setEndpoint(sim.b.peer, sim.a.address);
        sim.send(sim.b, 64, 2);
        sim.runFor(100 * MS);
        assertEquals(1, sim.sentBy("A", 3).size(), "under load: a cookie reply instead of a response");
        assertEquals(1, sim.eventsOf("B", WgEvent.CookieReceived.class).size(),
                "B opened it with the key derived from A's new public key");
        sim.runFor(6 * S);
        assertEquals(1, sim.dropCount(sim.a, DropReason.NEEDS_COOKIE));
        assertEquals(1, sim.eventsOf("B", WgEvent.HandshakeCompleted.class).size(), "the retry's mac2 was accepted");
        assertEquals(1, sim.got.stream().filter(g -> g.at_node().equals("A")).count());
    }

    @Test
    void theSameKeyAgainChangesNothing() {
        Sim sim = new Sim(Constants.DEFAULTS, 74);
        sim.send(sim.a, 64, 0);
        sim.runFor(1 * S);
        PrivateKey same = sim.a.device.privateKey();
        WgOutput o = sim.a.device.setPrivateKey(sim.now, same);
        assertTrue(o.isEmpty());
        sim.send(sim.a, 64, 1);
        sim.runFor(1 * S);
        assertEquals(1, sim.sentBy("A", 1).size(), "no new handshake");
        List<Sim.Sent> transport = sim.sentBy("A", 4);
        assertEquals(2, transport.size());
        assertEquals(1, transport.get(1).counter(), "the session continues: next counter on the same keypair");
        assertEquals(2, sim.got.stream().filter(g -> g.at_node().equals("B")).count());
    }

    @Test
    void aNullKeyIsRefused() {
        Sim sim = new Sim(Constants.DEFAULTS, 75);
        assertThrows(IllegalArgumentException.class, () -> sim.a.device.setPrivateKey(sim.now, null));
    }
}
