package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.Blake2s;
import java.nio.charset.StandardCharsets;

/** The protocol's fixed strings and the derived C0/H0 (whitepaper §5.4). */
public final class NoiseConstants {
    // Private: a public static final array is still writable by anyone holding the class.
    private static final byte[] CONSTRUCTION = ascii("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s");
    private static final byte[] IDENTIFIER = ascii("WireGuard v1 zx2c4 Jason@zx2c4.com");
    private static final byte[] LABEL_MAC1 = ascii("mac1----");
    private static final byte[] LABEL_COOKIE = ascii("cookie--");

    private static final byte[] C0 = Blake2s.hash(CONSTRUCTION);
    private static final byte[] H0 = Blake2s.hash(C0, IDENTIFIER);

    private NoiseConstants() {}

    /** C0 = HASH(CONSTRUCTION), a fresh copy. */
    public static byte[] initialChainKey() {
        return C0.clone();
    }

    /** H0 = HASH(C0 || IDENTIFIER), a fresh copy. */
    public static byte[] initialHash() {
        return H0.clone();
    }

    /** HASH(LABEL_MAC1 || public key): the key mac1 is computed with for messages to that key's owner. */
    public static byte[] mac1Key(byte[] publicKey) {
        return Blake2s.hash(LABEL_MAC1, publicKey);
    }

    /** HASH(LABEL_COOKIE || public key): the key cookie replies from that key's owner are sealed with. */
    public static byte[] cookieKey(byte[] publicKey) {
        return Blake2s.hash(LABEL_COOKIE, publicKey);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
