package dev.wgsim.engine.time;

import java.util.Arrays;
import java.util.Objects;

/**
 * A single-threaded discrete-event loop over virtual time in nanoseconds.
 *
 * <p>Events run in (time, scheduling sequence) order, so events at the same instant run in the
 * order they were scheduled. A handle returned by {@link #schedule} is a primitive {@code long}
 * made of a slot index (low 32 bits) and that slot's generation (high 32 bits, never 0), so a
 * handle is always safe to cancel: twice, after it fired, or after its slot was reused by a newer
 * event (the generation no longer matches). {@link #NO_EVENT} is never returned.
 *
 * <p>The priority queue is a 4-ary min-heap kept in parallel primitive arrays (time, sequence,
 * slot) so that comparisons never touch objects and the moving parts hold no references; the
 * actions sit in a slot array that never moves (only nulled), with a free list of slots. A
 * slot-to-heap-position index lets {@link #cancel} remove an event eagerly, so memory and
 * {@link #pendingCount()} are exact.
 *
 * <p>The loop is not thread-safe; nothing is static, so independent loops can run side by side.
 */
public final class EventLoop {

    /** A value never returned by {@link #schedule}; cancelling it is a no-op returning false. */
    public static final long NO_EVENT = 0L;

    private static final int INITIAL_CAPACITY = 256;
    private static final int ARITY_SHIFT = 2; // 4-ary heap: children of i are 4i+1 .. 4i+4
    private static final int NOT_IN_HEAP = -1;

    // Heap, index 0 is the earliest event.
    private long[] heapTime = new long[INITIAL_CAPACITY];
    private long[] heapSeq = new long[INITIAL_CAPACITY];
    private int[] heapSlot = new int[INITIAL_CAPACITY];
    private int size;

    // Slots, indexed by the low half of a handle.
    private Runnable[] actions = new Runnable[INITIAL_CAPACITY];
    private int[] generations = new int[INITIAL_CAPACITY];
    private int[] heapIndex = new int[INITIAL_CAPACITY]; // position in the heap, or next free slot
    private int freeHead = NOT_IN_HEAP;
    private int slotsUsed;

    private long now;
    private long nextSeq;
    private long executed;
    private boolean running;
    private boolean stopRequested;

    /** A loop whose clock starts at 0. */
    public EventLoop() {
        this(0L);
    }

    /** A loop whose clock starts at {@code startNanos} (tests start at a non-zero epoch). */
    public EventLoop(long startNanos) {
        if (startNanos < 0) {
            throw new IllegalArgumentException("startNanos must be >= 0, was " + startNanos);
        }
        this.now = startNanos;
        Arrays.fill(generations, 1);
    }

    /** The current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /**
     * Schedules {@code action} to run at virtual time {@code atNanos}.
     *
     * @return a handle for {@link #cancel} and {@link #isPending}; never {@link #NO_EVENT}
     * @throws IllegalArgumentException if {@code atNanos} is before {@link #now()}
     */
    public long schedule(long atNanos, Runnable action) {
        if (atNanos < now) {
            throw new IllegalArgumentException("atNanos " + atNanos + " is before now " + now);
        }
        Objects.requireNonNull(action, "action");
        int slot = allocateSlot();
        actions[slot] = action;
        int i = size;
        if (i == heapTime.length) {
            growHeap();
        }
        size = i + 1;
        siftUp(i, atNanos, nextSeq++, slot);
        return handleOf(slot);
    }

