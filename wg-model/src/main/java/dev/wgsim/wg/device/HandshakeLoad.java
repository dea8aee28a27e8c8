package dev.wgsim.wg.device;

/**
 * The "under load" model of §4.3. Handshake messages (and cookie replies) enter a bounded queue
 * that drains at one message per {@code costNanos} of modelled CPU; the device is under load while
 * the queue holds at least 1/8 of its capacity and for {@code underLoadAfter} after that was last
 * seen (wireguard-go IsUnderLoad). A full queue drops. Messages are still processed at once: the
 * model decides admission and mac2 enforcement, it does not delay replies. A scenario may force
 * the state on.
 */
final class HandshakeLoad {
    private final int capacity;
    private final long costNanos;
    private final long underLoadAfter;
    private long busyUntil = Long.MIN_VALUE;
    private long underLoadUntil = Long.MIN_VALUE;
    private boolean forced;

    HandshakeLoad(int capacity, long costNanos, long underLoadAfter) {
        this.capacity = capacity;
        this.costNanos = costNanos;
        this.underLoadAfter = underLoadAfter;
    }

    void force(boolean on) {
        forced = on;
    }

    /** Messages waiting at {@code now}. */
    int queueLength(long now) {
        if (costNanos == 0 || busyUntil <= now) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (busyUntil - now + costNanos - 1) / costNanos);
    }

    /** Enqueues one message; false when the queue is full. */
    boolean admit(long now) {
        if (queueLength(now) >= capacity) {
            return false;
        }
        if (costNanos > 0) {
            busyUntil = Math.max(now, busyUntil) + costNanos;
        }
        return true;
    }

    boolean underLoad(long now) {
        if (forced) {
            return true;
        }
        if (queueLength(now) >= capacity / 8) {
            underLoadUntil = now + underLoadAfter;
            return true;
        }
        return underLoadUntil > now;
    }
}
