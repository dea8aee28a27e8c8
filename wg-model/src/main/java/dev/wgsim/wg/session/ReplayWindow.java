package dev.wgsim.wg.session;

import java.util.Arrays;

/**
 * The RFC 6479 sliding-window replay filter used by WireGuard (WIREGUARD.md §6): a ring of 128
 * blocks of 64 bits, of which one block is always "in flight", so the usable window is 8128
 * counters behind the highest one accepted.
 *
 * <p>Counters are unsigned 64-bit values carried in a {@code long}. Call {@link #accept} only after
 * the packet's AEAD tag verified: an unauthenticated counter must never move the window.
 * Not thread-safe; one instance per keypair.
 */
public final class ReplayWindow {

    /** wireguard-go / whitepaper: 2^64 - 2^13 - 1, i.e. -8193 as a signed long. */
    public static final long REJECT_AFTER_MESSAGES = -(1L << 13) - 1;

    /** Counters older than {@code last - WINDOW_SIZE} are rejected. */
    public static final int WINDOW_SIZE = 8128;

    private static final int BLOCK_BITS_LOG = 6;
    private static final int BLOCK_BIT_MASK = (1 << BLOCK_BITS_LOG) - 1;
    private static final int RING_BLOCKS = 128;
    private static final int RING_MASK = RING_BLOCKS - 1;

    private final long rejectLimit;
    private final long[] ring = new long[RING_BLOCKS];
    private long last;

    /** A window that rejects counters at or above {@link #REJECT_AFTER_MESSAGES}. */
    public ReplayWindow() {
        this(REJECT_AFTER_MESSAGES);
    }

    /**
     * @param rejectLimit unsigned: counters {@code >= rejectLimit} are always rejected (the
     *     kernel uses 2^64 - 8130; scenarios may lower it to exercise key exhaustion)
     */
    public ReplayWindow(long rejectLimit) {
        if (rejectLimit == 0) {
            throw new IllegalArgumentException("rejectLimit must be > 0 (unsigned), got 0");
        }
        this.rejectLimit = rejectLimit;
    }

    /** The unsigned limit this window was built with. */
    public long rejectLimit() {
        return rejectLimit;
    }

    /** The highest counter accepted so far (unsigned; 0 before any). */
    public long last() {
        return last;
    }

    /**
     * Checks a counter and records it.
     *
     * @param counter unsigned 64-bit counter from an authenticated transport packet
     * @return true exactly once per counter inside the window; false for replays, counters too
     *     far behind the newest, and counters at or beyond the reject limit
     */
    public boolean accept(long counter) {
        if (Long.compareUnsigned(counter, rejectLimit) >= 0) {
            return false;
        }
        long block = counter >>> BLOCK_BITS_LOG;
        if (Long.compareUnsigned(counter, last) > 0) {
            long current = last >>> BLOCK_BITS_LOG;
            // Both block numbers are < 2^58, so the plain subtraction cannot wrap.
            long advance = Math.min(block - current, RING_BLOCKS);
            for (long i = 1; i <= advance; i++) {
                ring[(int) ((current + i) & RING_MASK)] = 0;
            }
            last = counter;
        } else if (Long.compareUnsigned(last - counter, WINDOW_SIZE) > 0) {
            return false;
        }
        int index = (int) (block & RING_MASK);
        long bit = 1L << (counter & BLOCK_BIT_MASK);
        long old = ring[index];
        if ((old & bit) != 0) {
            return false;
        }
        ring[index] = old | bit;
        return true;
    }

    /** Forgets every counter: the state of a fresh window. */
    public void reset() {
        last = 0;
        Arrays.fill(ring, 0);
    }
}
