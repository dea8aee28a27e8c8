package dev.wgsim.wg.crypto;

/** A Curve25519 public key (32 bytes): an immutable value, printed as base64 like wg(8). */
public final class PublicKey {
    private final byte[] bytes;

    private PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PublicKey of(byte[] bytes) {
        return new PublicKey(KeyBytes.checked(bytes, "public key"));
    }

    public static PublicKey fromBase64(String text) {
        return new PublicKey(KeyBytes.fromBase64(text, "public key"));
    }

    /** A copy of the raw key. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The raw key without copying: callers must not modify it. */
    byte[] raw() {
        return bytes;
    }

    /** Copies the key into {@code out} at {@code off}. */
    public void copyTo(byte[] out, int off) {
        System.arraycopy(bytes, 0, out, off, KeyBytes.LENGTH);
    }

    public String toBase64() {
        return KeyBytes.base64(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && KeyBytes.equal(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return KeyBytes.hash(bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
