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
 * <h2>The priority structure: a radix heap with FIFO buckets</h2>
 * A discrete-event loop never schedules before {@link #now()}, so its queue is <em>monotone</em>
 * and a radix heap applies (Ahuja, Mehlhorn, Orlin and Tarjan, 1990): with {@code base} the time of
 * the last event taken out, an entry of time {@code t} lives in bucket
 * {@code 64 - numberOfLeadingZeros(t ^ base)}: bucket 0 holds the entries at exactly {@code base},
 * bucket b &gt; 0 those whose highest bit differing from {@code base} is bit b-1. Scheduling appends
 * to one bucket (no comparisons); taking the next event reads bucket 0 front to back, and when it is
 * empty the lowest non-empty bucket b is emptied into buckets below b relative to its minimum,
 * which becomes the new base. Every entry only ever moves to lower buckets, so it moves at most 64
 * times and in practice about half the bits of its distance from now. All of it is sequential
 * reads and appends of primitive arrays, with no data-dependent walk through a large array as a
 * heap's sifting is: at 10<sup>5</sup> pending events a binary heap spends its time waiting for
 * cache lines 17 levels deep.
 *
 * <p>Ties need no sequence numbers: every append carries the newest event, and a bucket is only
 * emptied into buckets that are all empty (those below the lowest non-empty one), in order, so
 * each bucket stays in scheduling order. Bucket 0, all of one time, is therefore exactly the
 * FIFO of that instant's events.
 *
 * <p>Entries are (time, slot) pairs in one pool of fixed-size chunks that buckets chain, so memory
 * follows the number of entries, not the largest size each of the 64 buckets ever had. Per-event
 * data (action, generation) lives in slot arrays that never move, with a stack of free slots: the
 * slot freed by the running event is the one its first successor takes, while its cache lines are
 * still hot. A fired event's action stays in its slot until the event returns: when it is also the
 * successor's action (a self-rescheduling timer), scheduling stores no reference, which on a large
 * slot array would cost a GC card mark on a random cache line per event.
 *
 * <p>Cancellation is lazy: it clears the slot's action at once (so the event is no longer pending,
 * {@link #pendingCount()} drops and the handle goes stale), and the dead entry is discarded (and its
 * slot freed) when it comes out of bucket 0. When dead entries outnumber live ones every bucket is
 * filtered in place, keeping its order, so memory stays proportional to the pending events.
 *
 * <p>The loop is not thread-safe; nothing is static, so independent loops can run side by side.
 */
public final class EventLoop {

    /** A value never returned by {@link #schedule}; cancelling it is a no-op returning false. */
    public static final long NO_EVENT = 0L;

    private static final int BUCKETS = 64;
    static final int CHUNK_SHIFT = 7;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK - 1;
    private static final int NO_CHUNK = -1;
    private static final int MAX_CHUNKS = (Integer.MAX_VALUE - 8) >> CHUNK_SHIFT;
    private static final int MAX_SLOTS = Integer.MAX_VALUE - 8;
    private static final int INITIAL_SLOTS = 256;
    private static final int INITIAL_CHUNKS = 16;
    private static final int MIN_COMPACTION_SIZE = 64;
    // Buckets of at most this many entries are redistributed through append (see redistribute).
    private static final int SMALL_BUCKET = 8;

    // The entry pool: chunk c holds entries c * CHUNK .. c * CHUNK + CHUNK - 1 of both arrays.
    // nextChunk[c] links a bucket's chunks front to back, and the free chunks to each other.
    private long[] entryTimes = new long[INITIAL_CHUNKS * CHUNK];
    private int[] entrySlots = new int[INITIAL_CHUNKS * CHUNK];
    private int[] nextChunk = new int[INITIAL_CHUNKS];
    private int freeChunk = NO_CHUNK;
    private int freeChunks;
    private int chunksUsed;

    // Buckets: position (entry index) of the first entry and one past the last, entry count, and
    // the smallest time in the bucket (dead entries included). Bit b of nonEmpty is count[b] > 0.
    private final int[] bucketHead = new int[BUCKETS];
    private final int[] bucketTail = new int[BUCKETS];
    private final int[] bucketCount = new int[BUCKETS];
    private final long[] bucketMin = new long[BUCKETS];
    private long nonEmpty;
    // Every entry's time is >= base, and base <= now whenever entries exist outside a redistribution.
    private long base;
    private int entries;
    private int deadEntries;

    // Slots, indexed by the low half of a handle.
    private Runnable[] actions = new Runnable[INITIAL_SLOTS];
    private int[] generations = new int[INITIAL_SLOTS];
    // Free slots as a stack: the slot freed by the running event is the one its successor takes.
    private int[] freeSlots = new int[INITIAL_SLOTS];
    private int freeCount;
    private int slotsUsed;

    private long now;
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
        this.base = startNanos;
        for (int c = INITIAL_CHUNKS - 1; c >= 0; c--) {
            releaseChunk(c);
        }
        chunksUsed = INITIAL_CHUNKS;
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
        int slot = allocateSlot();
        if (actions[slot] != action) {
            // A self-rescheduling action finds itself already there: no reference store, so no
            // GC write barrier (card marking) on a random line of a large array.
            actions[slot] = action;
        }
        if (freeChunks == 0) {
            growChunks(1);
        }
        append(bucketOf(atNanos, base), atNanos, slot);
        entries++;
        return ((long) generations[slot] << 32) | (slot + 1L);
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
        deadEntries++;
        if (deadEntries > (entries >>> 1) && entries >= MIN_COMPACTION_SIZE) {
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
        return entries - deadEntries;
    }

    /** Chunks of the entry pool held by buckets (tests check that none leak). */
    int chunksInUse() {
        return chunksUsed - freeChunks;
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
        int slot = -1;
        try {
            while (entries > 0) {
                if (bucketCount[0] > 0) {
                    slot = takeFirst();
                } else {
                    int b = Long.numberOfTrailingZeros(nonEmpty);
                    if (bucketMin[b] > endNanos) {
                        break; // the base stays <= now: later schedules may still come before it
                    }
                    if (bucketCount[b] == 1) {
                        slot = takeOnly(b); // sparse queues: no detour through bucket 0
                    } else {
                        redistribute(b);
                        slot = takeFirst();
                    }
                }
                Runnable action = actions[slot];
                if (action == null) { // cancelled: its slot is free only now that its entry is gone
                    deadEntries--;
                    pushFree(slot);
                    slot = -1;
                    continue;
                }
                generations[slot]++; // the handle goes stale; the action stays for a successor
                pushFree(slot);
                now = base;
                executed++;
                action.run();
                dropUnclaimedAction(slot);
                slot = -1;
                if (stopRequested) {
                    return false;
                }
            }
            return true;
        } finally {
            if (slot >= 0) { // the event threw
                dropUnclaimedAction(slot);
            }
            if (entries == 0) {
                base = now; // a run of cancelled entries may have moved the base past the clock
            }
            running = false;
            stopRequested = false;
        }
    }

    /**
     * After an event returns: if no successor took its slot (it is still on top of the free
     * stack), clear the action so the slot does not keep it reachable.
     */
    private void dropUnclaimedAction(int slot) {
        if (freeCount > 0 && freeSlots[freeCount - 1] == slot) {
            actions[slot] = null;
        }
    }

    private static int bucketOf(long time, long base) {
        return 64 - Long.numberOfLeadingZeros(time ^ base);
    }

    /** Appends (time, slot) to bucket b; the caller guarantees a free chunk. */
    private void append(int b, long time, int slot) {
        int pos;
        int n = bucketCount[b];
        if (n == 0) {
            pos = takeChunk() << CHUNK_SHIFT;
            bucketHead[b] = pos;
            bucketMin[b] = time;
            nonEmpty |= 1L << b;
        } else {
            pos = bucketTail[b];
            if ((pos & CHUNK_MASK) == 0) { // the tail chunk is full
                int c = takeChunk();
                nextChunk[(pos - 1) >> CHUNK_SHIFT] = c;
                pos = c << CHUNK_SHIFT;
            }
            if (time < bucketMin[b]) {
                bucketMin[b] = time;
            }
        }
        entryTimes[pos] = time;
        entrySlots[pos] = slot;
        bucketTail[b] = pos + 1;
        bucketCount[b] = n + 1;
    }

    /** Removes the first entry of bucket 0 (whose time is the base) and returns its slot. */
    private int takeFirst() {
        int pos = bucketHead[0];
        int slot = entrySlots[pos];
        entries--;
        if (--bucketCount[0] == 0) {
            releaseChunk(pos >> CHUNK_SHIFT);
            nonEmpty &= ~1L;
        } else {
            pos++;
            if ((pos & CHUNK_MASK) == 0) {
                int c = (pos - 1) >> CHUNK_SHIFT;
                pos = nextChunk[c] << CHUNK_SHIFT;
                releaseChunk(c);
            }
            bucketHead[0] = pos;
        }
        return slot;
    }

    /** Removes the single entry of bucket b, the earliest of all, making its time the base. */
    private int takeOnly(int b) {
        int pos = bucketHead[b];
        base = bucketMin[b];
        bucketCount[b] = 0;
        nonEmpty &= ~(1L << b);
        releaseChunk(pos >> CHUNK_SHIFT);
        entries--;
        return entrySlots[pos];
    }

    /**
     * Empties bucket b (b &gt; 0, every bucket below it empty) into the buckets below it, relative to
     * its smallest time, which becomes the base.
     *
     * <p>A small bucket (the common case with few pending events) goes through {@link #append}, in
     * a method small enough for the JIT to inline into the loop. A large one goes through
     * {@link #redistributeLarge}, which keeps every array and the free list in locals: left to
     * inlining, Java 25's C2 compiled that loop with the fields re-read and spilled on every entry
     * and ran the hold model 25-35% slower than Java 17 did; written out, both run it alike.
     */
    private void redistribute(int b) {
        int n = bucketCount[b];
        // Targets take at most one chunk each beyond those this bucket gives back as it is read
        // (its head is at a chunk start), so b + 1 free chunks mean no growth mid-loop.
        if (freeChunks <= b) {
            growChunks(b + 1);
        }
        if (n > SMALL_BUCKET) {
            redistributeLarge(b, n);
            return;
        }
        long newBase = bucketMin[b];
        base = newBase;
        bucketCount[b] = 0;
        nonEmpty &= ~(1L << b);
        int pos = bucketHead[b]; // n <= SMALL_BUCKET < CHUNK, from a chunk start: one chunk
        for (int k = 0; k < n; k++) {
            long t = entryTimes[pos + k];
            append(bucketOf(t, newBase), t, entrySlots[pos + k]);
        }
        releaseChunk(pos >> CHUNK_SHIFT);
    }

    /** {@link #redistribute} of a bucket of more than {@value #SMALL_BUCKET} entries: append, by hand. */
    private void redistributeLarge(int b, int n) {
        long newBase = bucketMin[b];
        base = newBase;
        bucketCount[b] = 0;
        long[] times = entryTimes;
        int[] slots = entrySlots;
        int[] links = nextChunk;
        int[] heads = bucketHead;
        int[] tails = bucketTail;
        int[] counts = bucketCount;
        long[] mins = bucketMin;
        long occupied = nonEmpty & ~(1L << b);
        int free = freeChunk;
        int taken = 0;
        int pos = bucketHead[b];
        for (int k = 0; k < n; k++) {
            if ((pos & CHUNK_MASK) == 0 && k > 0) {
                int c = (pos - 1) >> CHUNK_SHIFT;
                pos = links[c] << CHUNK_SHIFT;
                links[c] = free; // read through: targets may reuse it at once
                free = c;
                taken--;
            }
            long t = times[pos];
            int slot = slots[pos];
            pos++;
            int target = bucketOf(t, newBase);
            int count = counts[target];
            int at;
            if (count == 0) {
                at = free << CHUNK_SHIFT;
                free = links[free];
                taken++;
                heads[target] = at;
                mins[target] = t;
                occupied |= 1L << target;
            } else {
                at = tails[target];
                if ((at & CHUNK_MASK) == 0) { // the tail chunk is full
                    links[(at - 1) >> CHUNK_SHIFT] = free;
                    at = free << CHUNK_SHIFT;
                    free = links[free];
                    taken++;
                }
                mins[target] = Math.min(mins[target], t);
            }
            times[at] = t;
            slots[at] = slot;
            tails[target] = at + 1;
            counts[target] = count + 1;
        }
        int last = (pos - 1) >> CHUNK_SHIFT;
        links[last] = free;
        freeChunk = last;
        nonEmpty = occupied;
        freeChunks -= taken - 1;
    }

    private int takeChunk() {
        int c = freeChunk;
        freeChunk = nextChunk[c];
        freeChunks--;
        return c;
    }

    private void releaseChunk(int c) {
        nextChunk[c] = freeChunk;
        freeChunk = c;
        freeChunks++;
    }

    /** Makes at least {@code needed} chunks free, doubling the pool. */
    private void growChunks(int needed) {
        int old = chunksUsed;
        int capacity = Math.max(newCapacity(old, MAX_CHUNKS), old + needed);
        if (capacity > MAX_CHUNKS) {
            throw new IllegalStateException("too many pending events: " + entries);
        }
        entryTimes = Arrays.copyOf(entryTimes, capacity << CHUNK_SHIFT);
        entrySlots = Arrays.copyOf(entrySlots, capacity << CHUNK_SHIFT);
        nextChunk = Arrays.copyOf(nextChunk, capacity);
        for (int c = capacity - 1; c >= old; c--) {
            releaseChunk(c);
        }
        chunksUsed = capacity;
    }

    /**
     * Drops every cancelled entry, freeing their slots: each bucket is filtered in place (the
     * write position trails the read position along the bucket's own chunks), so its order holds.
     */
    private void compact() {
        long[] times = entryTimes;
        int[] slots = entrySlots;
        for (int b = 0; b < BUCKETS; b++) {
            int n = bucketCount[b];
            if (n == 0) {
                continue;
            }
            int read = bucketHead[b];
            int write = read;
            int kept = 0;
            long min = Long.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                if ((read & CHUNK_MASK) == 0 && k > 0) {
                    read = nextChunk[(read - 1) >> CHUNK_SHIFT] << CHUNK_SHIFT;
                }
                long t = times[read];
                int slot = slots[read];
                read++;
                if (actions[slot] == null) {
                    pushFree(slot);
                    continue;
                }
                if ((write & CHUNK_MASK) == 0 && kept > 0) {
                    write = nextChunk[(write - 1) >> CHUNK_SHIFT] << CHUNK_SHIFT;
                }
                times[write] = t;
                slots[write] = slot;
                write++;
                kept++;
                min = Math.min(min, t);
            }
            // Give back the chunks after the last one written (all of them if nothing was kept),
            // up to the last one read; the chain's last link holds no meaning, so stop there.
            int lastRead = (read - 1) >> CHUNK_SHIFT;
            int c;
            if (kept == 0) {
                c = bucketHead[b] >> CHUNK_SHIFT;
            } else {
                int lastWritten = (write - 1) >> CHUNK_SHIFT;
                c = lastWritten == lastRead ? NO_CHUNK : nextChunk[lastWritten];
            }
            while (c != NO_CHUNK) {
                int next = c == lastRead ? NO_CHUNK : nextChunk[c];
                releaseChunk(c);
                c = next;
            }
            bucketCount[b] = kept;
            bucketTail[b] = write;
            bucketMin[b] = min;
            if (kept == 0) {
                nonEmpty &= ~(1L << b);
            }
            entries -= n - kept;
        }
        deadEntries = 0;
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
