package dev.wgsim.wg.device;

import java.util.Locale;

/**
 * Why a datagram, inner packet or staged packet was dropped; counted per device. The engine's
 * {@code DropReason} is the network's vocabulary ({@code packet.dropped}); wg-model knows no engine.
 */
public enum DropReason {
    /** Wrong size for its type, or too short to carry a type. */
    MALFORMED,
    /** Type field (LE32) is not 1-4. */
    UNKNOWN_TYPE,
    /** Handshake message whose mac1 does not verify. */
    BAD_MAC1,
    /** Under load and mac2 missing/invalid: a cookie reply was sent instead. */
    NEEDS_COOKIE,
    /** Under load, valid mac2, but the source exceeded 20 handshakes/s. */
    RATE_LIMITED,
    /** The modelled handshake queue was full. */
    HANDSHAKE_QUEUE_FULL,
    /** Initiation from a static key that is not a peer. */
    UNKNOWN_PEER,
    /** Initiation whose timestamp is not newer than the newest accepted (replay). */
    STALE_TIMESTAMP,
    /** Initiation less than 20 ms after the previous accepted one from that peer. */
    FLOOD,
    /** A handshake AEAD field did not authenticate, or a DH was all-zero. */
    HANDSHAKE_FAILED,
    /** A response for a handshake no longer waiting for one. */
    UNEXPECTED_RESPONSE,
    /** Cookie reply that does not decrypt with our last mac1. */
    BAD_COOKIE,
    /** Receiver index not in the index table. */
    UNKNOWN_INDEX,
    /** Transport packet whose tag does not verify. */
    DECRYPT_FAILED,
    /** Counter already seen or too old for the replay window. */
    REPLAY,
    /** Keypair older than REJECT_AFTER_TIME. */
    EXPIRED_KEYPAIR,
    /** Decrypted packet is not a well-formed IPv4/IPv6 packet. */
    INVALID_INNER,
    /** Inner source address is not in the sending peer's allowed IPs. */
    ALLOWED_IPS,
    /** The peer has no endpoint to send to. */
    NO_ENDPOINT,
    /** No peer's allowed IPs contain the inner destination. */
    NO_ROUTE,
    /** The oldest staged packet was dropped for a new one (queue of 128). */
    STAGED_QUEUE_FULL,
    /** Staged packet dropped when the handshake retries gave up. */
    GAVE_UP,
    /** Staged packet dropped when key material was zeroed or the peer removed. */
    KEYS_ZEROED;

    /** The snake_case name used in event logs (e.g. {@code bad_mac1}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
