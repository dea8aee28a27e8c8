package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.MS;
import static dev.wgsim.wg.device.Sim.S;
import static dev.wgsim.wg.device.Sim.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The timer behaviour of WIREGUARD.md §7, on two devices with a fake clock. */
class TimersTest {

    @Test
    void quietTunnelWithPersistentKeepaliveOnA() {
        Sim sim = new Sim(Constants.DEFAULTS, 11);
        sim.handle(sim.a, sim.a.device.setPersistentKeepalive(sim.now, sim.a.peer, 25));
        sim.runUntil(T0 + 130 * S);
        List<Long> keepalives = sim.sentBy("A", 4).stream().map(s -> s.at() - T0).toList();
        // confirmation at 0.020, then exactly every 25.000 s, the 5th (ctr 5) at 125.02 starts a rekey
        assertEquals(List.of(20 * MS, 25_020 * MS, 50_020 * MS, 75_020 * MS, 100_020 * MS, 125_020 * MS, 125_040 * MS),
                keepalives);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 0L), sim.sentBy("A", 4).stream().map(Sim.Sent::counter).toList());
        List<Long> inits = sim.sentBy("A", 1).stream().map(s -> s.at() - T0).toList();
        assertEquals(List.of(0L, 125_020 * MS), inits);
        assertTrue(sim.sentBy("B", 4).isEmpty(), "B never sends transport");
        assertTrue(sim.sentBy("B", 1).isEmpty(), "the responder never rekeys on time");
        assertTrue(sim.a.peer.hasPreviousKeypair());
        for (WgEvent.KeepaliveSent k : sim.eventsOf("A", WgEvent.KeepaliveSent.class).stream()
                .map(e -> (WgEvent.KeepaliveSent) e.event()).toList().subList(1, 6)) {
            assertTrue(k.persistent());
        }
    }

    @Test
    void unreachablePeerTwentyInitiationsThenGiveUp() {
        Sim sim = new Sim(Constants.DEFAULTS, 12);
        sim.a.egress = d -> null; // nothing from A ever arrives
        sim.send(sim.a, 64, 1);
        sim.send(sim.a, 64, 2);
        sim.runUntil(T0 + 700 * S);
        List<Long> inits = sim.sentBy("A", 1).stream().map(Sim.Sent::at).toList();
        assertEquals(20, inits.size());
        for (int i = 1; i < inits.size(); i++) {
            long gap = inits.get(i) - inits.get(i - 1);
            assertTrue(gap >= 5 * S && gap < 5 * S + 334 * MS, "gap " + i + " = " + gap);
        }
        List<Sim.Ev> gaveUp = sim.eventsOf("A", WgEvent.GaveUp.class);
        assertEquals(1, gaveUp.size());
        double at = Sim.secs(gaveUp.get(0).at());
        assertTrue(at >= 100 && at < 100 + 21 * 0.334, "gave up at " + at);
        assertEquals(2, ((WgEvent.GaveUp) gaveUp.get(0).event()).droppedPackets());
        assertEquals(2, sim.dropCount(sim.a, DropReason.GAVE_UP));
        assertEquals(0, sim.a.peer.stagedPackets());
        List<Sim.Ev> zeroed = sim.eventsOf("A", WgEvent.KeysZeroed.class);
        assertEquals(1, zeroed.size());
        assertEquals(gaveUp.get(0).at() + 540 * S, zeroed.get(0).at());
        // attempts counted 0..19 on the events
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
                sim.eventsOf("A", WgEvent.HandshakeInitiated.class).stream()
                        .map(e -> ((WgEvent.HandshakeInitiated) e.event()).attempt()).collect(Collectors.toList()));
        // a new packet after the give-up starts a fresh cycle
        sim.send(sim.a, 64, 3);
        assertEquals(21, sim.sentBy("A", 1).size());
    }

    @Test
    void passiveKeepaliveTenSecondsAfterData() {
        Sim sim = new Sim(Constants.DEFAULTS, 13);
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        long dataArrival = T0 + 30 * MS;
        List<Sim.Sent> bTransport = sim.sentBy("B", 4);
        assertTrue(bTransport.isEmpty());
        sim.runUntil(T0 + 20 * S);
        bTransport = sim.sentBy("B", 4);
        assertEquals(1, bTransport.size());
        assertEquals(dataArrival + 10 * S, bTransport.get(0).at());
        assertEquals(32, bTransport.get(0).length());
        assertTrue(sim.sentBy("A", 1).size() == 1, "the keepalive cancelled A's new-handshake timer");
    }

    /**
     * Measured on wireguard-go 0.0.20220316 (Debian), two instances in network namespaces joined
     * by a veth pair, tshark on the veth: a sends UDP to b at 0.06, 0.5, 1.0 and 1.5 s, b has a
     * listener and nothing to answer. With a fresh handshake (data at 0.004 s on the wire) b sent
     * one 32-byte keepalive at 10.006 s; with an established session one at 10.002 s after the
     * first data packet; in both runs nothing more within 30 s. The later packets set
     * needAnotherKeepalive, but the keepalive's own send cancels the re-armed timer.
     */
    @Test
    void burstOfDataGetsExactlyOnePassiveKeepaliveAsWireguardGoSends() {
        Sim sim = new Sim(Constants.DEFAULTS, 13);
        sim.send(sim.a, 64, 0);
        sim.runFor(20 * S); // handshake, then b's keepalive for packet 0 at 10.03 s
        assertEquals(1, sim.sentBy("B", 4).size());
        long start = sim.now;
        long[] offsets = {60 * MS, 500 * MS, 1000 * MS, 1500 * MS};
        for (int i = 0; i < offsets.length; i++) {
            final int k = i + 1;
            sim.at(start + offsets[i], () -> sim.send(sim.a, 64, k));
        }
        sim.runFor(60 * S);
        List<Sim.Sent> later = sim.sentBy("B", 4).stream().filter(s -> s.at() > start).toList();
        assertEquals(1, later.size(), "one keepalive for the burst, none 10 s after it: " + later);
        assertEquals(start + 60 * MS + 10 * MS + 10 * S, later.get(0).at(), "10 s after the first packet arrived");
        assertEquals(32, later.get(0).length());
        assertEquals(0, sim.a.device.dropCount(DropReason.GAVE_UP));
    }

    @Test
    void newHandshakeFifteenSecondsAfterUnansweredData() {
        Sim sim = new Sim(Constants.DEFAULTS, 14);
        sim.send(sim.a, 64, 1);
        sim.runFor(30 * S); // B's passive keepalive at 10.03 s cancelled A's new-handshake timer
        sim.b.egress = d -> null; // B goes silent towards A
        long sentAt = sim.now;
        sim.send(sim.a, 64, 2);
        sim.runFor(16 * S);
        List<Sim.Sent> inits = sim.sentBy("A", 1);
        assertEquals(2, inits.size());
        long delay = inits.get(1).at() - sentAt;
        assertTrue(delay >= 15 * S && delay < 15 * S + 334 * MS, "new handshake after " + delay);
        assertFalse(((WgEvent.HandshakeInitiated) sim.eventsOf("A", WgEvent.HandshakeInitiated.class).get(1).event()).retry());
    }

    @Test
    void initiatorRekeysAfter120sResponderNever() {
        Sim sim = new Sim(Constants.DEFAULTS, 15);
        for (int i = 0; i < 400; i++) {
            final int k = i;
            sim.at(T0 + i * S, () -> sim.send(sim.a, 100, k));
            sim.at(T0 + i * S + 500 * MS, () -> sim.send(sim.b, 100, k));
        }
        sim.runUntil(T0 + 400 * S);
        List<Long> inits = sim.sentBy("A", 1).stream().map(s -> s.at() - T0).toList();
        assertTrue(sim.sentBy("B", 1).isEmpty(), "responder never rekeys on time");
        assertEquals(4, inits.size(), inits.toString());
        // A rekeys at its first send after the keypair is older than 120 s
        assertEquals(121 * S, inits.get(1));
        // the keypair of 121.02 s is older than 120 s at A's send of 242 s
        assertEquals(242 * S, inits.get(2));
        assertEquals(800, sim.got.size(), "no packet lost across rekeys");
        assertEquals(0, sim.drops.size(), sim.drops.toString());
    }

    @Test
    void lastMinuteRekeyOnReceiveAt165s() {
        Sim sim = new Sim(Constants.DEFAULTS, 16);
        sim.send(sim.a, 64, 1); // A initiates once, then only receives
        sim.runFor(S);
        sim.handle(sim.b, sim.b.device.setPersistentKeepalive(sim.now, sim.b.peer, 25));
        sim.runUntil(T0 + 200 * S);
        List<Long> inits = sim.sentBy("A", 1).stream().map(s -> s.at() - T0).toList();
        assertEquals(2, inits.size(), inits.toString());
        double t = inits.get(1) / 1e9;
        assertTrue(t > 165 && t <= 190.1, "rekey on the first receive after 165 s: " + t);
        assertTrue(sim.sentBy("A", 4).stream().noneMatch(s -> s.at() > T0 + 100 * MS && s.at() < T0 + inits.get(1)),
                "A never sent transport, so no send-side rekey could fire");
    }

    @Test
    void keysUnusableAfter180sAndWipedAt540s() {
        Sim sim = new Sim(Constants.DEFAULTS, 17);
        sim.send(sim.a, 64, 1);
        sim.runFor(30 * S);
        // copy one authentic packet from B (it is delivered too) and replay it after expiry
        Datagram[] held = new Datagram[1];
        sim.b.egress = d -> {
            held[0] = d;
            return d;
        };
        sim.send(sim.b, 64, 2);
        sim.b.egress = d -> d;
        sim.runUntil(T0 + 181 * S);
        WgOutput late = sim.a.device.receive(sim.now, sim.b.address, held[0].bytes(), 0, held[0].bytes().length);
        assertEquals(DropReason.EXPIRED_KEYPAIR, late.drops().get(0).reason());
        // sending now needs a new handshake instead of the dead keypair
        WgOutput o = sim.send(sim.a, 64, 3);
        assertEquals(1, o.datagrams().size(), () -> o + " " + sim.sent);
        assertEquals(148, o.datagrams().get(0).bytes().length);

        Sim quiet = new Sim(Constants.DEFAULTS, 18);
        quiet.send(quiet.a, 64, 1);
        quiet.runUntil(T0 + 539 * S);
        assertTrue(quiet.a.peer.hasCurrentKeypair());
        quiet.runUntil(T0 + 541 * S);
        assertFalse(quiet.a.peer.hasCurrentKeypair());
        assertFalse(quiet.b.peer.hasCurrentKeypair());
        assertEquals(T0 + 20 * MS + 540 * S, quiet.eventsOf("A", WgEvent.KeysZeroed.class).get(0).at());
        assertEquals(T0 + 10 * MS + 540 * S, quiet.eventsOf("B", WgEvent.KeysZeroed.class).get(0).at());
        assertEquals(Long.MAX_VALUE, quiet.a.device.nextTimeout());
    }

    @Test
    void messageCountRekeyWithLoweredThreshold() {
        Constants c = Constants.DEFAULTS.withRekeyAfterMessages(100);
        Sim sim = new Sim(c, 19);
        sim.send(sim.a, 64, 0);
        sim.runFor(10 * S); // past REKEY_TIMEOUT since B's response, so B may initiate
        // the responder sends 150 packets: a count rekey applies to either role
        for (int i = 0; i < 150; i++) {
            final int k = i;
            sim.at(sim.now + i * 10 * MS, () -> sim.send(sim.b, 64, k));
        }
        sim.runFor(3 * S);
        List<Sim.Sent> bInits = sim.sentBy("B", 1);
        assertEquals(1, bInits.size());
        List<Sim.Sent> bData = sim.sentBy("B", 4);
        // after counter 100 (the 101st message) the next nonce exceeds 100: the check starts a handshake
        Sim.Sent trigger = bData.stream().filter(s -> s.counter() == 100).findFirst().orElseThrow();
        assertEquals(trigger.at(), bInits.get(0).at());
        assertEquals(151, sim.got.size());
        assertTrue(sim.a.peer.hasPreviousKeypair() && sim.b.peer.hasCurrentKeypair());
        assertEquals(0, sim.drops.size(), sim.drops.toString());
    }

    @Test
    void constantsValidateTheirRelations() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Constants.DEFAULTS.withTimes(170 * S, 180 * S, 90 * S, 5 * S, 10 * S));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Constants.DEFAULTS.withRekeyAfterMessages(-1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Constants.DEFAULTS.withRejectAfterMessages(1000).withRekeyAfterMessages(10));
        assertEquals(18, Constants.DEFAULTS.maxTimerHandshakes());
        assertEquals(540 * S, Constants.DEFAULTS.zeroKeyMaterialDelay());
        Constants fast = Constants.DEFAULTS.withTimes(12 * S, 18 * S, 9 * S, S / 2, S);
        assertEquals(18, fast.maxTimerHandshakes());
    }
}
