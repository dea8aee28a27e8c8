package dev.wgsim.scenario.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one run that expectations and golden traces look at: every event except the
 * per-packet ones is kept whole (as it appears in events.jsonl); per-packet events
 * ({@code packet.*}, {@code flow.delivered}, {@code ping.reply}) are only counted by kind, node
 * and reason, because a long run has millions of them. Its memory grows with the run: it is for
 * tests that evaluate more expectations after a run ({@code ScenarioRun}); {@code wgsim run}
 * evaluates its expectations as the run goes ({@link ExpectationWatch}) and keeps none of this.
 */
public final class RunEvents implements TraceListener {
    /**
     * Only {@link #add} parses JSON: the mapper is made on its first use, not when a run's first
     * event calls {@link #perPacket} (Jackson's set-up took about 45 ms there, inside the event loop).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final List<LoggedEvent> events = new ArrayList<>();
    private final Map<PacketKey, long[]> packetCounts = new HashMap<>();

    /** What per-packet events are counted by: kind, node (or link) and reason, "" when absent. */
    private record PacketKey(String kind, String who, String reason) {}

    /** Per-packet kinds, which are counted rather than kept. */
    public static boolean perPacket(String kind) {
        return kind.startsWith("packet.") || kind.equals("flow.delivered") || kind.equals("ping.reply");
    }

    @Override
    public void onEvent(TraceEvent e) {
        String kind = e.kind();
        if (perPacket(kind)) {
            String who = capture(e, "node");
            PacketKey key = new PacketKey(kind, who.isEmpty() ? capture(e, "link") : who, capture(e, "reason"));
            long[] n = packetCounts.get(key);
            if (n == null) {
                packetCounts.put(key, n = new long[1]);
            }
            n[0]++;
            return;
        }
        // Typed: the fields as the event writes them (the text a JSON parser would read back from
        // its line), no parse of the line just rendered.
        Map<String, String> fields = new LinkedHashMap<>();
        e.writeFields(JsonFields.collecting(fields));
        fields.remove("t");
        fields.remove("kind");
        events.add(new LoggedEvent(e.timeNanos(), kind, fields, JsonLines.toJson(e)));
    }

    /** Adds one events.jsonl line (how golden traces and tests feed events that did not come from a run). */
    public void add(String jsonLine) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(jsonLine);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalArgumentException("not a JSON event line: " + jsonLine, ex);
        }
        if (!n.isObject() || !n.has("t") || !n.has("kind")) {
            throw new IllegalArgumentException("an event line needs \"t\" and \"kind\": " + jsonLine);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("t") && !f.getKey().equals("kind")) {
                fields.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        events.add(new LoggedEvent(n.get("t").asLong(), n.get("kind").asText(), fields, jsonLine));
    }

    private static String capture(TraceEvent e, String key) {
        String v = e.field(key);
        return v == null ? "" : v;
    }

    /** The kept events in the order they happened. */
    public List<LoggedEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** The WireGuard protocol events ({@code wg.*}) only: what golden traces compare. */
    public List<LoggedEvent> protocolEvents() {
        return events.stream().filter(e -> e.kind().startsWith("wg.")).toList();
    }

    /** Per-packet events of {@code kind}, optionally only at a node (or link) and with a reason (empty = any). */
    public long packetCount(String kind, String node, String reason) {
        long n = 0;
        for (Map.Entry<PacketKey, long[]> c : packetCounts.entrySet()) {
            PacketKey k = c.getKey();
            if (k.kind().equals(kind) && (node.isEmpty() || k.who().equals(node)) && (reason.isEmpty() || k.reason().equals(reason))) {
                n += c.getValue()[0];
            }
        }
        return n;
    }
}
