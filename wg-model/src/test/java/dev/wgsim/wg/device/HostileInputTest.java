package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of bad datagram is dropped and counted under its own reason; nothing throws. */
class HostileInputTest {
    private final InetSocketAddress evil = Sim.addr(203, 0, 113, 66, 666);

    private Sim established(long seed, List<Datagram> capturedFromA) {
        Sim sim = new Sim(Constants.DEFAULTS, seed);
        sim.a.egress = d -> {
            capturedFromA.add(d);
            return d;
        };
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        sim.send(sim.a, 64, 2);
        sim.runFor(S);
        return sim;
    }

    private DropReason dropOf(Sim sim, byte[] d) {
        WgOutput o = sim.b.device.receive(sim.now, evil, d, 0, d.length);
        assertEquals(1, o.drops().size(), o::toString);
        assertTrue(o.delivered().isEmpty());
        return o.drops().get(0).reason();
    }

    @Test
    void everyReasonIsCounted() {
        List<Datagram> fromA = new java.util.ArrayList<>();
        Sim sim = established(31, fromA);
        byte[] init = fromA.get(0).bytes();
        byte[] data = fromA.get(fromA.size() - 1).bytes();

        assertEquals(DropReason.MALFORMED, dropOf(sim, new byte[0]));
        assertEquals(DropReason.MALFORMED, dropOf(sim, new byte[] {1, 0, 0}));
        assertEquals(DropReason.MALFORMED, dropOf(sim, Arrays.copyOf(init, 147)));
        assertEquals(DropReason.MALFORMED, dropOf(sim, Arrays.copyOf(init, 149)));
        assertEquals(DropReason.MALFORMED, dropOf(sim, Arrays.copyOf(data, 31)));
        assertEquals(DropReason.UNKNOWN_TYPE, dropOf(sim, new byte[] {5, 0, 0, 0, 1, 2, 3}));
        byte[] reserved = init.clone();
        reserved[2] = 1;
        assertEquals(DropReason.UNKNOWN_TYPE, dropOf(sim, reserved));
        byte[] badMac = init.clone();
        badMac[120] ^= 1;
        assertEquals(DropReason.BAD_MAC1, dropOf(sim, badMac));
        assertEquals(DropReason.STALE_TIMESTAMP, dropOf(sim, init), "replayed initiation");
        byte[] flipped = data.clone();
        flipped[40] ^= 0x10;
        assertEquals(DropReason.DECRYPT_FAILED, dropOf(sim, flipped));
        assertEquals(DropReason.REPLAY, dropOf(sim, data));
        byte[] unknownIndex = data.clone();
        unknownIndex[4] ^= 0x55;
        assertEquals(DropReason.UNKNOWN_INDEX, dropOf(sim, unknownIndex));
        byte[] cookie = new byte[64];
        cookie[0] = 3;
        assertEquals(DropReason.UNKNOWN_INDEX, dropOf(sim, cookie));
        byte[] response = new byte[92];
        response[0] = 2;
        assertEquals(DropReason.BAD_MAC1, dropOf(sim, response));

        for (DropReason r : List.of(DropReason.MALFORMED, DropReason.UNKNOWN_TYPE, DropReason.BAD_MAC1,
                DropReason.STALE_TIMESTAMP, DropReason.DECRYPT_FAILED, DropReason.REPLAY, DropReason.UNKNOWN_INDEX)) {
            assertTrue(sim.b.device.dropCount(r) > 0, r.label());
        }
        assertEquals(5, sim.b.device.dropCount(DropReason.MALFORMED));
        assertEquals(Sim.addr(192, 0, 2, 1, 51820), sim.b.peer.endpoint(), "nothing hostile moved the endpoint");

        // the tunnel still works
        int before = sim.got.size();
        sim.send(sim.a, 100, 9);
        sim.send(sim.b, 100, 9);
        sim.runFor(S);
        assertEquals(before + 2, sim.got.size());
    }

    @Test
    void reorderedPacketsInsideTheWindowAreAccepted() {
        Sim sim = new Sim(Constants.DEFAULTS, 32);
        sim.send(sim.a, 64, 0);
        sim.runFor(S);
        List<Datagram> held = new java.util.ArrayList<>();
        sim.a.egress = d -> {
            held.add(d);
            return null;
        };
        for (int i = 1; i <= 5; i++) {
            sim.send(sim.a, 64, i);
        }
        int before = sim.got.size();
        for (int i = held.size() - 1; i >= 0; i--) {
            WgOutput o = sim.b.device.receive(sim.now, sim.a.address, held.get(i).bytes(), 0, held.get(i).bytes().length);
            assertEquals(1, o.delivered().size());
        }
        assertEquals(before, sim.got.size());
        assertTrue(sim.b.device.receive(sim.now, sim.a.address, held.get(2).bytes(), 0, held.get(2).bytes().length)
                .drops().get(0).reason() == DropReason.REPLAY);
    }

    @Test
    void routingDropsOnTheSendSide() {
        Sim sim = new Sim(Constants.DEFAULTS, 33);
        byte[] nowhere = Sim.ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 7, 7, 7}, 10, 0);
        assertEquals(DropReason.NO_ROUTE, sim.a.device.sendInner(sim.now, nowhere, 0, nowhere.length).drops().get(0).reason());
        assertEquals(DropReason.INVALID_INNER, sim.a.device.sendInner(sim.now, new byte[] {0x45}, 0, 1).drops().get(0).reason());
        assertEquals(DropReason.INVALID_INNER, sim.a.device.sendInner(sim.now, new byte[0], 0, 0).drops().get(0).reason());
    }

    @Test
    void stagedQueueKeepsTheNewest128() {
        Sim sim = new Sim(Constants.DEFAULTS, 34);
        sim.a.egress = d -> null;
        for (int i = 0; i < 130; i++) {
            sim.send(sim.a, 10, i);
        }
        assertEquals(128, sim.a.peer.stagedPackets());
        assertEquals(2, sim.a.device.dropCount(DropReason.STAGED_QUEUE_FULL));
        sim.a.egress = d -> d;
        sim.runFor(6 * S); // the retry gets through; the 128 newest are delivered in order
        assertEquals(128, sim.got.size());
        assertEquals((byte) (2 + 20), sim.got.get(0).packet()[20]);
    }
}
