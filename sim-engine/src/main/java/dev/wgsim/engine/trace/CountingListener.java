package dev.wgsim.engine.trace;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts events by kind, and by (kind, reason) for events that carry a {@code reason} field
 * (drops). Useful for run summaries and for tests that assert "exactly n packets were dropped for
 * queue_full".
 */
public final class CountingListener implements TraceListener {

    private final Map<String, long[]> byKind = new HashMap<>();
    private final Map<String, DropCounters> reasonsByKind = new HashMap<>();
    private long total;

    @Override
    public void onEvent(TraceEvent event) {
        String kind = event.kind();
        byKind.computeIfAbsent(kind, k -> new long[1])[0]++;
        total++;
        JsonFields reason = JsonFields.capturing("reason");
        event.writeFields(reason);
        if (reason.found()) {
            String r = reason.captured();
            reasonsByKind.computeIfAbsent(kind, k -> new DropCounters()).increment(r == null ? "null" : r);
        }
    }

    /** Events of {@code kind} seen. */
    public long count(String kind) {
        long[] cell = byKind.get(kind);
        return cell == null ? 0 : cell[0];
    }

    /** Events of {@code kind} whose {@code reason} field was {@code reason}. */
    public long count(String kind, String reason) {
        DropCounters counters = reasonsByKind.get(kind);
        return counters == null ? 0 : counters.count(reason);
    }

    /** All events seen. */
    public long total() {
        return total;
    }

    /** Counts by kind, sorted by kind. */
    public SortedMap<String, Long> byKind() {
        TreeMap<String, Long> copy = new TreeMap<>();
        byKind.forEach((kind, cell) -> copy.put(kind, cell[0]));
        return Collections.unmodifiableSortedMap(copy);
    }

    /** Counts by reason for events of {@code kind}, sorted by reason. */
    public SortedMap<String, Long> reasons(String kind) {
        DropCounters counters = reasonsByKind.get(kind);
        return counters == null ? Collections.emptySortedMap() : counters.snapshot();
    }
}
