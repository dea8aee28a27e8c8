package dev.wgsim.scenario.run;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the run's protocol-level events in memory (every kind except per-packet ones), with the
 * fields expectations filter on, and counts every kind (with reasons) including per-packet ones.
 */
public final class SummaryTally implements TraceListener {
    /** One remembered event; absent fields are empty strings. */
    public record Entry(long t, String kind, String node, String peer, String reason, String value) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, long[]> reasonCounts = new HashMap<>();

    @Override
    public void onEvent(TraceEvent e) {
        String kind = e.kind();
        counts.computeIfAbsent(kind, k -> new long[1])[0]++;
        boolean perPacket = kind.startsWith("packet.") || kind.equals("flow.delivered") || kind.equals("ping.reply");
        if (perPacket) {
            if (kind.equals("packet.dropped")) {
                reasonCounts.computeIfAbsent(kind + "/" + field(e, "reason"), k -> new long[1])[0]++;
            }
            return;
        }
        String value = switch (kind) {
            case "wg.endpoint.changed", "host.address.changed" -> field(e, "new");
            case "wg.handshake.completed", "wg.session.derived" -> field(e, "role");
            case "wg.keypair.rotated" -> field(e, "rekey") + "/" + field(e, "role");
            case "wg.keepalive.sent" -> field(e, "persistent");
            default -> "";
        };
        String node = field(e, "node");
        if (node.isEmpty()) {
            node = field(e, "nat").isEmpty() ? field(e, "link") : field(e, "nat");
        }
        entries.add(new Entry(e.timeNanos(), kind, node, field(e, "peer"), field(e, "reason"), value));
    }

    private static String field(TraceEvent e, String key) {
        String v = e.field(key);
        return v == null ? "" : v;
    }

    public List<Entry> entries() {
        return java.util.Collections.unmodifiableList(entries);
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

    public long count(String kind, java.util.function.Predicate<Entry> filter) {
        return entries.stream().filter(x -> x.kind().equals(kind) && filter.test(x)).count();
    }
}
