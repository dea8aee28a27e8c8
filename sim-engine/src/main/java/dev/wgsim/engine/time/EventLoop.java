package dev.wgsim.engine.time;

import java.util.Arrays;
import java.util.Objects;

/**
 * A single-threaded discrete-event loop over virtual time in nanoseconds.
 *
 * <p>Events run in (time, scheduling sequence) order, so events at the same instant run in the
 * order they were scheduled. A handle returned by {@link #schedule} is a primitive {@code long}:
 * slot index + 1 in the low 32 bits (so never 0, never {@link #NO_EVENT}) and the low 32 bits of
 * the event's scheduling sequence number in the high 32 bits. A handle is always safe to cancel:
 * twice, after it fired, or after its slot was reused by a newer event, whose sequence differs.
 * (A stale handle could only alias if its slot were reused by exactly the event scheduled
 * 2<sup>32</sup>&middot;k schedules later and the stale handle were still in use then.)
 *
 * <p>Layout, chosen for speed at 10<sup>5</sup>-10<sup>6</sup> pending events: the priority queue
 * is a 4-ary min-heap of two parallel primitive arrays, event time ({@code long}) and slot
 * ({@code int}); nothing in it is an object, so sifting moves no references (no GC card marking)
 * and a level of the heap costs one cache line of times. Per-event data (action, scheduling
 * sequence) lives in two slot arrays that never move, with a stack of free slots, so firing an
 * event and scheduling its successor touch one action and one sequence entry besides the heap.
 * The sequence is read in the heap only to break a tie in time.
 *
 * <p>Cancellation is lazy: it clears the slot's action at once (so the event is no longer
 * pending, {@link #pendingCount()} drops and the handle goes stale), and the dead heap entry is discarded when it reaches the top. When dead entries outnumber live ones the
 * heap is rebuilt without them, so memory stays proportional to the pending events.
 *
 * <p>When the running event schedules its first successor, that successor replaces the just-run
 * event at the root of the heap (one sift-down instead of a remove and an insert), which is what
 * makes self-rescheduling timers and transmitters cheap.
 *
 * <p>The loop is not thread-safe; nothing is static, so independent loops can run side by side.
 */
public final class EventLoop {

    /** A value never returned by {@link #schedule}; cancelling it is a no-op returning false. */
    public static final long NO_EVENT = 0L;

    private static final int INITIAL_CAPACITY = 256;
    private static final int ARITY_SHIFT = 2; // 4-ary heap: children of i are 4i+1 .. 4i+4
    private static final int MIN_COMPACTION_SIZE = 64;

    // Heap, index 0 is the earliest entry. Entries whose slot has no action are cancelled (dead).
    private long[] heapTime = new long[INITIAL_CAPACITY];
    private int[] heapSlot = new int[INITIAL_CAPACITY];
    private int size;
    private int deadInHeap;
    // True while the running event's entry is still at the root, waiting to be replaced by the
    // event's first successor or removed when the event returns.
    private boolean rootConsumed;

    // Slots, indexed by the low half of a handle.
    private Runnable[] actions = new Runnable[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    // Free slots as a stack: pushing and popping touch only its top, never the slot's own data.
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeCount;
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
        sequences[slot] = nextSeq++;
        if (rootConsumed) {
            rootConsumed = false;
            siftDown(0, atNanos, slot);
        } else {
            int i = size;
            if (i == heapTime.length) {
                growHeap();
            }
            size = i + 1;
            siftUp(i, atNanos, slot);
        }
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
        actions[slot] = null;
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
                int slot = heapSlot[0];
                Runnable action = actions[slot];
                if (action == null) { // cancelled: discard and free its slot now
                    removeAt(0);
                    deadInHeap--;
                    pushFree(slot);
                    continue;
                }
                long t = heapTime[0];
                if (t > endNanos) {
                    break;
                }
                actions[slot] = null;
                pushFree(slot);
                rootConsumed = true;
                now = t;
                executed++;
                action.run();
                if (rootConsumed) {
                    rootConsumed = false;
                    removeAt(0);
                }
                if (stopRequested) {
                    return false;
                }
            }
            return true;
        } finally {
            if (rootConsumed) { // the event threw
                rootConsumed = false;
                removeAt(0);
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
        if ((int) (handle >>> 32) != (int) sequences[slot] || actions[slot] == null) {
            return -1;
        }
        return slot;
    }

    private long handleOf(int slot) {
        return (sequences[slot] << 32) | (slot + 1L);
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
            removeAt(0);
        }
        long[] times = heapTime;
        int[] slots = heapSlot;
        int live = 0;
        for (int i = 0; i < size; i++) {
            int slot = slots[i];
            if (actions[slot] == null) {
                pushFree(slot);
            } else {
                times[live] = times[i];
                slots[live] = slot;
                live++;
            }
        }
        size = live;
        deadInHeap = 0;
        for (int i = (live - 2) >> ARITY_SHIFT; i >= 0; i--) {
            siftDown(i, times[i], slots[i]);
        }
    }

    /** Removes the heap entry at {@code i}, refilling the hole with the last entry. */
    private void removeAt(int i) {
        int last = --size;
        if (i == last) {
            return;
        }
        long t = heapTime[last];
        int slot = heapSlot[last];
        if (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = heapTime[parent];
            if (t < pt || (t == pt && sequences[slot] < sequences[heapSlot[parent]])) {
                siftUp(i, t, slot);
                return;
            }
        }
        siftDown(i, t, slot);
    }

    private void siftUp(int i, long t, int slot) {
        long[] times = heapTime;
        int[] slots = heapSlot;
        while (i > 0) {
            int parent = (i - 1) >>> ARITY_SHIFT;
            long pt = times[parent];
            // A new entry has the highest sequence, so on a tie it stays below; removeAt's
            // refill can be older, hence the sequence check.
            if (t > pt || (t == pt && sequences[slot] > sequences[slots[parent]])) {
                break;
            }
            times[i] = pt;
            slots[i] = slots[parent];
            i = parent;
        }
        times[i] = t;
        slots[i] = slot;
    }

    private void siftDown(int i, long t, int slot) {
        long[] times = heapTime;
        int[] slots = heapSlot;
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
                if (ct < bt || (ct == bt && sequences[slots[c]] < sequences[slots[best]])) {
                    best = c;
                    bt = ct;
                }
            }
            if (t < bt || (t == bt && sequences[slot] < sequences[slots[best]])) {
                break;
            }
            times[i] = bt;
            slots[i] = slots[best];
            i = best;
        }
        times[i] = t;
        slots[i] = slot;
    }

    private void growHeap() {
        int capacity = newCapacity(heapTime.length);
        heapTime = Arrays.copyOf(heapTime, capacity);
        heapSlot = Arrays.copyOf(heapSlot, capacity);
    }

    private void growSlots() {
        int old = actions.length;
        int capacity = newCapacity(old);
        actions = Arrays.copyOf(actions, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        freeSlots = Arrays.copyOf(freeSlots, capacity);
    }

    private static int newCapacity(int old) {
        if (old >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many pending events: " + old);
        }
        return (int) Math.min((long) old * 2, Integer.MAX_VALUE - 8);
    }
}
