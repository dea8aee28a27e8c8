package dev.wgsim.engine.bench;

import dev.wgsim.engine.random.RandomStreams;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.time.EventLoop;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The classic hold model: N events pending; each event's (empty) handler schedules one successor
 * at now + Exp(mean 1 µs). Exponential draws are precomputed into a ring so the RNG is not
 * measured. Scores are events per second (one operation = one event).
 *
 * <p>{@code eventLoop} is the real {@link EventLoop} (handles, cancellation support);
 * {@code eventLoopTimerReset} is the same hold model where every event also re-arms one of
 * {@value #TIMERS} timers ten seconds out (cancel its handle, schedule anew), as a WireGuard peer
 * resets its keepalive and handshake timers on every packet: the queue then also holds far-future
 * entries and a stream of cancelled ones. {@code priorityQueue} is a plain {@link PriorityQueue}
 * of event objects and {@code bareHeap} a bare primitive heap, for the ratios.
 * {@link #main} prints the heap bytes per pending event at 1,000,000 pending.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventLoopBenchmark {

    static final int BATCH = 100_000;
    private static final int RING = 1 << 16;

    @Param({"1000", "100000", "1000000"})
    public int pending;

    private long[] delays;
    private int next;

    private EventLoop loop;
    private Hold hold;

    static final int TIMERS = 1_000;
    static final long TIMER_DELAY = 10_000_000_000L;

    private EventLoop resetLoop;
    private HoldReset holdReset;

    private PriorityQueue<Event> queue;
    private long pqNow;
    private long pqSeq;
    private final Runnable pqHold = () -> queue.add(new Event(pqNow + delay(), pqSeq++, this.pqHold));

    @Setup(Level.Trial)
    public void setUp() {
        delays = exponentialDelays(RING, 1_000.0, 42);
        loop = new EventLoop(1_000_000_000L);
        hold = new Hold();
        for (int i = 0; i < pending; i++) {
            loop.scheduleAfter(delay(), hold);
        }
        resetLoop = new EventLoop(1_000_000_000L);
        holdReset = new HoldReset();
        for (int i = 0; i < pending; i++) {
            resetLoop.scheduleAfter(delay(), holdReset);
        }
        for (int i = 0; i < TIMERS; i++) {
            holdReset.timers[i] = resetLoop.scheduleAfter(TIMER_DELAY + delay(), holdReset.expired);
        }
        queue = new PriorityQueue<>(pending + 1);
        pqNow = 1_000_000_000L;
        for (int i = 0; i < pending; i++) {
            queue.add(new Event(pqNow + delay(), pqSeq++, pqHold));
        }
    }

    static long[] exponentialDelays(int n, double meanNanos, long seed) {
        RandomStream rng = new RandomStreams(seed).stream("bench/hold");
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.round(rng.exponential(meanNanos));
        }
        return d;
    }

    private long delay() {
        long d = delays[next];
        next = (next + 1) & (RING - 1);
        return d;
    }

    /** The successor-scheduling handler; one instance, so no allocation per event. */
    final class Hold implements Runnable {
        int remaining;

        @Override
        public void run() {
            loop.scheduleAfter(delay(), this);
            if (--remaining == 0) {
                loop.stop();
            }
        }
    }

    /** Hold plus a timer reset per event (cancel + schedule 10 s out, round robin over the timers). */
    final class HoldReset implements Runnable {
        final long[] timers = new long[TIMERS];
        final Runnable expired = () -> { };
        int remaining;
        int nextTimer;

        @Override
        public void run() {
            EventLoop l = resetLoop;
            l.scheduleAfter(delay(), this);
            int k = nextTimer;
            nextTimer = k + 1 == TIMERS ? 0 : k + 1;
            l.cancel(timers[k]);
            timers[k] = l.scheduleAfter(TIMER_DELAY + delay(), expired);
            if (--remaining == 0) {
                l.stop();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long eventLoopTimerReset() {
        holdReset.remaining = BATCH;
        resetLoop.run();
        return resetLoop.now();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long eventLoop() {
        hold.remaining = BATCH;
        loop.run();
        return loop.now();
    }

    /** An event object as a textbook simulator keeps it. */
    record Event(long time, long seq, Runnable action) implements Comparable<Event> {
        @Override
        public int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long priorityQueue() {
        for (int i = 0; i < BATCH; i++) {
            Event e = queue.poll();
            pqNow = e.time();
            e.action().run();
        }
        return pqNow;
    }

    /**
     * Reference point, not a usable loop: a bare binary heap of primitive {@code long} times with an
     * {@code int} id, no actions, handles or cancellation (the issue quotes this kind of heap).
     */
    static final class BareHeap {
        long[] keys;
        int[] ids;
        int size;

        BareHeap(int capacity) {
            keys = new long[capacity];
            ids = new int[capacity];
        }

        void push(long k, int id) {
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (keys[p] <= k) {
                    break;
                }
                keys[i] = keys[p];
                ids[i] = ids[p];
                i = p;
            }
            keys[i] = k;
            ids[i] = id;
        }

        /** Removes the minimum; its key is left in {@code keys[size]} for the caller. */
        int pop() {
            int id = ids[0];
            long top = keys[0];
            int n = --size;
            long k = keys[n];
            int kid = ids[n];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    break;
                }
                if (c + 1 < n && keys[c + 1] < keys[c]) {
                    c++;
                }
                if (k <= keys[c]) {
                    break;
                }
                keys[i] = keys[c];
                ids[i] = ids[c];
                i = c;
            }
            keys[i] = k;
            ids[i] = kid;
            keys[n] = top;
            return id;
        }
    }

    private BareHeap bare;

    @Setup(Level.Trial)
    public void setUpBare() {
        bare = new BareHeap(pending + 1);
        long t0 = 1_000_000_000L;
        for (int i = 0; i < pending; i++) {
            bare.push(t0 + delay(), i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long bareHeap() {
        BareHeap h = bare;
        long t = 0;
        for (int i = 0; i < BATCH; i++) {
            int id = h.pop();
            t = h.keys[h.size];
            h.push(t + delay(), id);
        }
        return t;
    }

    /** Heap bytes per pending event at 1,000,000 pending (one shared action, so this is the loop's own cost). */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long[] d = exponentialDelays(RING, 1_000.0, 42);
        long before = usedAfterGc();
        EventLoop loop = new EventLoop();
        Runnable nothing = () -> { };
        for (int i = 0; i < n; i++) {
            loop.scheduleAfter(d[i & (RING - 1)], nothing);
        }
        long after = usedAfterGc();
        System.out.printf("EventLoop: %d pending, %.1f bytes per pending event (capacity-rounded arrays)%n",
                loop.pendingCount(), (after - before) / (double) n);
        PriorityQueue<Event> q = new PriorityQueue<>();
        before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            q.add(new Event(d[i & (RING - 1)], i, nothing));
        }
        after = usedAfterGc();
        System.out.printf("PriorityQueue<Event>: %d pending, %.1f bytes per pending event%n",
                q.size(), (after - before) / (double) n);
        if (loop.pendingCount() != n || q.size() != n) {
            throw new AssertionError("keep both alive");
        }
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
