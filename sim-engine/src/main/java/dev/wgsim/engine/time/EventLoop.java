package dev.wgsim.engine.time;

import java.util.Arrays;
import java.util.Objects;

/**
 * A single-threaded discrete-event loop over virtual time in nanoseconds.
 *
 * <p>Events run in (time, scheduling sequence) order, so events at the same instant run in the
 * order they were scheduled. A handle returned by {@link #schedule} is a primitive {@code long}:
 * slot index + 1 in the low 32 bits (so never 0, never {@link #NO_EVENT}) and the slot's
 * generation in the high 32 bits; the generation is bumped when the slot's event fires or is
 * cancelled, so it differs for every tenant of the slot. A handle is therefore always safe to
 * cancel: twice, after it fired, or after its slot was reused by a newer event. (A stale handle
 * could only alias if its slot had since held exactly 2<sup>32</sup>&middot;k further events and
 * the stale handle were still in use then.)
 *
 * <p>Layout, chosen for speed at 10<sup>5</sup>-10<sup>6</sup> pending events: the priority queue
 * is a 4-ary min-heap in one {@code long[]} of interleaved pairs (time, key), where the key packs
 * the scheduling sequence (high bits) above the slot (low {@value #SLOT_BITS} bits). Ordering is
 * (time, key) and never looks outside the heap; a group of four children is 64 bytes, one cache
 * line when aligned. Nothing in the heap is an object, so sifting moves no references (no GC card
 * marking). Per-event data (action, generation) lives in slot arrays that never move, with a
 * stack of free slots; firing an event reads its action, and its successor reuses the same slot.
 * A fired event's action stays in its slot until the event returns: when it is also the
 * successor's action (a self-rescheduling timer), scheduling stores no reference, which on a large
 * slot array would cost a GC card mark on a random cache line per event.
 * Sequences have {@value #SEQ_BITS} bits; when they run out (after about 6.9&middot;10<sup>10</sup>
 * schedules) the pending events are renumbered in order, which handles do not notice.
 *
 * <p>Removing the root uses the hole technique: the hole moves down along the smaller children to
 * a leaf, and the entry to place sifts up from there. An entry placed at the root of a large heap
 * usually belongs near the bottom, so this saves the comparison against it at every level.
 *
 * <p>Cancellation is lazy: it clears the slot's action at once (so the event is no longer
 * pending, {@link #pendingCount()} drops and the handle goes stale), and the dead heap entry is
 * discarded when it reaches the top. When dead entries outnumber live ones the heap is rebuilt
 * without them, so memory stays proportional to the pending events.
 *
 * <p>When the running event schedules its first successor, that successor replaces the just-run
 * event at the root of the heap (one sift instead of a remove and an insert), which is what makes
 * self-rescheduling timers and transmitters cheap.
 *
 * <p>The loop is not thread-safe; nothing is static, so independent loops can run side by side.
 */
public final class EventLoop {

    /** A value never returned by {@link #schedule}; cancelling it is a no-op returning false. */
    public static final long NO_EVENT = 0L;

    static final int SLOT_BITS = 27;
    static final int SEQ_BITS = 63 - SLOT_BITS;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    private static final int MAX_SLOTS = 1 << SLOT_BITS;
    private static final long SEQ_LIMIT = 1L << SEQ_BITS;

    private static final int ARITY_SHIFT = 2;
    private static final int ARITY = 1 << ARITY_SHIFT;
    private static final int SMALL_HEAP = 1 << 13;
    private static final int INITIAL_CAPACITY = 256;
    private static final int MIN_COMPACTION_SIZE = 64;

    // Heap of pairs: heap[2i] is the time, heap[2i + 1] the key (sequence << SLOT_BITS | slot) of
    // entry i; entry 0 is the earliest; children of i are 4i+1 .. 4i+4. Entries whose slot has no
    // action are cancelled (dead).
    private long[] heap = new long[2 * INITIAL_CAPACITY];
    private int size;
    private int deadInHeap;
    // True while the running event's entry is still at the root, waiting to be replaced by the
    // event's first successor or removed when the event returns.
    private boolean rootConsumed;

