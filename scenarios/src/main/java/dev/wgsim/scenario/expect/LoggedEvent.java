package dev.wgsim.scenario.expect;

import java.util.Map;

/**
 * One remembered trace event: its virtual time, kind and fields as their JSON text (strings
 * unquoted), in the order the event wrote them, plus the events.jsonl line it was rendered as.
 */
public record LoggedEvent(long t, String kind, Map<String, String> fields, String json) implements EventView {
    public LoggedEvent {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A field's value, or the empty string when the event has none. */
    @Override
    public String field(String key) {
        String v = fields.get(key);
        return v == null ? "" : v;
    }

    /** The node an event is about: {@code node}, else the NAT or link that emitted it. */
    @Override
    public String subject() {
        return EventView.super.subject();
    }

    @Override
    public LoggedEvent keep() {
        return this;
    }

    /** {@code 95.102345s  wg.handshake.initiated  node=phone peer=server retry=true attempt=20} */
    public String describe() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(TimeText.seconds(t)).append("  ").append(kind);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            sb.append(' ').append(f.getKey()).append('=').append(f.getValue());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
