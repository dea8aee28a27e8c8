package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.S;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Fuzz-style property: random and mutated datagrams (truncated, extended, retyped, bit-flipped,
 * replayed, reordered) never make the device throw, each is counted by reason, and the tunnel
 * still works afterwards. jqwik prints the failing seed; the mutations derive from it.
 */
class HostileDatagramProperties {

    @Property(tries = 40, seed = "424242")
    void hostileDatagramsNeverThrowAndNeverBreakTheTunnel(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                         @ForAll @IntRange(min = 20, max = 120) int count) {
        List<Datagram> captured = new ArrayList<>();
        Sim sim = new Sim(Constants.DEFAULTS, seed);
        sim.a.egress = d -> {
            captured.add(d);
            return d;
        };
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        sim.send(sim.a, 200, 2);
        sim.runFor(S);
        Random r = new Random(seed);
        long dropsBefore = total(sim.b.device);
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            byte[] base = captured.get(r.nextInt(captured.size())).bytes();
            byte[] d = mutate(base, r);
            WgOutput o = sim.b.device.receive(sim.now + i, Sim.addr(203, 0, 113, r.nextInt(4), 1000 + r.nextInt(3)), d, 0,
                    d.length);
            accepted += o.delivered().size();
            if (o.drops().isEmpty() && o.delivered().isEmpty() && o.datagrams().isEmpty()) {
                // an accepted keepalive or a consumed handshake message: must have been authentic
                accepted++;
            }
        }
        long counted = total(sim.b.device) - dropsBefore;
        if (counted + accepted < count) {
            throw new AssertionError("not every datagram was delivered or counted: " + counted + " + " + accepted);
        }
        int before = sim.got.size();
        sim.runFor(20 * S);
        sim.send(sim.a, 100, 7);
        sim.send(sim.b, 100, 8);
        sim.runFor(10 * S);
        long fromA = sim.got.stream().skip(before).filter(g -> g.at_node().equals("B")).count();
        long fromB = sim.got.stream().skip(before).filter(g -> g.at_node().equals("A")).count();
        if (fromA < 1 || fromB < 1) {
            throw new AssertionError("tunnel broken after fuzzing: " + sim.drops);
        }
    }

    private static long total(WgDevice d) {
        return d.dropCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static byte[] mutate(byte[] base, Random r) {
        byte[] d;
        switch (r.nextInt(7)) {
            case 0: // truncated
                return java.util.Arrays.copyOf(base, r.nextInt(base.length));
            case 1: // oversized
                return java.util.Arrays.copyOf(base, base.length + 1 + r.nextInt(2000));
            case 2: // wrong type
                d = base.clone();
                d[0] = (byte) r.nextInt(256);
                return d;
            case 3: // bit flips
                d = base.clone();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    int i = r.nextInt(d.length);
                    d[i] ^= (byte) (1 << r.nextInt(8));
                }
                return d;
            case 4: // pure noise
                d = new byte[r.nextInt(300)];
                r.nextBytes(d);
                return d;
            default: // replayed / reordered as-is
                return base.clone();
        }
    }
}
