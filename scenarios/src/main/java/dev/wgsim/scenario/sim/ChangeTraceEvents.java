package dev.wgsim.scenario.sim;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/**
 * The trace events of run-time changes made through {@link Simulation}'s API (docs/results-format.md),
 * so the event log shows when a node, interface, peer, key or flow came or went. Keys are public
 * keys in base64; a private key never reaches the log.
 */
final class ChangeTraceEvents {
    private ChangeTraceEvents() {
    }

    record NodeAdded(long timeNanos, String node, String link, String attachedTo) implements TraceEvent {
        public String kind() { return "node.added"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("link", link).put("to", attachedTo);
        }
    }

    record NodeRemoved(long timeNanos, String node) implements TraceEvent {
        public String kind() { return "node.removed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node);
        }
    }

    record InterfaceAdded(long timeNanos, String node, String iface, String publicKey, int listenPort) implements TraceEvent {
        public String kind() { return "wg.interface.added"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("iface", iface).put("public_key", publicKey).put("listen_port", listenPort);
        }
    }

    record InterfaceRemoved(long timeNanos, String node, String iface) implements TraceEvent {
        public String kind() { return "wg.interface.removed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("iface", iface);
        }
    }

    /** {@code wg.peer.added} or {@code wg.peer.updated}: the peer's settings as they now stand. */
    record PeerSet(long timeNanos, boolean added, String node, String peer, String publicKey, String allowedIps,
            String endpoint, int persistentKeepalive) implements TraceEvent {
        public String kind() { return added ? "wg.peer.added" : "wg.peer.updated"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("public_key", publicKey).put("allowed_ips", allowedIps)
                    .put("endpoint", endpoint).put("persistent_keepalive", persistentKeepalive);
        }
    }

    record PeerRemoved(long timeNanos, String node, String peer) implements TraceEvent {
        public String kind() { return "wg.peer.removed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer);
        }
    }

    record KeyChanged(long timeNanos, String node, String publicKey) implements TraceEvent {
        public String kind() { return "wg.key.changed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("public_key", publicKey);
        }
    }

    record TrafficAdded(long timeNanos, String flow, String from, String to) implements TraceEvent {
        public String kind() { return "traffic.added"; }

        public void writeFields(JsonFields o) {
            o.put("flow", flow).put("from", from).put("to", to);
        }
    }

    record TrafficRemoved(long timeNanos, String flow) implements TraceEvent {
        public String kind() { return "traffic.removed"; }

        public void writeFields(JsonFields o) {
            o.put("flow", flow);
        }
    }

    record TrafficState(long timeNanos, String flow, boolean running) implements TraceEvent {
        public String kind() { return "traffic.state"; }

        public void writeFields(JsonFields o) {
            o.put("flow", flow).put("running", running);
        }
    }
}
