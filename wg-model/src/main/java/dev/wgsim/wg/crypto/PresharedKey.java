package dev.wgsim.wg.crypto;

/** The optional 32-byte symmetric key Q mixed into the handshake; all zeros means "none". */
public final class PresharedKey {
    /** Q = 0^32, what a peer without a configured preshared key uses. */
    public static final PresharedKey NONE = new PresharedKey(new byte[KeyBytes.LENGTH]);

    private final byte[] bytes;

    private PresharedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PresharedKey of(byte[] bytes) {
        return new PresharedKey(KeyBytes.checked(bytes, "preshared key"));
    }

    public static PresharedKey fromBase64(String text) {
        return new PresharedKey(KeyBytes.fromBase64(text, "preshared key"));
    }

    public static PresharedKey generate(Entropy entropy) {
        byte[] b = new byte[KeyBytes.LENGTH];
        entropy.nextBytes(b);
        return new PresharedKey(b);
    }

    public boolean isNone() {
        return KeyBytes.equal(bytes, NONE.bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** The secret in base64: only for config files and keylogs. */
    public String toBase64() {
        return KeyBytes.base64(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresharedKey other && KeyBytes.equal(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 0x5eed;
    }

    @Override
    public String toString() {
        return isNone() ? "PresharedKey[none]" : "PresharedKey[set]";
    }
}
