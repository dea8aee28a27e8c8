package dev.wgsim.wg.device;

/**
 * The cryptographic operations a device performs, counted so a run's own cryptography time can be
 * estimated (count x a unit cost measured by JMH) and compared with its wall time. Each handshake
 * step stands for its whole Noise computation (X25519 agreements, BLAKE2s chain, AEAD of the
 * static key and timestamp); a transport step for one ChaCha20-Poly1305 seal or open.
 */
public enum CryptoOp {
    /** An initiation built: an ephemeral key generated, es and ss agreements, two AEAD seals. */
    INITIATION_CREATED,
    /** An initiation consumed past mac1 (its es agreement and AEAD opens), accepted or not. */
    INITIATION_CONSUMED,
    /** A response built: an ephemeral key generated, ee and se agreements, one AEAD seal. */
    RESPONSE_CREATED,
    /** A response consumed past mac1 (ee and se agreements, one AEAD open), accepted or not. */
    RESPONSE_CONSUMED,
    /** A cookie reply built (XChaCha20-Poly1305 seal of the cookie). */
    COOKIE_REPLY_CREATED,
    /** A transport packet sealed (data or keepalive). */
    TRANSPORT_SEALED,
    /** A transport packet's open attempted (authenticated or not). */
    TRANSPORT_OPENED,
    /**
     * The static-static X25519 agreement with a peer, done once on the first handshake message to or
     * from it (and again after the local private key changes), not in every handshake step.
     */
    STATIC_STATIC_AGREED
}
