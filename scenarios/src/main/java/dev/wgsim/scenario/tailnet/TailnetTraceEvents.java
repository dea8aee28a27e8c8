package dev.wgsim.scenario.tailnet;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** The {@code tailnet.*} trace events of docs/results-format.md. */
final class TailnetTraceEvents {
    private TailnetTraceEvents() {}

    /** Control logged a node in (first login or re-authentication) with its addresses. */
    record Registered(long timeNanos, String node, String addresses, boolean reauth) implements TraceEvent {
        public String kind() { return "tailnet.control.registered"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("addresses", addresses).put("reauth", reauth);
        }
    }

    /** Control refused a login. */
    record Refused(long timeNanos, String node, String reason) implements TraceEvent {
        public String kind() { return "tailnet.control.refused"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("reason", reason);
        }
    }

    /** A node changed at control (joined, endpoints, disco key, node key, expired, removed). */
    record Changed(long timeNanos, String node, String what) implements TraceEvent {
        public String kind() { return "tailnet.control.changed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("what", what);
        }
    }

    /** A batch of changes went out to the streaming sessions. */
    record Flushed(long timeNanos, int changes, int sessions) implements TraceEvent {
        public String kind() { return "tailnet.control.flushed"; }

        public void writeFields(JsonFields o) {
            o.put("changes", changes).put("sessions", sessions);
        }
    }

    /** A device's control connection came up or went down. */
    record ControlLink(long timeNanos, String node, boolean up, String reason) implements TraceEvent {
        public String kind() { return up ? "tailnet.control.connected" : "tailnet.control.disconnected"; }

        public void writeFields(JsonFields o) {
            o.put("node", node);
            if (!up) {
                o.put("reason", reason);
            }
        }
    }

    /** A device applied a netmap change about {@code peer}: added, changed, expired or removed. */
    record NetmapPeer(long timeNanos, String node, String peer, String what) implements TraceEvent {
        public String kind() { return "tailnet.netmap.peer"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("what", what);
        }
    }

    /** Packets from {@code node} to {@code peer} now take path {@code to} (relayed, direct, local, none). */
    record Path(long timeNanos, String node, String peer, String from, String to, String endpoint, int region,
                double latencyMs) implements TraceEvent {
        public String kind() { return "tailnet.path"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("from", from).put("to", to).put("endpoint", endpoint)
                    .put("region", region).put("latency_ms", latencyMs);
        }
    }

    /** A CallMeMaybe went out through DERP, or came in. */
    record CallMeMaybe(long timeNanos, String node, String peer, boolean sent, int endpoints) implements TraceEvent {
        public String kind() { return sent ? "tailnet.disco.call_me_maybe.sent" : "tailnet.disco.call_me_maybe.received"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("endpoints", endpoints);
        }
    }

    /** A device learned its endpoints (local, port-mapped, STUN-reflexive). */
    record Endpoints(long timeNanos, String node, String endpoints) implements TraceEvent {
        public String kind() { return "tailnet.endpoints"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("endpoints", endpoints);
        }
    }

    /** magicsock dropped a datagram (disco, unknown source, no path), by reason. */
    record Dropped(long timeNanos, String node, String peer, String reason, int length) implements TraceEvent {
        public String kind() { return "tailnet.dropped"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("reason", reason).put("length", length);
        }
    }
}
