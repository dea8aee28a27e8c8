package dev.wgsim.wg.crypto;

/** A Curve25519 public key (32 bytes): an immutable value, printed as base64 like wg(8). */
public final class PublicKey {
    private final byte[] bytes;

    private PublicKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PublicKey of(byte[] bytes) {
        return new PublicKey(Key32.checked(bytes, "public key"));
    }

    public static PublicKey fromBase64(String text) {
        return new PublicKey(Key32.fromBase64(text, "public key"));
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
        System.arraycopy(bytes, 0, out, off, Key32.LENGTH);
    }

    public String toBase64() {
        return Key32.base64(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey other && Key32.equal(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Key32.hash(bytes);
    }

    @Override
    public String toString() {
        return toBase64();
    }
}