    /**
     * Schedules {@code action} to run {@code delayNanos} after {@link #now()}.
     *
     * @throws IllegalArgumentException if the delay is negative or the time would overflow
     */
    public long scheduleAfter(long delayNanos, Runnable action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delayNanos must be >= 0, was " + delayNanos);
        }
        long at = now + delayNanos;
        if (at < now) {
            throw new IllegalArgumentException("delayNanos " + delayNanos + " overflows the clock at " + now);
        }
        return schedule(at, action);
    }

    /**
     * Cancels a pending event.
     *
     * @return true iff the event was pending (and now will not run); false for {@link #NO_EVENT},
     *     an event that already ran or was cancelled, or a handle from another loop's slot reuse
     */
    public boolean cancel(long handle) {
        int slot = pendingSlot(handle);
        if (slot < 0) {
            return false;
        }
        removeAt(heapIndex[slot]);
        releaseSlot(slot);
        return true;
    }

    /** True iff the event of {@code handle} is scheduled and has neither run nor been cancelled. */
    public boolean isPending(long handle) {
        return pendingSlot(handle) >= 0;
    }

    /**
     * Runs every event with time {@code <= endNanos} in order, including events they schedule
     * within that bound. Afterwards {@link #now()} is {@code endNanos}, unless {@link #stop()} was
     * called, in which case it is the time of the event that called it.
     *
     * @throws IllegalArgumentException if {@code endNanos} is before {@link #now()}
     * @throws IllegalStateException if called from inside an event
     */
    public void runUntil(long endNanos) {
        if (endNanos < now) {
            throw new IllegalArgumentException("endNanos " + endNanos + " is before now " + now);
        }
        if (loop(endNanos)) {
            now = endNanos;
        }
    }

    /**
     * Runs events until none remain or {@link #stop()} is called. {@link #now()} is left at the
     * time of the last event run.
     *
     * @throws IllegalStateException if called from inside an event
     */
    public void run() {
        loop(Long.MAX_VALUE);
    }

    /**
     * Asks the running {@link #run()} or {@link #runUntil} to return after the current event.
     *
     * @throws IllegalStateException if no run is in progress (stop is meant to be called by an event)
     */
    public void stop() {
        if (!running) {
            throw new IllegalStateException("stop() called while the loop is not running");
        }
        stopRequested = true;
    }

    /** The number of scheduled events that have neither run nor been cancelled. */
    public int pendingCount() {
        return size;
    }

    /** The number of events run so far by this loop. */
    public long executedCount() {
        return executed;
    }

    /** @return true if the loop ran out of eligible events, false if stopped */
    private boolean loop(long endNanos) {
        if (running) {
            throw new IllegalStateException("the loop is already running (run/runUntil called from an event)");
        }
        running = true;
        stopRequested = false;
        try {
            while (size > 0) {
                long t = heapTime[0];
                if (t > endNanos) {
                    break;
                }
                int slot = heapSlot[0];
                Runnable action = actions[slot];
                removeAt(0);
                releaseSlot(slot);
                now = t;
                executed++;
                action.run();
                if (stopRequested) {
                    return false;
                }
            }
            return true;
        } finally {
            running = false;
            stopRequested = false;
        }
    }

    private int pendingSlot(long handle) {
        int slot = (int) handle;
        int generation = (int) (handle >>> 32);
        if (slot < 0 || slot >= slotsUsed || generation == 0) {
            return -1;
        }
        if (generations[slot] != generation || actions[slot] == null) {
            return -1;
        }
        return slot;
    }

    private long handleOf(int slot) {
        return ((long) generations[slot] << 32) | (slot & 0xFFFF_FFFFL);
    }

    private int allocateSlot() {
        int slot = freeHead;
        if (slot != NOT_IN_HEAP) {
            freeHead = heapIndex[slot];
            return slot;
        }
        slot = slotsUsed;
        if (slot == actions.length) {
            growSlots();
        }
        slotsUsed = slot + 1;
        return slot;
    }

    private void releaseSlot(int slot) {
        actions[slot] = null;
        int g = generations[slot] + 1;
        generations[slot] = g == 0 ? 1 : g; // generation 0 would make a handle equal NO_EVENT
        heapIndex[slot] = freeHead;
        freeHead = slot;
    }

    /** Removes the heap entry at {@code i}, refilling the hole with the last entry. */
    private void removeAt(int i) {
        int last = --size;
        if (i == last) {
            return;
        }
        long t = heapTime[last];
        long s = heapSeq[last];
        int slot = heapSlot[last];
        if (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            if (before(t, s, heapTime[parent], heapSeq[parent])) {
                siftUp(i, t, s, slot);
                return;
            }
        }
        siftDown(i, t, s, slot);
    }

    private void siftUp(int i, long t, long s, int slot) {
        long[] times = heapTime;
        long[] seqs = heapSeq;
        int[] slots = heapSlot;
        int[] index = heapIndex;
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = times[parent];
            if (t > pt || (t == pt && s > seqs[parent])) {
                break;
            }
            int ps = slots[parent];
            times[i] = pt;
            seqs[i] = seqs[parent];
            slots[i] = ps;
            index[ps] = i;
            i = parent;
        }
        times[i] = t;
        seqs[i] = s;
        slots[i] = slot;
        index[slot] = i;
    }

    private void siftDown(int i, long t, long s, int slot) {
        long[] times = heapTime;
        long[] seqs = heapSeq;
        int[] slots = heapSlot;
        int[] index = heapIndex;
        int n = size;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = times[first];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && seqs[c] < seqs[best])) {
                    best = c;
                    bt = ct;
                }
            }
            if (t < bt || (t == bt && s < seqs[best])) {
                break;
            }
            int bs = slots[best];
            times[i] = bt;
            seqs[i] = seqs[best];
            slots[i] = bs;
            index[bs] = i;
            i = best;
        }
        times[i] = t;
        seqs[i] = s;
        slots[i] = slot;
        index[slot] = i;
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void growHeap() {
        int capacity = newCapacity(heapTime.length);
        heapTime = Arrays.copyOf(heapTime, capacity);
        heapSeq = Arrays.copyOf(heapSeq, capacity);
        heapSlot = Arrays.copyOf(heapSlot, capacity);
    }

    private void growSlots() {
        int old = actions.length;
        int capacity = newCapacity(old);
        actions = Arrays.copyOf(actions, capacity);
        heapIndex = Arrays.copyOf(heapIndex, capacity);
        generations = Arrays.copyOf(generations, capacity);
        Arrays.fill(generations, old, capacity, 1);
    }

    private static int newCapacity(int old) {
        if (old >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many pending events: " + old);
        }
        return (int) Math.min((long) old * 2, Integer.MAX_VALUE - 8);
    }
}
