package dev.wgsim.wg.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One-shot ChaCha20-Poly1305 and XChaCha20-Poly1305 for handshake and cookie messages, where each
 * key is used once; the per-packet transport path uses {@link TransportAead} instead.
 */
public final class ChaChaPoly {
    public static final int TAG_LENGTH = 16;

    private ChaChaPoly() {}

    /** The 12-byte nonce 0^4 || LE64(counter). */
    public static byte[] nonce(long counter) {
        return nonce(counter, new byte[12]);
    }

    /** Writes that nonce into {@code n} (12 bytes, its first 4 already zero) and returns it. */
    static byte[] nonce(long counter, byte[] n) {
        for (int i = 0; i < 8; i++) {
            n[4 + i] = (byte) (counter >>> (8 * i));
        }
        return n;
    }

    /** AEAD(key, counter, plaintext, aad): writes |p|+16 bytes at out[outOff]. */
    public static void seal(byte[] key, long counter, byte[] p, int pOff, int pLen, byte[] aad,
                            byte[] out, int outOff) {
        sealWith(new ChaCha20Poly1305(), key, nonce(counter), p, pOff, pLen, aad, out, outOff);
    }

    /** Opens {@code cLen} bytes (ciphertext || tag); false when the tag does not verify. */
    public static boolean open(byte[] key, long counter, byte[] c, int cOff, int cLen, byte[] aad,
                               byte[] out, int outOff) {
        return openWith(new ChaCha20Poly1305(), key, nonce(counter), c, cOff, cLen, aad, out, outOff);
    }

    /** XAEAD with a 24-byte nonce (cookie replies only). */
    public static void xseal(byte[] key, byte[] nonce24, byte[] p, int pOff, int pLen, byte[] aad,
                             byte[] out, int outOff) {
        sealWith(new org.bouncycastle.crypto.modes.XChaCha20Poly1305(), key, nonce24, p, pOff, pLen, aad, out, outOff);
    }

    public static boolean xopen(byte[] key, byte[] nonce24, byte[] c, int cOff, int cLen, byte[] aad,
                                byte[] out, int outOff) {
        return openWith(new org.bouncycastle.crypto.modes.XChaCha20Poly1305(), key, nonce24, c, cOff, cLen, aad, out, outOff);
    }

    private static void sealWith(ChaCha20Poly1305 c, byte[] key, byte[] nonce, byte[] p, int pOff, int pLen,
                                 byte[] aad, byte[] out, int outOff) {
        c.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        int n = c.processBytes(p, pOff, pLen, out, outOff);
        try {
            c.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail", e);
        }
    }

    private static boolean openWith(ChaCha20Poly1305 c, byte[] key, byte[] nonce, byte[] in, int off, int len,
                                    byte[] aad, byte[] out, int outOff) {
        if (len < TAG_LENGTH) {
            return false;
        }
        c.init(false, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        try {
            int n = c.processBytes(in, off, len, out, outOff);
            c.doFinal(out, outOff + n);
            return true;
        } catch (InvalidCipherTextException e) {
            return false;
        }
    }
}
