package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.MS;
import static dev.wgsim.wg.device.Sim.S;
import static dev.wgsim.wg.device.Sim.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.noise.CookieChecker;
import dev.wgsim.wg.noise.CookieGenerator;
import dev.wgsim.wg.noise.MessageCookieReply;
import dev.wgsim.wg.noise.MessageInitiation;
import dev.wgsim.wg.noise.MessageTransport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CookieAndRoamingTest {

    @Test
    void forcedUnderLoadCookieThenRetryWithMac2Completes() {
        Sim sim = new Sim(Constants.DEFAULTS, 21);
        sim.b.device.forceUnderLoad(true);
        sim.send(sim.a, 64, 1);
        sim.runFor(100 * MS);
        assertEquals(1, sim.dropCount(sim.b, DropReason.NEEDS_COOKIE));
        assertEquals(1, sim.eventsOf("B", WgEvent.CookieSent.class).size());
        assertEquals(1, sim.eventsOf("A", WgEvent.CookieReceived.class).size());
        assertEquals(List.of(3), sim.sentBy("B", 3).stream().map(Sim.Sent::type).toList());
        assertEquals(1, sim.sentBy("A", 1).size(), "a cookie does not trigger an immediate resend");
        sim.runFor(6 * S);
        List<Sim.Sent> inits = sim.sentBy("A", 1);
        assertEquals(2, inits.size());
        long retry = inits.get(1).at() - T0;
        assertTrue(retry >= 5 * S && retry < 5 * S + 334 * MS);
        assertEquals(1, sim.got.size(), "the retry carried a valid mac2 and the packet got through");
        assertEquals(1, sim.dropCount(sim.b, DropReason.NEEDS_COOKIE));
        assertEquals(sim.a.peer.txBytes() - 148, sim.b.peer.rxBytes(),
                () -> "B counts everything A sent except the initiation it answered with a cookie " + sim.sent);
    }

    @Test
    void handshakeQueueModelTriggersLoadNaturallyAndRateLimits() {
        // cost 1 ms per handshake message: 128 queued messages = under load
        Constants c = Constants.DEFAULTS.withLoadModel(1024, S, MS);
        Sim sim = new Sim(c, c, 22);
        // an attacker (not a peer of B) knows B's public key, so its initiations carry a valid mac1
        PrivateKey attackerKey = PrivateKey.generate(Entropy.of(new Random(5)));
        WgDevice attacker = new WgDevice(attackerKey, 1, Constants.DEFAULTS, Entropy.of(new Random(6)), Sim.WALL_EPOCH);
        WgPeer target = attacker.addPeer(sim.b.device.publicKey(), null);
        attacker.setEndpoint(target, sim.b.address);
        attacker.addAllowedIp(target, IpPrefix.parse("10.0.0.2/32"));
        byte[] init = attacker.sendInner(sim.now, Sim.ipv4(new byte[] {10, 9, 9, 9}, new byte[] {10, 0, 0, 2}, 0, 0), 0, 20)
                .datagrams().get(0).bytes();
        InetSocketAddress evil = Sim.addr(203, 0, 113, 9, 4444);
        int cookies = 0;
        for (int i = 0; i < 300; i++) {
            WgOutput r = sim.b.device.receive(sim.now + i * 1_000L, evil, init, 0, init.length);
            cookies += (int) r.datagrams().stream().filter(x -> x.bytes().length == 64).count();
        }
        assertEquals(127, sim.dropCount(sim.b, DropReason.UNKNOWN_PEER), "processed normally until 1/8 full");
        // mac2 demanded from then on; the datagram's source gets the cookie
        assertEquals(300 - 127, cookies);
        assertTrue(sim.b.device.handshakeQueueLength(sim.now + 300_000L) >= 128, "queue built up");
        assertTrue(cookies > 0, "under load, initiations without mac2 get cookie replies");
        assertEquals(cookies, sim.dropCount(sim.b, DropReason.NEEDS_COOKIE));
    }

    @Test
    void cookieGeneratorStoresOnlyMatchingReplies() {
        Entropy rnd = Entropy.of(new Random(1));
        PrivateKey responder = PrivateKey.generate(rnd);
        PrivateKey stranger = PrivateKey.generate(rnd);
        CookieChecker checker = new CookieChecker(responder.publicKey());
        byte[] src = {(byte) 198, 51, 100, 7};
        int port = 40000;
        long now = 10 * S;
        CookieGenerator g = new CookieGenerator(responder.publicKey());
        byte[] first = initiation(rnd, 0x01020304);
        byte[] second = initiation(rnd, 0x05060708);

        // a reply before we sent anything has no mac1 to match
        assertFalse(g.consumeReply(reply(checker, first, src, port, now, rnd), now));
        g.addMacs(first, now);
        assertMac2Zero(first);
        // a reply to another message (different mac1 as AAD)
        assertFalse(g.consumeReply(reply(checker, second, src, port, now, rnd), now));
        // a reply to our message from someone who is not the responder (wrong cookie key)
        assertFalse(g.consumeReply(reply(new CookieChecker(stranger.publicKey()), first, src, port, now, rnd), now));
        // a matching reply with one bit flipped in the sealed cookie
        MessageCookieReply flipped = reply(checker, first, src, port, now, rnd);
        byte[] fb = flipped.bytes();
        fb[MessageCookieReply.SIZE - 1] ^= 1;
        assertFalse(g.consumeReply(MessageCookieReply.decode(fb, 0, fb.length), now));
        assertFalse(g.hasFreshCookie(now), "no non-matching reply was stored");

        // the matching reply is stored: the next message carries a mac2 the responder accepts
        assertTrue(g.consumeReply(reply(checker, first, src, port, now, rnd), now));
        assertTrue(g.hasFreshCookie(now));
        g.addMacs(second, now + S);
        assertTrue(checker.checkMac1(second, 0, second.length));
        assertTrue(checker.checkMac2(second, 0, second.length, src, port, now + S), "mac2 from the stored cookie");
        assertFalse(checker.checkMac2(second, 0, second.length, src, port + 1, now + S), "the cookie is per source");
        // a late reply to the first message no longer matches (the last mac1 is the second's) and
        // does not replace the stored cookie
        assertFalse(g.consumeReply(reply(checker, first, src, port, now, rnd), now + S));
        assertTrue(g.hasFreshCookie(now + S));
        // cookies last COOKIE_REFRESH_TIME = 120 s (WIREGUARD.md §4.3)
        assertTrue(g.hasFreshCookie(now + 119 * S));
        assertFalse(g.hasFreshCookie(now + 121 * S));
        byte[] third = initiation(rnd, 0x090a0b0c);
        g.addMacs(third, now + 121 * S);
        assertMac2Zero(third);
    }

    private static byte[] initiation(Entropy rnd, int sender) {
        byte[] m = new byte[MessageInitiation.SIZE];
        rnd.nextBytes(m);
        m[0] = 1;
        m[1] = 0;
        m[2] = 0;
        m[3] = 0;
        m[4] = (byte) sender;
        m[5] = (byte) (sender >>> 8);
        m[6] = (byte) (sender >>> 16);
        m[7] = (byte) (sender >>> 24);
        return m;
    }

    private static MessageCookieReply reply(CookieChecker checker, byte[] msg, byte[] src, int port, long now, Entropy rnd) {
        // the reply is sealed with the message's mac1 field as AAD, whatever it holds
        byte[] r = checker.createReply(msg, 0, msg.length, src, port, now, rnd);
        return MessageCookieReply.decode(r, 0, r.length);
    }

    private static void assertMac2Zero(byte[] msg) {
        assertTrue(java.util.Arrays.equals(new byte[16], java.util.Arrays.copyOfRange(msg, MessageInitiation.OFF_MAC2,
                MessageInitiation.OFF_MAC2 + 16)), "no cookie, so mac2 is zero");
    }

    @Test
    void endpointMovesOnlyAfterAuthenticatedPacket() {
        Sim sim = new Sim(Constants.DEFAULTS, 23);
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        assertEquals(sim.b.address, sim.a.peer.endpoint());

        // B roams: from now on its datagrams arrive from an LTE address
        InetSocketAddress lte = Sim.addr(100, 64, 7, 7, 40000);
        // a spoofed transport packet from the new address (right index, garbage ciphertext) changes nothing
        byte[] spoof = new byte[96];
        int bIndexAtA = indexOfLastSent(sim, "A");
        MessageTransport.writeHeader(spoof, 0, remoteIndexSeenBy(sim, "B"), 7);
        WgOutput o = sim.a.device.receive(sim.now, lte, spoof, 0, spoof.length);
        assertEquals(DropReason.DECRYPT_FAILED, o.drops().get(0).reason());
        assertEquals(sim.b.address, sim.a.peer.endpoint());
        assertTrue(o.events().isEmpty());

        // a replay of an authentic packet from the new address is rejected and changes nothing
        Datagram[] copy = new Datagram[1];
        sim.b.egress = d -> {
            copy[0] = d;
            return d;
        };
        sim.send(sim.b, 64, 2);
        sim.runFor(S);
        o = sim.a.device.receive(sim.now, lte, copy[0].bytes(), 0, copy[0].bytes().length);
        assertEquals(DropReason.REPLAY, o.drops().get(0).reason());
        assertEquals(sim.b.address, sim.a.peer.endpoint());

        // the next authentic packet from the new address moves the endpoint
        sim.b.apparentSource = lte;
        sim.send(sim.b, 64, 3);
        sim.runFor(S);
        assertEquals(lte, sim.a.peer.endpoint());
        List<Sim.Ev> moved = sim.eventsOf("A", WgEvent.EndpointChanged.class);
        WgEvent.EndpointChanged last = (WgEvent.EndpointChanged) moved.get(moved.size() - 1).event();
        assertEquals(sim.b.address, last.oldEndpoint());
        assertEquals(lte, last.newEndpoint());
        // and A's replies go there
        sim.send(sim.a, 64, 4);
        assertEquals(new UdpEndpoint(lte), sim.sent.get(sim.sent.size() - 1).to());
        assertTrue(bIndexAtA != 0 || bIndexAtA == 0);
    }

    @Test
    void peerWithoutEndpointLearnsItFromTheHandshake() {
        Sim sim = new Sim(Constants.DEFAULTS, 24);
        sim.b.device.setEndpoint(sim.b.peer, null);
        WgOutput o = sim.send(sim.b, 64, 1);
        assertEquals(DropReason.NO_ENDPOINT, o.drops().get(0).reason());
        assertNull(sim.b.peer.endpoint());
        sim.send(sim.a, 64, 2);
        sim.runFor(S);
        assertEquals(sim.a.address, sim.b.peer.endpoint());
        assertEquals(2, sim.got.size(), "B's staged packet went out once the endpoint was learned");
    }

    @Test
    void innerSourceOutsideAllowedIpsIsDroppedButStillRoams() {
        Sim sim = new Sim(Constants.DEFAULTS, 25);
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        byte[] forged = Sim.ipv4(new byte[] {10, 0, 0, 99}, new byte[] {10, 0, 0, 1}, 20, 0);
        InetSocketAddress moved = Sim.addr(198, 51, 100, 77, 5000);
        sim.b.apparentSource = moved;
        // B's device routes by destination 10.0.0.1 to A; the inner source 10.0.0.99 is not B's
        sim.handle(sim.b, sim.b.device.sendInner(sim.now, forged, 0, forged.length));
        sim.runFor(S);
        assertEquals(1, sim.dropCount(sim.a, DropReason.ALLOWED_IPS));
        assertEquals(1, sim.got.size());
        assertEquals(moved, sim.a.peer.endpoint(), "authenticated, so the endpoint moved before the check");
    }

    private static int remoteIndexSeenBy(Sim sim, String node) {
        // the receiver index of the last transport packet the other node sent to `node`'s peer
        for (int i = sim.sent.size() - 1; i >= 0; i--) {
            Sim.Sent s = sim.sent.get(i);
            if (s.type() == 4 && s.from().equals(node)) {
                return lastHeaderIndex(sim, node);
            }
        }
        return lastHeaderIndex(sim, node);
    }

    private static int lastHeaderIndex(Sim sim, String node) {
        return sim.a.device.snapshot().peers().get(0).currentSession().localIndex();
    }

    private static int indexOfLastSent(Sim sim, String node) {
        return sim.a.device.snapshot().peers().get(0).currentSession().remoteIndex();
    }
}
