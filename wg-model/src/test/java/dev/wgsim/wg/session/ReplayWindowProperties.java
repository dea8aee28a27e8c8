package dev.wgsim.wg.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The ring-of-blocks filter against the obvious set-based definition of the same rule. */
class ReplayWindowProperties {

    /** The rule of §6 without any bit tricks: remember every accepted counter. */
    private static final class NaiveWindow {
        private final long limit;
        private final Set<Long> accepted = new HashSet<>();
        private long max;

        NaiveWindow(long limit) {
            this.limit = limit;
        }

        boolean accept(long c) {
            if (Long.compareUnsigned(c, limit) >= 0) {
                return false;
            }
            if (Long.compareUnsigned(c, max) > 0) {
                max = c;
            } else if (Long.compareUnsigned(max - c, ReplayWindow.WINDOW_SIZE) > 0) {
                return false;
            }
            return accepted.add(c);
        }
    }

    @Property(tries = 300, seed = "6479")
    void agreesWithNaiveModel(@ForAll("counterSequences") List<Long> counters) {
        check(counters, ReplayWindow.REJECT_AFTER_MESSAGES);
    }

    @Property(tries = 200, seed = "8128")
    void agreesWithNaiveModelNearTheRejectLimit(@ForAll("nearLimitSequences") List<Long> counters) {
        check(counters, ReplayWindow.REJECT_AFTER_MESSAGES);
    }

    @Property(tries = 200, seed = "20000")
    void agreesWithNaiveModelUnderASmallLimit(@ForAll("counterSequences") List<Long> counters) {
        check(counters, 20_000);
    }

    private static void check(List<Long> counters, long limit) {
        ReplayWindow window = new ReplayWindow(limit);
        NaiveWindow naive = new NaiveWindow(limit);
        for (int i = 0; i < counters.size(); i++) {
            long c = counters.get(i);
            assertEquals(naive.accept(c), window.accept(c),
                    "step " + i + " counter " + Long.toUnsignedString(c));
        }
    }

    /**
     * A walk: the sender's counter advances by small steps and sometimes jumps by more than the
     * whole ring (8192); each element is either the new head or a late packet up to 8200 behind it.
     */
    @Provide
    Arbitrary<List<Long>> counterSequences() {
        Arbitrary<Long> step = Arbitraries.longs().between(1, 3);
        Arbitrary<Long> late = Arbitraries.longs().between(-8200, 0);
        Arbitrary<Long> jump = Arbitraries.longs().between(60, 17_000);
        Arbitrary<Long> blockJump = Arbitraries.integers().between(126, 130).map(k -> k * 64L);
        Arbitrary<List<Long>> deltas = Arbitraries.frequencyOf(
                        Tuple.of(10, step), Tuple.of(6, late), Tuple.of(2, jump), Tuple.of(1, blockJump))
                .list().ofMinSize(1).ofMaxSize(400);
        return deltas.map(ReplayWindowProperties::walk);
    }

    private static List<Long> walk(List<Long> deltas) {
        List<Long> counters = new ArrayList<>(deltas.size());
        long head = 0;
        for (long d : deltas) {
            if (d > 0) {
                head += d;
                counters.add(head);
            } else {
                counters.add(Math.max(0, head + d));
            }
        }
        return counters;
    }

    /** Counters within 20,000 of 2^64: the limit and unsigned comparisons matter here. */
    @Provide
    Arbitrary<List<Long>> nearLimitSequences() {
        return Arbitraries.longs().between(-20_000L, -1L).list().ofMinSize(1).ofMaxSize(300);
    }
}
