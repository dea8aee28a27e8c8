package dev.wgsim.engine.trace;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Drop counts keyed by a reason string. The engine defines no reasons itself: the network uses
 * its own (e.g. {@code loss}, {@code queue_full}), WireGuard's are prefixed {@code wg.}. The
 * increment path does one hash lookup and no allocation after a reason's first drop.
 */
public final class DropCounters {

    private final Map<String, long[]> counts = new HashMap<>();

    /** Counts one drop for {@code reason}. */
    public void increment(String reason) {
        add(reason, 1);
    }

    /** Counts {@code n >= 0} drops for {@code reason}. */
    public void add(String reason, long n) {
        Objects.requireNonNull(reason, "reason");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        long[] cell = counts.get(reason);
        if (cell == null) {
            cell = new long[1];
            counts.put(reason, cell);
        }
        cell[0] += n;
    }

    /** Drops counted for {@code reason} (0 if none). */
    public long count(String reason) {
        long[] cell = counts.get(reason);
        return cell == null ? 0 : cell[0];
    }

    /** All drops. */
    public long total() {
        long sum = 0;
        for (long[] cell : counts.values()) {
            sum += cell[0];
        }
        return sum;
    }

    /** An unmodifiable copy, sorted by reason (the order summary.json uses). */
    public SortedMap<String, Long> snapshot() {
        TreeMap<String, Long> copy = new TreeMap<>();
        counts.forEach((reason, cell) -> copy.put(reason, cell[0]));
        return Collections.unmodifiableSortedMap(copy);
    }
}
