package dev.wgsim.wg.noise;

/** Why a handshake message that passed the size/type/mac checks was not accepted. */
public enum HandshakeRejection {
    /** An AEAD field (static, timestamp, empty) did not authenticate. */
    DECRYPT_FAILED,
    /** The decrypted static key is not one of our peers. */
    UNKNOWN_PEER,
    /** The timestamp is not newer than the newest accepted from this peer (replay). */
    STALE_TIMESTAMP,
    /** Less than 20 ms since the previous accepted initiation from this peer. */
    FLOOD,
    /** A Diffie-Hellman result was all zero (low-order point). */
    BAD_DH,
    /** The response does not match a handshake in state initiation-created. */
    WRONG_STATE
}
