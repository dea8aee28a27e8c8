package dev.wgsim.wg.crypto;

/**
 * The per-keypair transport cipher: ChaCha20-Poly1305 with one fixed key, nonce from the message
 * counter, empty AAD. One instance per direction of a keypair; it keeps its cipher object so a
 * packet costs a re-init, not a construction. Not thread-safe.
 */
public interface TransportAead {
    /** Encrypts {@code len} bytes of {@code in} into {@code out}; returns len + 16. */
    int seal(long counter, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Decrypts {@code len} bytes (ciphertext || tag) into {@code out}; returns the plaintext
     * length, or -1 when the tag does not verify (or len &lt; 16). Never throws on bad input.
     */
    int open(long counter, byte[] in, int inOff, int len, byte[] out, int outOff);

    /** Overwrites the key material held by this object (keys zeroed). */
    void destroy();

    /** "bc" or "jdk". */
    String provider();
}
