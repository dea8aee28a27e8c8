package dev.wgsim.scenario.sim;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** The {@code wg.*} trace events of docs/results-format.md, one record per kind. */
final class WgTraceEvents {
    private WgTraceEvents() {
    }

    /** Common shape: who ({@code node}) saw what about whom ({@code peer}). */
    interface WgTrace extends TraceEvent {
        String node();

        String peer();
    }

    record HandshakeInitiated(long timeNanos, String node, String peer, boolean retry, int attempt) implements WgTrace {
        public String kind() { return "wg.handshake.initiated"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("retry", retry).put("attempt", attempt);
        }
    }

    record HandshakeCompleted(long timeNanos, String node, String peer, String role) implements WgTrace {
        public String kind() { return "wg.handshake.completed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("role", role);
        }
    }

    record SessionDerived(long timeNanos, String node, String peer, String role, long localIndex) implements WgTrace {
        public String kind() { return "wg.session.derived"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("role", role).put("local_index", localIndex);
        }
    }

    record KeypairRotated(long timeNanos, String node, String peer, boolean rekey, String role) implements WgTrace {
        public String kind() { return "wg.keypair.rotated"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("rekey", rekey).put("role", role);
        }
    }

    record EndpointChanged(long timeNanos, String node, String peer, String oldEndpoint, String newEndpoint) implements WgTrace {
        public String kind() { return "wg.endpoint.changed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("old", oldEndpoint).put("new", newEndpoint);
        }
    }

    record KeysZeroed(long timeNanos, String node, String peer) implements WgTrace {
        public String kind() { return "wg.keys.zeroed"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer);
        }
    }

    record GaveUp(long timeNanos, String node, String peer, int attempts, int droppedPackets) implements WgTrace {
        public String kind() { return "wg.handshake.gave_up"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("attempts", attempts).put("dropped_packets", droppedPackets);
        }
    }

    record CookieSent(long timeNanos, String node, String peer, String to) implements WgTrace {
        public String kind() { return "wg.cookie.sent"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("to", to);
        }
    }

    record CookieReceived(long timeNanos, String node, String peer) implements WgTrace {
        public String kind() { return "wg.cookie.received"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer);
        }
    }

    record KeepaliveSent(long timeNanos, String node, String peer, boolean persistent) implements WgTrace {
        public String kind() { return "wg.keepalive.sent"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("persistent", persistent);
        }
    }

    record Dropped(long timeNanos, String node, String peer, String reason, int bytes) implements WgTrace {
        public String kind() { return "wg.dropped"; }

        public void writeFields(JsonFields o) {
            o.put("node", node).put("peer", peer).put("reason", reason).put("bytes", bytes);
        }
    }
}
