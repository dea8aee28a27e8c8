package dev.wgsim.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The event loop against a naive model (a list kept sorted by time, then scheduling sequence) on
 * random sequences of schedule, cancel and run-until. Some events schedule a child when they run,
 * and cancels aim at any handle ever issued (pending, fired, cancelled, or whose slot was reused).
 * jqwik prints the seed of a failing sample.
 */
class EventLoopProperties {

    private static final long EPOCH = 3_000_000_000_000L;

    sealed interface Op permits Schedule, Cancel, RunFor, RunAll {
    }

    /** Schedule at now + delay; when it runs, it schedules a child after childDelay (if >= 0). */
    record Schedule(long delay, long childDelay) implements Op {
    }

    /** Cancels any handle issued so far, or (recent) one of the last 100 issued, which are mostly pending. */
    record Cancel(int pick, boolean recent) implements Op {
    }

    record RunFor(long delta) implements Op {
    }

    /** {@link EventLoop#run()}: drains everything; the clock stays at the last event run. */
    record RunAll() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return opsWith(5, 3, 2, 0, 300, Arbitraries.longs().between(0, 40), Arbitraries.longs().between(0, 30));
    }

    /** Cancel-heavy and longer, so the queue often holds many dead entries and gets compacted. */
    @Provide
    Arbitrary<List<Op>> cancelHeavyOps() {
        return opsWith(4, 8, 1, 600, 1500, Arbitraries.longs().between(0, 3000), Arbitraries.longs().between(0, 30));
    }

    /**
     * Delays of every magnitude from 1 ns to 2<sup>52</sup> ns (52 days; a hundred run-alls stay far from overflow), so entries start in
     * every radix bucket and move down through many of them; long enough to fill several chunks.
     */
    @Provide
    Arbitrary<List<Op>> wideOps() {
        return opsWith(6, 2, 2, 200, 1200, anyMagnitude(52), anyMagnitude(40));
    }

    private static Arbitrary<Long> anyMagnitude(int maxBits) {
        return Combinators.combine(Arbitraries.integers().between(0, maxBits), Arbitraries.longs().greaterOrEqual(0))
                .as((bits, r) -> bits == 0 ? 0L : r & ((1L << bits) - 1));
    }

    private static Arbitrary<List<Op>> opsWith(int scheduleWeight, int cancelWeight, int runWeight, int minSize, int maxSize,
            Arbitrary<Long> delay, Arbitrary<Long> runFor) {
        Arbitrary<Op> schedule = Combinators.combine(delay, Arbitraries.longs().between(-20, 20))
                .as((d, c) -> (Op) new Schedule(d, c < 0 ? -1 : c));
        Arbitrary<Op> cancel = Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.of(true, false))
                .as((pick, recent) -> (Op) new Cancel(pick, recent));
        Arbitrary<Op> run = runFor.map(RunFor::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(scheduleWeight, schedule),
                        net.jqwik.api.Tuple.of(cancelWeight, cancel),
                        net.jqwik.api.Tuple.of(runWeight, run),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just((Op) new RunAll())))
                .list().ofMinSize(minSize).ofMaxSize(maxSize);
    }

    /** A model entry; {@code id} names the logical event in both worlds. */
    record Entry(long time, long seq, int id, long childDelay) {
    }

    @Property(tries = 400)
    void matchesSortedListModel(@ForAll("ops") List<Op> ops) {
        check(ops);
    }

    @Property(tries = 40)
    void matchesSortedListModelUnderManyCancels(@ForAll("cancelHeavyOps") List<Op> ops) {
        check(ops);
    }

    @Property(tries = 100)
    void matchesSortedListModelAtEveryTimeScale(@ForAll("wideOps") List<Op> ops) {
        check(ops);
    }

    private static void check(List<Op> ops) {
        EventLoop loop = new EventLoop(EPOCH);
        List<Integer> realRan = new ArrayList<>();
        List<Long> realHandles = new ArrayList<>(); // index = id
        int[] realNextId = {0};

        List<Entry> model = new ArrayList<>();
        List<Integer> modelRan = new ArrayList<>();
        long[] modelNow = {EPOCH};
        long[] modelSeq = {0};
        int[] modelNextId = {0};

        int step = 0;
        for (Op op : ops) {
            step++;
            if (op instanceof Schedule s) {
                scheduleReal(loop, loop.now() + s.delay(), s.childDelay(), realRan, realHandles, realNextId);
                insert(model, new Entry(modelNow[0] + s.delay(), modelSeq[0]++, modelNextId[0]++, s.childDelay()));
            } else if (op instanceof Cancel c) {
                if (realHandles.isEmpty()) {
                    continue;
                }
                int n = realHandles.size();
                int id = c.recent() ? n - 1 - c.pick() % Math.min(n, 100) : c.pick() % n;
                boolean real = loop.cancel(realHandles.get(id));
                boolean expected = model.removeIf(e -> e.id() == id);
                assertEquals(expected, real, "cancel of event " + id);
            } else if (op instanceof RunFor r) {
                long end = loop.now() + r.delta();
                loop.runUntil(end);
                long modelEnd = modelNow[0] + r.delta();
                drainModel(model, modelRan, modelNow, modelSeq, modelNextId, modelEnd);
                modelNow[0] = modelEnd;
                assertEquals(modelNow[0], loop.now());
            } else if (op instanceof RunAll) {
                loop.run();
                drainModel(model, modelRan, modelNow, modelSeq, modelNextId, Long.MAX_VALUE);
                assertEquals(modelNow[0], loop.now(), "run() leaves the clock at the last event run");
            }
            assertEquals(modelRan, realRan, "execution order");
            assertEquals(model.size(), loop.pendingCount(), "pendingCount");
            if (step % 8 != 0 && step != ops.size()) {
                continue; // checking every handle after every step makes long lists quadratic
            }
            java.util.Set<Integer> pendingIds = new java.util.HashSet<>();
            model.forEach(e -> pendingIds.add(e.id()));
            for (int id = 0; id < realHandles.size(); id++) {
                assertEquals(pendingIds.contains(id), loop.isPending(realHandles.get(id)), "isPending of event " + id);
            }
        }
        loop.run();
        drainModel(model, modelRan, modelNow, modelSeq, modelNextId, Long.MAX_VALUE);
        assertEquals(modelRan, realRan, "execution order of the final drain");
        assertEquals(0, loop.pendingCount());
        assertEquals(realRan.size(), loop.executedCount());
    }

    private static void drainModel(List<Entry> model, List<Integer> ran, long[] now, long[] seq, int[] nextId,
            long end) {
        while (!model.isEmpty() && model.get(0).time() <= end) {
            Entry e = model.remove(0);
            now[0] = e.time();
            ran.add(e.id());
            if (e.childDelay() >= 0) {
                insert(model, new Entry(e.time() + e.childDelay(), seq[0]++, nextId[0]++, -1));
            }
        }
    }

    private static void scheduleReal(EventLoop loop, long at, long childDelay, List<Integer> ran,
            List<Long> handles, int[] nextId) {
        int id = nextId[0]++;
        handles.add(NO_HANDLE_YET);
        long h = loop.schedule(at, () -> {
            ran.add(id);
            if (childDelay >= 0) {
                scheduleReal(loop, loop.now() + childDelay, -1, ran, handles, nextId);
            }
        });
        handles.set(id, h);
    }

    private static final Long NO_HANDLE_YET = EventLoop.NO_EVENT;

    private static void insert(List<Entry> model, Entry e) {
        int i = 0;
        while (i < model.size() && (model.get(i).time() < e.time()
                || (model.get(i).time() == e.time() && model.get(i).seq() < e.seq()))) {
            i++;
        }
        model.add(i, e);
    }
}
