package dev.wgsim.wg.crypto;

/** The optional 32-byte symmetric key Q mixed into the handshake; all zeros means "none". */
public final class PresharedKey {
    /** Q = 0^32, what a peer without a configured preshared key uses. */
    public static final PresharedKey NONE = new PresharedKey(new byte[Key32.LENGTH]);

    private final byte[] bytes;

    private PresharedKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static PresharedKey of(byte[] bytes) {
        return new PresharedKey(Key32.checked(bytes, "preshared key"));
    }

    public static PresharedKey fromBase64(String text) {
        return new PresharedKey(Key32.fromBase64(text, "preshared key"));
    }

    public static PresharedKey generate(Entropy entropy) {
        byte[] b = new byte[Key32.LENGTH];
        entropy.nextBytes(b);
        return new PresharedKey(b);
    }

    public boolean isNone() {
        return Key32.equal(bytes, NONE.bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** The secret in base64: only for config files and keylogs. */
    public String toBase64() {
        return Key32.base64(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresharedKey other && Key32.equal(bytes, other.bytes);
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
