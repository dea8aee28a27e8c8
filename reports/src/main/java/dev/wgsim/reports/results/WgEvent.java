package dev.wgsim.reports.results;

/**
 * A WireGuard protocol event kept from events.jsonl, as seen by {@code node} about {@code peer}.
 * A second type on purpose: wg-model's {@code WgEvent} is the device's live event with keys and
 * socket addresses; this is its line in the file, with the names the file uses, read without wg-model.
 *
 * @param timeNanos virtual time
 * @param retry for initiations: a retransmission rather than a first attempt
 * @param attempt for initiations the attempt number, for give-ups the attempts made; 0 otherwise
 * @param rekey for rotations: the new keypair replaced an older current one
 * @param role for completions: {@code initiator} or {@code responder}; empty otherwise
 */
public record WgEvent(long timeNanos, Kind kind, String node, String peer, boolean retry, int attempt,
                      boolean rekey, String role) {

    /** The event kinds charts need; the log's other kinds are skipped while streaming. */
    public enum Kind {
        HANDSHAKE_INITIATED("wg.handshake.initiated"),
        HANDSHAKE_COMPLETED("wg.handshake.completed"),
        KEYPAIR_ROTATED("wg.keypair.rotated"),
        KEYS_ZEROED("wg.keys.zeroed"),
        GAVE_UP("wg.handshake.gave_up");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Kind of(String wireName) {
            for (Kind k : values()) {
                if (k.wireName.equals(wireName)) {
                    return k;
                }
            }
            return null;
        }
    }
}
