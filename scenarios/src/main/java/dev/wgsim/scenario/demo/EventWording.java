package dev.wgsim.scenario.demo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Puts one trace event (as its events.jsonl object) into plain words for the log: what wg0 saw,
 * in the vocabulary of the WireGuard whitepaper. Returns null for events the log leaves out.
 */
final class EventWording {
    private EventWording() {
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

    static Line describe(JsonNode e, String wgNode, Context ctx) {
        String kind = e.path("kind").asText();
        String node = e.path("node").asText();
        String peer = e.path("peer").asText();
        if (kind.equals("packet.dropped")) {
            String where = e.has("link") ? "link " + e.path("link").asText() : e.path("node").asText();
            return new Line("netdrop", "network dropped a packet " + e.path("src").asText() + " → "
                    + e.path("dst").asText() + " at " + where + ": " + networkReason(e.path("reason").asText()));
        }
        if (!kind.startsWith("wg.") || !node.equals(wgNode)) {
            return null;
        }
        return switch (kind) {
            case "wg.handshake.initiated" -> new Line("initiation", e.path("retry").asBoolean()
                    ? "handshake initiation to " + peer + " (retry " + e.path("attempt").asInt() + ", no response within 5 s)"
                    : "handshake initiation to " + peer + " (message 1 of 2, 148 bytes)");
            case "wg.session.derived" -> new Line("session", e.path("role").asText().equals("initiator")
                    ? "handshake response from " + peer + " accepted: transport keys derived"
                    : "handshake response sent to " + peer + " (message 2 of 2, 92 bytes): transport keys derived");
            case "wg.handshake.completed" -> new Line("handshake", "⚡ HANDSHAKE with " + peer + " complete (wg0 was the "
                    + e.path("role").asText() + ")");
            case "wg.keypair.rotated" -> {
                String key = ctx.shortKey(peer);
                yield e.path("rekey").asBoolean()
                        ? new Line("rekey", "↻ REKEY with " + peer + ": new session key" + (key == null ? "" : " " + key))
                        : new Line("session", "session key with " + peer + " in use" + (key == null ? "" : ": " + key));
            }
            case "wg.endpoint.changed" -> new Line("endpoint", e.path("old").asText().isEmpty()
                    ? "➜ " + peer + "'s endpoint learned: " + e.path("new").asText()
                    : "➜ " + peer + "'s endpoint changed: " + e.path("old").asText() + " → " + e.path("new").asText()
                            + " (after an authenticated packet from there)");
            case "wg.keys.zeroed" -> new Line("zeroed", "keys for " + peer + " zeroed (no new session for 9 minutes)");
            case "wg.handshake.gave_up" -> new Line("drop", "gave up on " + peer + " after " + e.path("attempts").asInt()
                    + " attempts; " + e.path("dropped_packets").asInt() + " queued packets dropped");
            case "wg.keepalive.sent" -> new Line("keepalive", (e.path("persistent").asBoolean() ? "persistent " : "")
                    + "keepalive to " + peer);
            case "wg.cookie.sent" -> new Line("cookie", "under load: cookie reply sent to " + e.path("to").asText());
            case "wg.cookie.received" -> new Line("cookie", "cookie reply from " + peer + " stored");
            case "wg.dropped" -> new Line("drop", dropWords(e.path("reason").asText(), peer, ctx));
            default -> null;
        };
    }

    /** Whether a logged event of wg0's is about one datagram the capture holds (sent or received). */
    static boolean packetOf(JsonNode e, String wgNode) {
        if (!e.path("node").asText().equals(wgNode)) {
            return false;
        }
        return switch (e.path("kind").asText()) {
            case "wg.handshake.initiated", "wg.session.derived", "wg.keepalive.sent", "wg.endpoint.changed",
                 "wg.cookie.sent", "wg.cookie.received" -> true;
            case "wg.handshake.completed" -> true;
            case "wg.dropped" -> switch (e.path("reason").asText()) {
                case "no_route", "no_endpoint", "gave_up", "keys_zeroed", "staged_queue_full", "handshake_failed" -> false;
                default -> true;
            };
            default -> false;
        };
    }

    /** For {@link #packetOf} events: true when the datagram is one wg0 is about to send (it follows the event). */
    static boolean sends(JsonNode e) {
        return switch (e.path("kind").asText()) {
            case "wg.handshake.initiated", "wg.keepalive.sent", "wg.cookie.sent" -> true;
            case "wg.session.derived" -> e.path("role").asText().equals("responder");
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
