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

    sealed interface Op permits Schedule, Cancel, RunFor {
    }

    /** Schedule at now + delay; when it runs, it schedules a child after childDelay (if >= 0). */
    record Schedule(long delay, long childDelay) implements Op {
    }

    record Cancel(int pick) implements Op {
    }

    record RunFor(long delta) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> schedule = Combinators.combine(
                        Arbitraries.longs().between(0, 40),
                        Arbitraries.longs().between(-20, 20))
                .as((d, c) -> (Op) new Schedule(d, c < 0 ? -1 : c));
        Arbitrary<Op> cancel = Arbitraries.integers().between(0, 10_000).map(Cancel::new);
        Arbitrary<Op> run = Arbitraries.longs().between(0, 30).map(RunFor::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, schedule),
                        net.jqwik.api.Tuple.of(3, cancel),
                        net.jqwik.api.Tuple.of(2, run))
                .list().ofMaxSize(300);
    }

    /** A model entry; {@code id} names the logical event in both worlds. */
    record Entry(long time, long seq, int id, long childDelay) {
    }

    @Property(tries = 400)
    void matchesSortedListModel(@ForAll("ops") List<Op> ops) {
        EventLoop loop = new EventLoop(EPOCH);
        List<Integer> realRan = new ArrayList<>();
        List<Long> realHandles = new ArrayList<>(); // index = id
        int[] realNextId = {0};

        List<Entry> model = new ArrayList<>();
        List<Integer> modelRan = new ArrayList<>();
        long[] modelNow = {EPOCH};
        long[] modelSeq = {0};
        int[] modelNextId = {0};

        for (Op op : ops) {
            if (op instanceof Schedule s) {
                scheduleReal(loop, loop.now() + s.delay(), s.childDelay(), realRan, realHandles, realNextId);
                insert(model, new Entry(modelNow[0] + s.delay(), modelSeq[0]++, modelNextId[0]++, s.childDelay()));
            } else if (op instanceof Cancel c) {
                if (realHandles.isEmpty()) {
                    continue;
                }
                int id = c.pick() % realHandles.size();
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
            }
            assertEquals(modelRan, realRan, "execution order");
            assertEquals(model.size(), loop.pendingCount(), "pendingCount");
            for (int id = 0; id < realHandles.size(); id++) {
                int fid = id;
                assertEquals(model.stream().anyMatch(e -> e.id() == fid), loop.isPending(realHandles.get(id)),
                        "isPending of event " + id);
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
