package dev.wgsim.wg.crypto;

/**
 * A clamped Curve25519 private key with its public key. {@link #toString()} never shows the
 * secret; {@link #toBase64()} exists for config files and keylogs only.
 */
public final class PrivateKey {
    private final byte[] bytes;
    private final PublicKey publicKey;

    private PrivateKey(byte[] bytes) {
        X25519.clamp(bytes);
        this.bytes = bytes;
        this.publicKey = X25519.publicKeyOf(bytes);
    }

    /** Takes 32 raw bytes and clamps them (as wg(8) does for any configured key). */
    public static PrivateKey of(byte[] bytes) {
        return new PrivateKey(KeyBytes.checked(bytes, "private key"));
    }

    public static PrivateKey fromBase64(String text) {
        return new PrivateKey(KeyBytes.fromBase64(text, "private key"));
    }

    /** A fresh key from the given randomness (DH_GENERATE). */
    public static PrivateKey generate(Entropy entropy) {
        byte[] b = new byte[KeyBytes.LENGTH];
        entropy.nextBytes(b);
        return new PrivateKey(b);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the raw (clamped) scalar. */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** The secret in base64: only for writing config files and Wireshark keylogs. */
    public String toBase64() {
        return KeyBytes.base64(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateKey other && KeyBytes.equal(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "PrivateKey[public=" + publicKey + "]";
    }
}
