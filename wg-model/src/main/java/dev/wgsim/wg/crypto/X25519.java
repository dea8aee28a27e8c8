package dev.wgsim.wg.crypto;

/** Curve25519 Diffie-Hellman (RFC 7748) through Bouncy Castle's constant-time implementation. */
public final class X25519 {
    private X25519() {}

    static void clamp(byte[] scalar) {
        org.bouncycastle.math.ec.rfc7748.X25519.clampPrivateKey(scalar);
    }

    static PublicKey publicKeyOf(byte[] scalar) {
        byte[] pub = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(scalar, 0, pub, 0);
        return PublicKey.of(pub);
    }

    /**
     * DH(priv, pub) into {@code out}. Returns false when the result is all zero (a low-order
     * point), which the handshake must treat as failure.
     */
    public static boolean agree(PrivateKey priv, PublicKey pub, byte[] out) {
        return agree(priv.raw(), pub.raw(), out);
    }

    /** Same as {@link #agree(PrivateKey, PublicKey, byte[])} on raw 32-byte arrays. */
    public static boolean agree(byte[] priv, byte[] pub, byte[] out) {
        return org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(priv, 0, pub, 0, out, 0);
    }

    /** The raw RFC 7748 function (no zero check, no clamping of the input beyond the RFC's). */
    public static byte[] scalarMult(byte[] scalar, byte[] u) {
        byte[] out = new byte[32];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(scalar, 0, u, 0, out, 0);
        return out;
    }
}
