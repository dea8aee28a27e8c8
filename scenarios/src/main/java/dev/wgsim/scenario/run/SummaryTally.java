package dev.wgsim.scenario.run;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the run's events for summary.json: every kind (per-packet ones included when it is
 * subscribed for them), per-packet drops by reason, completed handshakes by initiators and rekeys
 * by initiators. It keeps no event, so its memory does not grow with the run.
 */
public final class SummaryTally implements TraceListener {
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, long[]> reasonCounts = new HashMap<>();
    private long completedAsInitiator;
    private long rekeysAsInitiator;

    @Override
    public void onEvent(TraceEvent e) {
        String kind = e.kind();
        counts.computeIfAbsent(kind, k -> new long[1])[0]++;
        switch (kind) {
            case "packet.dropped" -> reasonCounts.computeIfAbsent(kind + "/" + field(e, "reason"), k -> new long[1])[0]++;
            case "wg.handshake.completed" -> {
                if (field(e, "role").equals("initiator")) {
                    completedAsInitiator++;
                }
            }
            case "wg.keypair.rotated" -> {
                if (field(e, "rekey").equals("true") && field(e, "role").equals("initiator")) {
                    rekeysAsInitiator++;
                }
            }
            default -> {
            }
        }
    }

    private static String field(TraceEvent e, String key) {
        String v = e.field(key);
        return v == null ? "" : v;
    }

    public long count(String kind) {
        long[] c = counts.get(kind);
        return c == null ? 0 : c[0];
    }

    /** Per-packet drop events by network reason. */
    public long packetDrops(String reason) {
        long[] c = reasonCounts.get("packet.dropped/" + reason);
        return c == null ? 0 : c[0];
    }

    /** Handshakes completed, counted once per handshake: at its initiator. */
    public long handshakesCompleted() {
        return completedAsInitiator;
    }

    /** Keypair rotations that were rekeys, counted at the initiator. */
    public long rekeys() {
        return rekeysAsInitiator;
    }
}