    // Slots, indexed by the low half of a handle.
    private Runnable[] actions = new Runnable[INITIAL_CAPACITY];
    private int[] generations = new int[INITIAL_CAPACITY];
    // Free slots as a stack: the slot freed by the running event is the one its successor takes.
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int slotsUsed;

    private final long seqLimit;
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
        this(startNanos, SEQ_LIMIT);
    }

    /** Tests pass a small {@code seqLimit} to exercise renumbering. */
    EventLoop(long startNanos, long seqLimit) {
        if (startNanos < 0) {
            throw new IllegalArgumentException("startNanos must be >= 0, was " + startNanos);
        }
        if (seqLimit < 1 || seqLimit > SEQ_LIMIT) {
            throw new IllegalArgumentException("seqLimit must be in [1, 2^" + SEQ_BITS + "], was " + seqLimit);
        }
        this.now = startNanos;
        this.seqLimit = seqLimit;
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
            throw beforeNow(atNanos);
        }
        return insert(atNanos, action);
    }

    /** The error paths live in their own methods to keep the scheduling path small enough to inline. */
    private IllegalArgumentException beforeNow(long atNanos) {
        return new IllegalArgumentException("atNanos " + atNanos + " is before now " + now);
    }

    private IllegalArgumentException badDelay(long delayNanos) {
        return delayNanos < 0
                ? new IllegalArgumentException("delayNanos must be >= 0, was " + delayNanos)
                : new IllegalArgumentException("delayNanos " + delayNanos + " overflows the clock at " + now);
    }

    private long insert(long atNanos, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (nextSeq >= seqLimit) {
            renumber();
        }
        int slot = allocateSlot();
        if (actions[slot] != action) {
            // A self-rescheduling action finds itself already there: no reference store, so no
            // GC write barrier (card marking) on a random line of a large array.
            actions[slot] = action;
        }
        int gen = generations[slot];
        long key = (nextSeq++ << SLOT_BITS) | slot;
        if (rootConsumed) {
            rootConsumed = false;
            replaceRoot(atNanos, key);
        } else {
            int i = size;
            if (2 * i == heap.length) {
                growHeap();
            }
            size = i + 1;
            siftUp(i, atNanos, key);
        }
        return ((long) gen << 32) | (slot + 1L);
    }

    /**
     * Schedules {@code action} to run {@code delayNanos} after {@link #now()}.
     *
     * @throws IllegalArgumentException if the delay is negative or the time would overflow
     */
    public long scheduleAfter(long delayNanos, Runnable action) {
        long at = now + delayNanos;
        if (delayNanos < 0 || at < now) {
            throw badDelay(delayNanos);
        }
        return insert(at, action);
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
        actions[slot] = null;
        generations[slot]++;
        deadInHeap++;
        if (deadInHeap > (size >>> 1) && size >= MIN_COMPACTION_SIZE) {
            compact();
        }
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
        return size - deadInHeap - (rootConsumed ? 1 : 0);
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
                long[] h = heap;
                int slot = (int) h[1] & SLOT_MASK;
                Runnable action = actions[slot];
                if (action == null) { // cancelled: discard and free its slot now
                    removeRoot();
                    deadInHeap--;
                    pushFree(slot);
                    continue;
                }
                long t = h[0];
                if (t > endNanos) {
                    break;
                }
                generations[slot]++; // the handle goes stale; the action stays for a successor
                pushFree(slot);
                rootConsumed = true;
                now = t;
                executed++;
                action.run();
                if (rootConsumed) { // nothing scheduled, so the slot is still free: drop the action
                    rootConsumed = false;
                    removeRoot();
                    actions[slot] = null;
                }
                if (stopRequested) {
                    return false;
                }
            }
            return true;
        } finally {
            if (rootConsumed) { // the event threw
                rootConsumed = false;
                removeRoot();
            }
            running = false;
            stopRequested = false;
        }
    }

    private int pendingSlot(long handle) {
        int slot = (int) handle - 1;
        if (slot < 0 || slot >= slotsUsed) {
            return -1;
        }
        if ((int) (handle >>> 32) != generations[slot]) {
            return -1;
        }
        return slot;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        int slot = slotsUsed;
        if (slot == actions.length) {
            growSlots();
        }
        slotsUsed = slot + 1;
        return slot;
    }

    private void pushFree(int slot) {
        freeSlots[freeCount++] = slot;
    }

    /** Drops every cancelled entry and re-heapifies (Floyd), freeing their slots. */
    private void compact() {
        if (rootConsumed) { // its slot is already free: remove the entry, do not free it twice
            rootConsumed = false;
            removeRoot();
        }
        long[] h = heap;
        int live = 0;
        for (int i = 0; i < size; i++) {
            long t = h[2 * i];
            long key = h[2 * i + 1];
            int slot = (int) key & SLOT_MASK;
            if (actions[slot] == null) {
                pushFree(slot);
            } else {
                h[2 * live] = t;
                h[2 * live + 1] = key;
                live++;
            }
        }
        size = live;
        deadInHeap = 0;
        for (int i = (live - 2) >> ARITY_SHIFT; i >= 0; i--) {
            siftDown(i, h[2 * i], h[2 * i + 1]);
        }
    }

    /**
     * Gives the pending events new sequence numbers 0, 1, 2... in their run order, so sequences
     * never overflow into the sign bit. Handles carry generations, not sequences, so they stay valid.
     */
    private void renumber() {
        compact();
        int n = size;
        long[] sorted = new long[Math.max(2 * n, 2 * INITIAL_CAPACITY)];
        for (int i = 0; i < n; i++) {
            long key = heap[1];
            sorted[2 * i] = heap[0];
            sorted[2 * i + 1] = ((long) i << SLOT_BITS) | (key & SLOT_MASK);
            removeRoot();
        }
        heap = sorted; // ascending order is a valid heap
        size = n;
        nextSeq = n;
    }

    /** Removes the root, refilling the hole with the last entry. */
    private void removeRoot() {
        int last = --size;
        if (last > 0) {
            replaceRoot(heap[2 * last], heap[2 * last + 1]);
        }
    }

    /**
     * Puts (t, key) in place of the root: the hole goes down along the smaller children to a leaf,
     * then the entry sifts up from there.
     */
    private void replaceRoot(long t, long key) {
        // Small heaps live in L1/L2, where unpredictable branches dominate: select without them.
        // In large heaps cache misses dominate, and branches let the CPU fetch the next level
        // speculatively, which conditional moves would serialize.
        if (size <= SMALL_HEAP) {
            replaceRootSmall(t, key);
        } else {
            replaceRootLarge(t, key);
        }
    }

    private void replaceRootSmall(long t, long key) {
        long[] h = heap;
        int n = size;
        int i = 0;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            int best;
            if (first + 3 < n) {
                // All four children, unrolled: a tournament on times only, written as selects the
                // JIT can compile to conditional moves (no unpredictable branches). Equal times
                // are rare; they take the exact (time, key) loop below.
                int a = 2 * first;
                long t0 = h[a];
                long t1 = h[a + 2];
                long t2 = h[a + 4];
                long t3 = h[a + 6];
                int m01 = t1 < t0 ? a + 2 : a;
                long t01 = Math.min(t0, t1);
                int m23 = t3 < t2 ? a + 6 : a + 4;
                long t23 = Math.min(t2, t3);
                int m = t23 < t01 ? m23 : m01;
                long tm = Math.min(t01, t23);
                if (t0 != t1 && t2 != t3 && t01 != t23) {
                    h[2 * i] = tm;
                    h[2 * i + 1] = h[m + 1];
                    i = m >>> 1;
                    continue;
                }
            }
            if (first >= n) {
                break;
            }
            best = first;
            long bt = h[2 * first];
            long bk = h[2 * first + 1];
            int end = Math.min(first + ARITY, n);
            for (int c = first + 1; c < end; c++) {
                long ct = h[2 * c];
                if (ct < bt || (ct == bt && h[2 * c + 1] < bk)) {
                    best = c;
                    bt = ct;
                    bk = h[2 * c + 1];
                }
            }
            h[2 * i] = bt;
            h[2 * i + 1] = bk;
            i = best;
        }
        siftUp(i, t, key);
    }

    private void replaceRootLarge(long t, long key) {
        long[] h = heap;
        int n = size;
        int i = 0;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            int best;
            if (first + 3 < n) {
                // All four children: two independent pair comparisons, then the winners (the
                // common case, unrolled so the JIT sees straight-line code).
                int a = 2 * first;
                int m01 = a;
                long t01 = h[a];
                long t1 = h[a + 2];
                if (t1 < t01 || (t1 == t01 && h[a + 3] < h[a + 1])) {
                    m01 = a + 2;
                    t01 = t1;
                }
                int m23 = a + 4;
                long t23 = h[a + 4];
                long t3 = h[a + 6];
                if (t3 < t23 || (t3 == t23 && h[a + 7] < h[a + 5])) {
                    m23 = a + 6;
                    t23 = t3;
                }
                if (t23 < t01 || (t23 == t01 && h[m23 + 1] < h[m01 + 1])) {
                    m01 = m23;
                    t01 = t23;
                }
                h[2 * i] = t01;
                h[2 * i + 1] = h[m01 + 1];
                i = m01 >>> 1;
                continue;
            }
            if (first >= n) {
                break;
            }
            best = first;
            long bt = h[2 * first];
            long bk = h[2 * first + 1];
            for (int c = first + 1; c < n; c++) {
                long ct = h[2 * c];
                if (ct < bt || (ct == bt && h[2 * c + 1] < bk)) {
                    best = c;
                    bt = ct;
                    bk = h[2 * c + 1];
                }
            }
            h[2 * i] = bt;
            h[2 * i + 1] = bk;
            i = best;
        }
        siftUp(i, t, key);
    }

    private void siftUp(int i, long t, long key) {
        long[] h = heap;
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = h[2 * parent];
            long pk = h[2 * parent + 1];
            if (t > pt || (t == pt && key > pk)) {
                break;
            }
            h[2 * i] = pt;
            h[2 * i + 1] = pk;
            i = parent;
        }
        h[2 * i] = t;
        h[2 * i + 1] = key;
    }

    /** Classic sift-down, for heapify (the entry usually stays near where it starts). */
    private void siftDown(int i, long t, long key) {
        long[] h = heap;
        int n = size;
        while (true) {
            int first = (i << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = h[2 * first];
            long bk = h[2 * first + 1];
            int end = Math.min(first + ARITY, n);
            for (int c = first + 1; c < end; c++) {
                long ct = h[2 * c];
                if (ct < bt || (ct == bt && h[2 * c + 1] < bk)) {
                    best = c;
                    bt = ct;
                    bk = h[2 * c + 1];
                }
            }
            if (t < bt || (t == bt && key < bk)) {
                break;
            }
            h[2 * i] = bt;
            h[2 * i + 1] = bk;
            i = best;
        }
        h[2 * i] = t;
        h[2 * i + 1] = key;
    }

    private void growHeap() {
        heap = Arrays.copyOf(heap, 2 * newCapacity(heap.length / 2, Integer.MAX_VALUE / 2 - 8));
    }

    private void growSlots() {
        int capacity = newCapacity(actions.length, MAX_SLOTS);
        actions = Arrays.copyOf(actions, capacity);
        generations = Arrays.copyOf(generations, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    private static int newCapacity(int old, int max) {
        if (old >= max) {
            throw new IllegalStateException("too many pending events: " + old);
        }
        return (int) Math.min((long) old * 2, max);
    }
}
