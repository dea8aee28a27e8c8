package dev.wgsim.engine.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    /** Tests run from a non-zero epoch so code that assumes time starts at 0 shows up. */
    private static final long EPOCH = 1_700_000_000_000_000_000L;

    @Test
    void startsAtGivenTimeAndZeroByDefault() {
        assertEquals(0, new EventLoop().now());
        assertEquals(EPOCH, new EventLoop(EPOCH).now());
        assertThrows(IllegalArgumentException.class, () -> new EventLoop(-1));
    }

    @Test
    void runsInTimeOrderAndSameTimeInSchedulingOrder() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        loop.schedule(EPOCH + 20, () -> log.add("c@20"));
        loop.schedule(EPOCH + 10, () -> log.add("a@10"));
        loop.schedule(EPOCH + 10, () -> log.add("b@10"));
        loop.schedule(EPOCH, () -> log.add("z@0"));
        loop.schedule(EPOCH + 20, () -> log.add("d@20"));
        loop.run();
        assertEquals(List.of("z@0", "a@10", "b@10", "c@20", "d@20"), log);
        assertEquals(EPOCH + 20, loop.now());
        assertEquals(5, loop.executedCount());
        assertEquals(0, loop.pendingCount());
    }

    @Test
    void nowIsTheEventTimeInsideAnEvent() {
        EventLoop loop = new EventLoop(EPOCH);
        long[] seen = new long[2];
        loop.scheduleAfter(7, () -> seen[0] = loop.now());
        loop.scheduleAfter(3, () -> seen[1] = loop.now());
        loop.run();
        assertEquals(EPOCH + 7, seen[0]);
        assertEquals(EPOCH + 3, seen[1]);
    }

    @Test
    void rejectsThePastAndNegativeDelays() {
        EventLoop loop = new EventLoop(EPOCH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.schedule(EPOCH - 1, () -> { }));
        assertTrue(e.getMessage().contains("atNanos"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> loop.scheduleAfter(-1, () -> { }));
        assertTrue(e.getMessage().contains("delayNanos"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loop.scheduleAfter(Long.MAX_VALUE, () -> { }));
        assertThrows(NullPointerException.class, () -> loop.schedule(EPOCH, null));
        assertEquals(0, loop.pendingCount());
        // Scheduling at exactly now is allowed.
        loop.schedule(EPOCH, () -> { });
        assertEquals(1, loop.pendingCount());
    }

    @Test
    void cancelTwiceAndAfterFiringAreSafe() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        long a = loop.scheduleAfter(10, () -> log.add("a"));
        long b = loop.scheduleAfter(20, () -> log.add("b"));
        assertNotEquals(EventLoop.NO_EVENT, a);
        assertTrue(loop.isPending(a));
        assertTrue(loop.cancel(a));
        assertFalse(loop.isPending(a));
        assertFalse(loop.cancel(a), "second cancel");
        assertEquals(1, loop.pendingCount());
        loop.run();
        assertEquals(List.of("b"), log);
        assertFalse(loop.isPending(b));
        assertFalse(loop.cancel(b), "cancel after firing");
        assertFalse(loop.cancel(EventLoop.NO_EVENT));
        assertFalse(loop.isPending(EventLoop.NO_EVENT));
        assertFalse(loop.cancel(-1L));
        assertFalse(loop.cancel(Long.MAX_VALUE));
        assertFalse(loop.cancel(12345L << 32 | 999_999));
    }

    @Test
    void staleHandleCannotCancelTheEventThatReusedItsSlot() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        long old = loop.scheduleAfter(5, () -> log.add("old"));
        assertTrue(loop.cancel(old));
        loop.runUntil(EPOCH + 5); // cancellation is lazy: the slot is freed when its entry surfaces
        assertEquals(List.of(), log);
        long fresh = loop.scheduleAfter(5, () -> log.add("new"));
        assertEquals((int) old, (int) fresh, "the freed slot is reused");
        assertNotEquals(old, fresh);
        assertFalse(loop.cancel(old));
        assertFalse(loop.isPending(old));
        assertTrue(loop.isPending(fresh));
        loop.run();
        assertEquals(List.of("new"), log);

        // Same after firing: the handle of a fired event must not touch its slot's next tenant.
        long fired = fresh;
        long tenant = loop.scheduleAfter(1, () -> log.add("tenant"));
        assertEquals((int) fired, (int) tenant);
        assertFalse(loop.cancel(fired));
        loop.run();
        assertEquals(List.of("new", "tenant"), log);
    }

    @Test
    void runningEventIsNoLongerPendingAndCanCancelOthers() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        long[] handles = new long[2];
        handles[0] = loop.scheduleAfter(1, () -> {
            log.add("first");
            assertFalse(loop.isPending(handles[0]));
            assertFalse(loop.cancel(handles[0]));
            assertTrue(loop.cancel(handles[1]));
        });
        handles[1] = loop.scheduleAfter(2, () -> log.add("second"));
        loop.run();
        assertEquals(List.of("first"), log);
    }

    @Test
    void eventsScheduledFromEventsRunInOrder() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        loop.scheduleAfter(10, () -> {
            log.add("parent@" + (loop.now() - EPOCH));
            loop.scheduleAfter(0, () -> log.add("child0@" + (loop.now() - EPOCH)));
            loop.scheduleAfter(5, () -> log.add("child5@" + (loop.now() - EPOCH)));
        });
        loop.scheduleAfter(10, () -> log.add("sibling@" + (loop.now() - EPOCH)));
        loop.scheduleAfter(12, () -> log.add("other@" + (loop.now() - EPOCH)));
        loop.run();
        // child0 is at the same instant as sibling but was scheduled later, so it runs after it.
        assertEquals(List.of("parent@10", "sibling@10", "child0@10", "other@12", "child5@15"), log);
    }

    @Test
    void runUntilIncludesTheBoundAndAdvancesTheClock() {
        EventLoop loop = new EventLoop(EPOCH);
        List<Long> log = new ArrayList<>();
        for (long t : new long[] {5, 10, 11}) {
            loop.schedule(EPOCH + t, () -> log.add(loop.now() - EPOCH));
        }
        loop.runUntil(EPOCH + 10);
        assertEquals(List.of(5L, 10L), log);
        assertEquals(EPOCH + 10, loop.now());
        assertEquals(1, loop.pendingCount());

        loop.runUntil(EPOCH + 10); // same bound again: nothing new, no error
        assertEquals(2, log.size());
        loop.runUntil(EPOCH + 100);
        assertEquals(List.of(5L, 10L, 11L), log);
        assertEquals(EPOCH + 100, loop.now(), "clock moves to the bound even with nothing left");
        assertThrows(IllegalArgumentException.class, () -> loop.runUntil(EPOCH + 99));
    }

    @Test
    void runUntilRunsEventsScheduledInsideTheWindowButNotAfter() {
        EventLoop loop = new EventLoop(EPOCH);
        List<Long> log = new ArrayList<>();
        loop.schedule(EPOCH + 1, new Runnable() {
            @Override
            public void run() {
                log.add(loop.now() - EPOCH);
                loop.scheduleAfter(3, this);
            }
        });
        loop.runUntil(EPOCH + 10);
        assertEquals(List.of(1L, 4L, 7L, 10L), log);
        assertEquals(1, loop.pendingCount());
    }

    @Test
    void stopReturnsAfterTheCurrentEventAndKeepsItsTime() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        loop.scheduleAfter(1, () -> log.add("a"));
        loop.scheduleAfter(2, () -> {
            log.add("b");
            loop.stop();
            log.add("b-after-stop");
        });
        loop.scheduleAfter(2, () -> log.add("c"));
        loop.runUntil(EPOCH + 50);
        assertEquals(List.of("a", "b", "b-after-stop"), log);
        assertEquals(EPOCH + 2, loop.now(), "stopped: the clock stays at the stopping event");
        assertEquals(1, loop.pendingCount());
        loop.run(); // a new run is not affected by the old stop
        assertEquals(List.of("a", "b", "b-after-stop", "c"), log);
        assertThrows(IllegalStateException.class, loop::stop, "stop outside a run is misuse");
    }

    @Test
    void reentrantRunIsRejectedAndLoopStaysUsable() {
        EventLoop loop = new EventLoop(EPOCH);
        loop.scheduleAfter(1, loop::run);
        assertThrows(IllegalStateException.class, loop::run);
        // An exception from an event propagates, and the loop can run again afterwards.
        List<String> log = new ArrayList<>();
        loop.scheduleAfter(1, () -> log.add("later"));
        loop.run();
        assertEquals(List.of("later"), log);
    }

    @Test
    void worksNearHalfOfLongMax() {
        long start = Long.MAX_VALUE / 2;
        EventLoop loop = new EventLoop(start);
        List<Long> log = new ArrayList<>();
        loop.scheduleAfter(Long.MAX_VALUE / 4, () -> log.add(loop.now()));
        loop.scheduleAfter(1, () -> log.add(loop.now()));
        loop.run();
        assertEquals(List.of(start + 1, start + Long.MAX_VALUE / 4), log);
        loop.schedule(Long.MAX_VALUE, () -> log.add(loop.now()));
        loop.runUntil(Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, log.get(2));
        assertEquals(Long.MAX_VALUE, loop.now());
    }

    @Test
    void twoLoopsInOneJvmAreIndependent() {
        EventLoop a = new EventLoop(EPOCH);
        EventLoop b = new EventLoop(5);
        List<String> log = new ArrayList<>();
        long ha = a.scheduleAfter(10, () -> log.add("a"));
        long hb = b.scheduleAfter(10, () -> log.add("b"));
        assertEquals(ha, hb, "handles are per loop: the same bits in two loops");
        assertTrue(b.cancel(hb));
        assertTrue(a.isPending(ha), "cancelling in b does not touch a");
        a.run();
        b.run();
        assertEquals(List.of("a"), log);
        assertEquals(EPOCH + 10, a.now());
        assertEquals(5, b.now());
        assertEquals(1, a.executedCount());
        assertEquals(0, b.executedCount());
    }

    @Test
    void cancelledEventsDoNotAccumulate() {
        EventLoop loop = new EventLoop(EPOCH);
        long keep = loop.scheduleAfter(1_000_000, () -> { });
        // A timer re-armed a million times (cancel + schedule), as a retransmit timer is.
        long handle = EventLoop.NO_EVENT;
        for (int i = 0; i < 1_000_000; i++) {
            loop.cancel(handle);
            handle = loop.scheduleAfter(500_000 + i % 1000, () -> { });
            assertEquals(2, loop.pendingCount());
        }
        assertTrue(loop.isPending(keep));
        // Live entries are 2; the heap may hold dead ones only up to about as many as live ones
        // plus the compaction threshold, which the slot count reflects: new slots are only taken
        // when no freed one exists.
        long probe = loop.scheduleAfter(1, () -> { });
        assertTrue((int) probe < 200, "slot index " + (int) probe + " shows cancelled events piling up");
        loop.run();
        assertEquals(3, loop.executedCount());
    }

    @Test
    void cancelFromInsideTheRunningEventThenSchedule() {
        // Exercises the root-replacement path together with compaction during an event.
        EventLoop loop = new EventLoop(EPOCH);
        List<Long> log = new ArrayList<>();
        long[] victims = new long[200];
        for (int i = 0; i < victims.length; i++) {
            victims[i] = loop.scheduleAfter(100 + i, () -> log.add(-1L));
        }
        loop.scheduleAfter(10, () -> {
            for (long v : victims) {
                assertTrue(loop.cancel(v));
            }
            loop.scheduleAfter(5, () -> log.add(loop.now() - EPOCH));
            loop.scheduleAfter(1, () -> log.add(loop.now() - EPOCH));
        });
        assertEquals(201, loop.pendingCount());
        loop.run();
        assertEquals(List.of(11L, 15L), log);
        assertEquals(0, loop.pendingCount());
    }

    @Test
    void exceptionFromAnEventLeavesTheLoopConsistent() {
        EventLoop loop = new EventLoop(EPOCH);
        List<String> log = new ArrayList<>();
        loop.scheduleAfter(1, () -> {
            throw new IllegalStateException("boom");
        });
        loop.scheduleAfter(2, () -> log.add("after"));
        assertThrows(IllegalStateException.class, loop::run);
        assertEquals(1, loop.pendingCount());
        assertEquals(EPOCH + 1, loop.now());
        loop.run();
        assertEquals(List.of("after"), log);
    }

    @Test
    void manyEventsCancelHalfRunsTheRestInOrder() {
        EventLoop loop = new EventLoop(EPOCH);
        int n = 50_000;
        long[] handles = new long[n];
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            // Times in a scrambled order, with many ties.
            handles[i] = loop.schedule(EPOCH + (i * 7919L) % 1000, () -> ran.add(id));
        }
        for (int i = 0; i < n; i += 2) {
            assertTrue(loop.cancel(handles[i]));
        }
        assertEquals(n / 2, loop.pendingCount());
        loop.run();
        assertEquals(n / 2, ran.size());
        for (int k = 1; k < ran.size(); k++) {
            int prev = ran.get(k - 1);
            int cur = ran.get(k);
            long tp = (prev * 7919L) % 1000;
            long tc = (cur * 7919L) % 1000;
            assertTrue(tp < tc || (tp == tc && prev < cur), "order at " + k);
            assertTrue(cur % 2 == 1);
        }
    }

    /**
     * 40,000 events with many equal times (so one instant spans several chunks), a seventh
     * cancelled, some self-rescheduling, must still run in (time, scheduling order). Seed fixed.
     */
    @Test
    void largeHeapWithManyEqualTimesRunsInTimeThenSchedulingOrder() {
        EventLoop loop = new EventLoop(EPOCH);
        java.util.Random rng = new java.util.Random(20261124L);
        int n = 40_000;
        long[] times = new long[n];
        long[] handles = new long[n];
        List<long[]> ran = new ArrayList<>(); // {time, scheduling order}
        long[] order = {0};
        for (int i = 0; i < n; i++) {
            times[i] = EPOCH + rng.nextInt(3_000);
            long seq = order[0]++;
            boolean reschedule = i % 5 == 0;
            handles[i] = loop.schedule(times[i], new Runnable() {
                long mySeq = seq;
                boolean again = reschedule;

                @Override
                public void run() {
                    ran.add(new long[] {loop.now(), mySeq});
                    if (again) { // a successor at a time that often ties with pending events
                        again = false;
                        mySeq = order[0]++;
                        loop.scheduleAfter(rng.nextInt(50), this);
                    }
                }
            });
        }
        int cancelled = 0;
        for (int i = 0; i < n; i += 7) {
            assertTrue(loop.cancel(handles[i]));
            cancelled++;
        }
        loop.run();
        int rescheduledAlive = 0;
        for (int i = 0; i < n; i += 5) {
            rescheduledAlive += i % 7 == 0 ? 0 : 1;
        }
        assertEquals(n - cancelled + rescheduledAlive, ran.size());
        for (int k = 1; k < ran.size(); k++) {
            long[] a = ran.get(k - 1);
            long[] b = ran.get(k);
            assertTrue(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]), "order at " + k);
        }
    }

    /**
     * run() discards cancelled entries after the last live event, which moves the queue's radix
     * base past the clock; an event scheduled afterwards between the clock and that base must
     * still run first.
     */
    @Test
    void schedulingAfterRunDiscardedLaterCancelledEventsKeepsOrder() {
        EventLoop loop = new EventLoop(EPOCH);
        List<Long> log = new ArrayList<>();
        loop.scheduleAfter(10, () -> log.add(loop.now() - EPOCH));
        long late = loop.scheduleAfter(1_000_000, () -> log.add(-1L));
        assertTrue(loop.cancel(late));
        loop.run();
        assertEquals(EPOCH + 10, loop.now());
        loop.scheduleAfter(500_000, () -> log.add(loop.now() - EPOCH));
        loop.scheduleAfter(1, () -> log.add(loop.now() - EPOCH));
        loop.run();
        assertEquals(List.of(10L, 11L, 500_010L), log);
    }

    /**
     * runUntil stops before a bucket whose earliest entry is past the bound, so an event scheduled
     * afterwards before that entry runs first, and a window ending between two entries of one
     * bucket runs exactly those up to the bound.
     */
    @Test
    void runUntilBetweenEntriesOfOneBucketThenScheduleEarlier() {
        EventLoop loop = new EventLoop(EPOCH);
        List<Long> log = new ArrayList<>();
        for (long t : new long[] {1_000, 1_500, 2_000, 3_000}) {
            loop.scheduleAfter(t, () -> log.add(loop.now() - EPOCH));
        }
        loop.runUntil(EPOCH + 1_600);
        assertEquals(List.of(1_000L, 1_500L), log);
        loop.scheduleAfter(100, () -> log.add(loop.now() - EPOCH)); // at 1,700: before 2,000
        loop.scheduleAfter(0, () -> log.add(loop.now() - EPOCH)); // at 1,600, the clock
        loop.run();
        assertEquals(List.of(1_000L, 1_500L, 1_600L, 1_700L, 2_000L, 3_000L), log);
    }

    /**
     * Thousands of events at one instant fill many chunks of one bucket; cancelling scattered ones
     * while the instant is being run (so the bucket is filtered mid-chunk, from a read position
     * that is not a chunk start) keeps the order of the rest.
     */
    @Test
    void oneInstantAcrossManyChunksWithCancelsWhileRunning() {
        EventLoop loop = new EventLoop(EPOCH);
        int n = 5_000;
        long[] handles = new long[n];
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            handles[i] = loop.scheduleAfter(7, () -> {
                ran.add(id);
                if (id == 1_000) { // cancel every id from 1,001 on except multiples of 3
                    for (int k = 1_001; k < n; k++) {
                        if (k % 3 != 0) {
                            assertTrue(loop.cancel(handles[k]));
                        }
                    }
                    loop.scheduleAfter(0, () -> ran.add(-1)); // same instant, after all of them
                }
            });
        }
        loop.run();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i <= 1_000 || i % 3 == 0) {
                expected.add(i);
            }
        }
        expected.add(-1);
        assertEquals(expected, ran);
        assertEquals(EPOCH + 7, loop.now());
        assertEquals(0, loop.pendingCount());
    }

    /**
     * A long seeded workload against a reference queue of (time, scheduling sequence): delays from
     * nanoseconds to hours (so entries sit in most radix buckets, many chunks deep), a stream of
     * timer re-arms (cancel + schedule far out, as a WireGuard peer does per packet), cancels of
     * random handles (pending, run or already cancelled), events that schedule children, and
     * runUntil windows of every size. Order, clock, cancel results and pendingCount must agree
     * after every window.
     */
    @Test
    void longRandomWorkloadMatchesAReferenceQueue() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(20261203L);
        EventLoop loop = new EventLoop(EPOCH);
        // Reference: entries {time, seq, id}; state[id]: 0 pending, 1 ran, 2 cancelled.
        java.util.PriorityQueue<long[]> ref = new java.util.PriorityQueue<>(
                (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int maxIds = 400_000;
        long[] handles = new long[maxIds];
        byte[] state = new byte[maxIds];
        long[] refSeq = {0};
        int[] nextId = {0};
        List<Integer> realRan = new ArrayList<>();
        List<Integer> refRan = new ArrayList<>();
        long[] timers = new long[64]; // ids of re-armed timers, -1 for none
        java.util.Arrays.fill(timers, -1);
        class Sched {
            /** A delay of random magnitude: mostly short, sometimes up to 2^42 ns (~73 min). */
            long delay() {
                int bits = rng.nextInt(10) < 7 ? rng.nextInt(21) : rng.nextInt(43);
                return bits == 0 ? 0 : rng.nextLong(1L << bits);
            }

            /** Children follow from the id alone, so the reference can replay them. */
            long childDelay(int id) {
                int h = id * 0x9E3779B9;
                return (h >>> 29) < 3 ? -1 : (h >>> 8) & ((1 << (h & 15)) - 1);
            }

            /** Schedules in the real loop and, unless it is a child, in the reference. */
            int schedule(long at, boolean child) {
                int id = nextId[0]++;
                handles[id] = loop.schedule(at, () -> {
                    realRan.add(id);
                    long c = childDelay(id);
                    if (c >= 0) {
                        schedule(loop.now() + c, true);
                    }
                });
                if (!child) {
                    ref.add(new long[] {at, refSeq[0]++, id});
                }
                return id;
            }

            void drainReference(long end) {
                while (!ref.isEmpty() && ref.peek()[0] <= end) {
                    long[] e = ref.poll();
                    int id = (int) e[2];
                    if (state[id] != 0) {
                        continue;
                    }
                    state[id] = 1;
                    refRan.add(id);
                    long c = childDelay(id);
                    if (c >= 0) { // its id is the one the real loop gave the child, in run order
                        Integer child = pendingChildIds.pollFirst();
                        assertTrue(child != null, "the real loop scheduled fewer children than the reference");
                        ref.add(new long[] {e[0] + c, refSeq[0]++, child});
                    }
                }
            }

            final java.util.ArrayDeque<Integer> pendingChildIds = new java.util.ArrayDeque<>();
        }
        Sched s = new Sched();
        for (int step = 0; step < 4_000 && nextId[0] < maxIds - 20_000; step++) {
            int ops = 1 + rng.nextInt(60);
            for (int k = 0; k < ops; k++) {
                int kind = rng.nextInt(10);
                if (kind < 5) {
                    s.schedule(loop.now() + s.delay(), false);
                } else if (kind < 8) { // re-arm a timer 10 s out
                    int t = rng.nextInt(timers.length);
                    if (timers[t] >= 0) {
                        int id = (int) timers[t];
                        boolean pending = state[id] == 0;
                        assertEquals(pending, loop.cancel(handles[id]), "cancel of timer " + id);
                        if (pending) {
                            state[id] = 2;
                        }
                    }
                    timers[t] = s.schedule(loop.now() + 10_000_000_000L + rng.nextInt(1_000_000), false);
                } else if (nextId[0] > 0) { // cancel any handle ever issued
                    int id = rng.nextInt(nextId[0]);
                    boolean pending = state[id] == 0;
                    assertEquals(pending, loop.cancel(handles[id]), "cancel of " + id);
                    if (pending) {
                        state[id] = 2;
                    }
                }
            }
            long window = s.delay() * (rng.nextInt(4) == 0 ? 1_000 : 1);
            long end = loop.now() + window;
            // The real loop runs first; every child it scheduled took the next id in run order,
            // which is the order the reference will reach them.
            int firstChild = nextId[0];
            int ranBefore = realRan.size();
            loop.runUntil(end);
            for (int id = firstChild; id < nextId[0]; id++) {
                s.pendingChildIds.add(id);
            }
            s.drainReference(end);
            assertTrue(s.pendingChildIds.isEmpty(), "reference scheduled every child");
            assertEquals(refRan.subList(ranBefore, refRan.size()), realRan.subList(ranBefore, realRan.size()),
                    "execution order in window ending " + (end - EPOCH));
            assertEquals(end, loop.now());
            long refPending = ref.stream().filter(e -> state[(int) e[2]] == 0).count();
            assertEquals(refPending, loop.pendingCount(), "pendingCount at step " + step);
            // Dead entries are at most about half the live ones, and each bucket wastes at most
            // two partly used chunks: the pool holds no more than that.
            int chunkBound = (2 * loop.pendingCount() + 64) / (1 << EventLoop.CHUNK_SHIFT) + 2 * 64 + 1;
            assertTrue(loop.chunksInUse() <= chunkBound,
                    "chunks in use " + loop.chunksInUse() + " > " + chunkBound + " at step " + step);
        }
        assertTrue(realRan.size() > 50_000, "the workload ran a substantial number of events: " + realRan.size());
        loop.run();
        assertEquals(0, loop.pendingCount());
        assertEquals(0, loop.chunksInUse(), "every chunk back in the pool once the queue is empty");
    }
}
