package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.MS;
import static dev.wgsim.wg.device.Sim.S;
import static dev.wgsim.wg.device.Sim.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeAndDataTest {

    @Test
    void firstPacketTriggersHandshakeThenFlowsBothWays() {
        Sim sim = new Sim(Constants.DEFAULTS, 1);
        WgOutput o = sim.send(sim.a, 100, 1);
        assertEquals(1, o.datagrams().size());
        assertEquals(148, o.datagrams().get(0).bytes().length);
        assertEquals(1, sim.a.peer.stagedPackets());
        sim.runFor(100 * MS);

        // initiation at 0, response at 10 ms, staged data (no keepalive) at 20 ms, delivered at 30 ms
        assertEquals(List.of(1, 2, 4), sim.sent.stream().map(Sim.Sent::type).toList());
        assertEquals(20 * MS, sim.sentBy("A", 4).get(0).at() - T0);
        assertEquals(0, sim.sentBy("A", 4).get(0).counter());
        assertEquals(1, sim.got.size());
        assertArrayEquals(Sim.ipv4(sim.a.innerAddress(), sim.b.innerAddress(), 100, 1), sim.got.get(0).packet());
        assertEquals(1, sim.eventsOf("A", WgEvent.HandshakeCompleted.class).size());
        assertEquals(1, sim.eventsOf("B", WgEvent.HandshakeCompleted.class).size());
        assertEquals(T0 + 20 * MS, sim.a.peer.lastHandshakeNanos());
        assertEquals(T0 + 30 * MS, sim.b.peer.lastHandshakeNanos());

        sim.send(sim.b, 50, 2);
        sim.runFor(100 * MS);
        assertEquals(2, sim.got.size());
        assertEquals("A", sim.got.get(1).at_node());
        assertEquals(0, sim.sentBy("B", 4).get(0).counter(), "B's first packet on its new keypair");

        // padding: 120-byte inner -> 128 plaintext -> 16 + 128 + 16 = 160 bytes on the wire
        assertEquals(160, sim.sentBy("A", 4).get(0).length());
        // byte counters agree across the wire, as wg show counts them (handshakes included)
        sim.runFor(S);
        assertEquals(sim.a.peer.txBytes(), sim.b.peer.rxBytes());
        assertEquals(sim.b.peer.txBytes(), sim.a.peer.rxBytes());
        assertEquals(148 + 160, sim.a.peer.txBytes());
        PeerSnapshot snap = sim.a.device.snapshot().peers().get(0);
        assertEquals(sim.b.address, snap.endpoint());
        assertNotNull(snap.currentSession());
        assertEquals(1, snap.currentSession().sendCounter());
        assertTrue(snap.currentSession().isInitiator());
        assertFalse(sim.a.device.snapshot().toString().contains(sim.a.device.privateKey().toBase64()));
    }

    @Test
    void responderDoesNotSendOnNextBeforeConfirmation() {
        Sim sim = new Sim(Constants.DEFAULTS, 2);
        // A's datagrams to B are held until we release them, so we can act between the steps.
        sim.send(sim.a, 40, 1);
        sim.runFor(10 * MS); // B consumed the initiation and sent its response
        assertTrue(sim.b.peer.hasNextKeypair());
        assertFalse(sim.b.peer.hasCurrentKeypair());
        WgOutput o = sim.send(sim.b, 40, 2);
        assertTrue(o.datagrams().isEmpty(), "no transport on next, and handshake spacing blocks a new initiation");
        assertEquals(1, sim.b.peer.stagedPackets());
        sim.runFor(100 * MS);
        // A's data (ctr 0) confirms; only then B rotates and flushes its staged packet
        List<Sim.Sent> bData = sim.sentBy("B", 4);
        assertEquals(1, bData.size());
        assertEquals(30 * MS, bData.get(0).at() - T0);
        assertTrue(sim.b.peer.hasCurrentKeypair());
        assertFalse(sim.b.peer.hasNextKeypair());
        assertEquals(2, sim.got.size(), () -> sim.drops + " " + sim.sent + " " + sim.events);
        assertEquals(1, sim.eventsOf("B", WgEvent.KeypairRotated.class).size());
    }

    @Test
    void initiatorConfirmsWithKeepaliveWhenNothingIsStaged() {
        Sim sim = new Sim(Constants.DEFAULTS, 3);
        sim.handle(sim.a, sim.a.device.setPersistentKeepalive(sim.now, sim.a.peer, 25));
        sim.runFor(100 * MS);
        List<Sim.Sent> ka = sim.sentBy("A", 4);
        assertEquals(1, ka.size());
        assertEquals(32, ka.get(0).length());
        assertEquals(20 * MS, ka.get(0).at() - T0);
        assertTrue(sim.b.peer.hasCurrentKeypair());
        assertEquals(0, sim.sentBy("B", 4).size(), "keepalives do not trigger passive keepalives");
    }

    @Test
    void simultaneousInitiationsResolveThroughJitteredRetries() {
        Sim sim = new Sim(Constants.DEFAULTS, 4);
        sim.send(sim.a, 30, 1);
        sim.send(sim.b, 30, 2);
        sim.runFor(100 * MS);
        // each consumed the other's initiation and answered; both answers named replaced indices
        assertEquals(1, sim.sentBy("A", 2).size());
        assertEquals(1, sim.sentBy("B", 2).size());
        assertEquals(2, sim.dropCount(sim.a, DropReason.UNKNOWN_INDEX) + sim.dropCount(sim.b, DropReason.UNKNOWN_INDEX));
        assertTrue(sim.got.isEmpty());
        sim.runFor(12 * S);
        assertEquals(2, sim.got.size(), "both staged packets delivered after the retry round");
        assertTrue(sim.a.peer.hasCurrentKeypair() && sim.b.peer.hasCurrentKeypair());
        long firstDelivery = sim.got.get(0).at() - T0;
        assertTrue(firstDelivery > 5 * S && firstDelivery < 11 * S, "resolved by a jittered retry: " + firstDelivery);
    }

    @Test
    void presharedKeyMismatchNeverCompletes() {
        Sim sim = new Sim(Constants.DEFAULTS, 5);
        sim.a.device.setPresharedKey(sim.a.peer, dev.wgsim.wg.crypto.PresharedKey.of(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
        sim.send(sim.a, 30, 1);
        sim.runFor(S);
        assertEquals(1, sim.dropCount(sim.a, DropReason.HANDSHAKE_FAILED));
        assertFalse(sim.a.peer.hasCurrentKeypair());
    }
}
