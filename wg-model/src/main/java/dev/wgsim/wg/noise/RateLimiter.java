package dev.wgsim.wg.noise;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Per-source-address token bucket for handshakes under load (wireguard-go ratelimiter): 20
 * messages per second, burst 5, keyed by the full source IP (v4 or v6). Entries idle for more
 * than a second are swept lazily; time is passed in.
 */
public final class RateLimiter {
    public static final int PACKETS_PER_SECOND = 20;
    public static final int PACKETS_BURSTABLE = 5;
    private static final long PACKET_COST = 1_000_000_000L / PACKETS_PER_SECOND;
    private static final long MAX_TOKENS = PACKET_COST * PACKETS_BURSTABLE;
    private static final long IDLE_NANOS = 1_000_000_000L;

    private record Source(long hi, long lo, int length) {}

    private static final class Bucket {
        long tokens;
        long lastNanos;
    }

    private final Map<Source, Bucket> buckets = new HashMap<>();
    private long lastSweepNanos = Long.MIN_VALUE;

    /** True when a message from {@code address} may be processed now. */
    public boolean allow(byte[] address, long nowNanos) {
        sweep(nowNanos);
        Source key = keyOf(address);
        Bucket b = buckets.get(key);
        if (b == null) {
            b = new Bucket();
            b.tokens = MAX_TOKENS - PACKET_COST;
            b.lastNanos = nowNanos;
            buckets.put(key, b);
            return true;
        }
        b.tokens = Math.min(MAX_TOKENS, b.tokens + Math.max(0, nowNanos - b.lastNanos));
        b.lastNanos = nowNanos;
        // wireguard-go tests "> cost", but wall time always advances a few ns between packets;
        // at one virtual instant ">=" is what yields the documented burst of 5.
        if (b.tokens >= PACKET_COST) {
            b.tokens -= PACKET_COST;
            return true;
        }
        return false;
    }

    public int trackedSources() {
        return buckets.size();
    }

    private void sweep(long nowNanos) {
        if (lastSweepNanos != Long.MIN_VALUE && nowNanos - lastSweepNanos < IDLE_NANOS) {
            return;
        }
        lastSweepNanos = nowNanos;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (nowNanos - it.next().lastNanos > IDLE_NANOS) {
                it.remove();
            }
        }
    }

    private static Source keyOf(byte[] a) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < a.length; i++) {
            if (i < 8) {
                hi = hi << 8 | (a[i] & 0xff);
            } else {
                lo = lo << 8 | (a[i] & 0xff);
            }
        }
        return new Source(hi, lo, a.length);
    }
}
