package dev.wgsim.scenario.demo;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts one trace event into plain words for the log: what wg0 saw, in the vocabulary of the
 * WireGuard whitepaper. Returns null for events the log leaves out. It reads the event's typed
 * fields as they are written (the same values events.jsonl holds), without a JSON round trip.
 */
final class EventWording {
    private EventWording() {
    }

    /** One event's kind and fields, each as the text events.jsonl gives it; absent fields read "", 0, false. */
    record Fields(String kind, Map<String, String> values) {
        static Fields of(TraceEvent e) {
            Map<String, String> v = new HashMap<>();
            e.writeFields(JsonFields.collecting(v));
            return new Fields(e.kind(), v);
        }

        String text(String key) {
            return key.equals("kind") ? kind : values.getOrDefault(key, "");
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        int integer(String key) {
            try {
                return Integer.parseInt(values.getOrDefault(key, "0"));
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        boolean bool(String key) {
            return "true".equals(values.get(key));
        }
    }

    /** What the wording needs to know beyond the event itself. */
    interface Context {
        /** The inner source of the demo packet now in flight from {@code peer}, or null. */
        String innerSourceFrom(String peer);

        /** wg0's current sending key for {@code peer}, shortened, or null. */
        String shortKey(String peer);
    }

    /** A log line: kind and text. */
    record Line(String kind, String text) {}

    static Line describe(Fields e, String wgNode, Context ctx) {
        String kind = e.text("kind");
        String node = e.text("node");
        String peer = e.text("peer");
        if (kind.equals("packet.dropped")) {
            String where = e.has("link") ? "link " + e.text("link") : e.text("node");
            return new Line("netdrop", "network dropped a packet " + e.text("src") + " → "
                    + e.text("dst") + " at " + where + ": " + networkReason(e.text("reason")));
        }
        if (!kind.startsWith("wg.") || !node.equals(wgNode)) {
            return null;
        }
        return switch (kind) {
            case "wg.handshake.initiated" -> new Line("initiation", e.bool("retry")
                    ? "handshake initiation to " + peer + " (retry " + e.integer("attempt") + ", no response within 5 s)"
                    : "handshake initiation to " + peer + " (message 1 of 2, 148 bytes)");
            case "wg.session.derived" -> new Line("session", e.text("role").equals("initiator")
                    ? "handshake response from " + peer + " accepted: transport keys derived"
                    : "handshake response sent to " + peer + " (message 2 of 2, 92 bytes): transport keys derived");
            case "wg.handshake.completed" -> new Line("handshake", "⚡ HANDSHAKE with " + peer + " complete (wg0 was the "
                    + e.text("role") + ")");
            case "wg.keypair.rotated" -> {
                String key = ctx.shortKey(peer);
                yield e.bool("rekey")
                        ? new Line("rekey", "↻ REKEY with " + peer + ": new session key" + (key == null ? "" : " " + key))
                        : new Line("session", "session key with " + peer + " in use" + (key == null ? "" : ": " + key));
            }
            case "wg.endpoint.changed" -> new Line("endpoint", e.text("old").isEmpty()
                    ? "➜ " + peer + "'s endpoint learned: " + e.text("new")
                    : "➜ " + peer + "'s endpoint changed: " + e.text("old") + " → " + e.text("new")
                            + " (after an authenticated packet from there)");
            case "wg.keys.zeroed" -> new Line("zeroed", "keys for " + peer + " zeroed (no new session for 9 minutes)");
            case "wg.handshake.gave_up" -> new Line("drop", "gave up on " + peer + " after " + e.integer("attempts")
                    + " attempts; " + e.integer("dropped_packets") + " queued packets dropped");
            case "wg.keepalive.sent" -> new Line("keepalive", (e.bool("persistent") ? "persistent " : "")
                    + "keepalive to " + peer);
            case "wg.cookie.sent" -> new Line("cookie", "under load: cookie reply sent to " + e.text("to"));
            case "wg.cookie.received" -> new Line("cookie", "cookie reply from " + peer + " stored");
            case "wg.dropped" -> new Line("drop", dropWords(e.text("reason"), peer, ctx));
            default -> null;
        };
    }

    /** Whether a logged event of wg0's is about one datagram the capture holds (sent or received). */
    static boolean packetOf(Fields e, String wgNode) {
        if (!e.text("node").equals(wgNode)) {
            return false;
        }
        return switch (e.text("kind")) {
            case "wg.handshake.initiated", "wg.session.derived", "wg.keepalive.sent", "wg.endpoint.changed",
                 "wg.cookie.sent", "wg.cookie.received" -> true;
            case "wg.handshake.completed" -> true;
            case "wg.dropped" -> switch (e.text("reason")) {
                case "no_route", "no_endpoint", "gave_up", "keys_zeroed", "staged_queue_full", "handshake_failed" -> false;
                default -> true;
            };
            default -> false;
        };
    }

    /** For {@link #packetOf} events: true when the datagram is one wg0 is about to send (it follows the event). */
    static boolean sends(Fields e) {
        return switch (e.text("kind")) {
            case "wg.handshake.initiated", "wg.keepalive.sent", "wg.cookie.sent" -> true;
            case "wg.session.derived" -> e.text("role").equals("responder");
            default -> false;
        };
    }

    private static String dropWords(String reason, String peer, Context ctx) {
        String from = peer.isEmpty() ? "" : " from " + peer;
        return switch (reason) {
            case "allowed_ips" -> {
                String src = ctx.innerSourceFrom(peer);
                yield src != null
                        ? "dropped: source " + src + " is not in " + peer + "'s allowed IPs"
                        : "dropped: a packet" + from + " came from a source outside " + peer + "'s allowed IPs";
            }
            case "no_route" -> "dropped: no peer's allowed IPs contain the destination";
            case "no_endpoint" -> "dropped: " + peer + " has no endpoint yet (it must contact wg0 first)";
            case "replay" -> "dropped: replayed packet" + from + " (counter already seen)";
            case "decrypt_failed" -> "dropped: packet" + from + " did not authenticate";
            case "unknown_index" -> "dropped: packet for a session wg0 does not know";
            case "unknown_peer" -> "dropped: handshake from a key that is not a peer of wg0";
            case "expired_keypair" -> "dropped: packet" + from + " on a session older than 180 s";
            case "bad_mac1" -> "dropped: handshake with a bad mac1";
            case "gave_up" -> "dropped: queued packet for " + peer + " (handshake gave up)";
            case "keys_zeroed" -> "dropped: queued packet for " + peer + " (keys zeroed)";
            default -> "dropped" + from + ": " + reason.replace('_', ' ');
        };
    }

    private static String networkReason(String reason) {
        return switch (reason) {
            case "no_route" -> "no route (nobody is at that address)";
            case "port_unreachable" -> "nothing listens on that port";
            default -> reason.replace('_', ' ');
        };
    }
}
