package dev.wgsim.wg.crypto;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl's {@code crypto_box} (curve25519xsalsa20poly1305), the sealing Tailscale's disco messages
 * use: the X25519 shared secret is hashed by HSalsa20 into a box key ({@code crypto_box_beforenm}),
 * then {@code crypto_secretbox}: XSalsa20 under the 24-byte nonce, its first 32 keystream bytes
 * keying Poly1305 over the ciphertext. A box is {@code tag(16) || ciphertext}, the layout of
 * golang.org/x/crypto/nacl/box (NaCl's C API pads with 16 zero bytes in front instead).
 */
public final class NaclBox {
    public static final int NONCE_LENGTH = 24;
    public static final int OVERHEAD = 16;
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private NaclBox() {}

    /**
     * The shared box key of {@code priv} and {@code pub} ({@code crypto_box_beforenm}); null when the
     * public key is a low-order point (an all-zero shared secret), which must not be used.
     */
    public static byte[] sharedKey(PrivateKey priv, PublicKey pub) {
        byte[] shared = new byte[32];
        if (!X25519.agree(priv, pub, shared)) {
            return null;
        }
        return hsalsa20(shared, new byte[16]);
    }

    /** Seals {@code plain} under a {@link #sharedKey}: returns tag || ciphertext (|plain| + 16 bytes). */
    public static byte[] seal(byte[] sharedKey, byte[] nonce24, byte[] plain, int off, int len) {
        XSalsa20Engine xs = stream(sharedKey, nonce24);
        byte[] polyKey = new byte[32];
        xs.processBytes(polyKey, 0, 32, polyKey, 0);
        byte[] out = new byte[OVERHEAD + len];
        xs.processBytes(plain, off, len, out, OVERHEAD);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(out, OVERHEAD, len);
        mac.doFinal(out, 0);
        return out;
    }

    /** Opens tag || ciphertext; null when it is shorter than a tag or the tag does not verify. */
    public static byte[] open(byte[] sharedKey, byte[] nonce24, byte[] box, int off, int len) {
        if (len < OVERHEAD) {
            return null;
        }
        XSalsa20Engine xs = stream(sharedKey, nonce24);
        byte[] polyKey = new byte[32];
        xs.processBytes(polyKey, 0, 32, polyKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(box, off + OVERHEAD, len - OVERHEAD);
        byte[] tag = new byte[OVERHEAD];
        mac.doFinal(tag, 0);
        int diff = 0;
        for (int i = 0; i < OVERHEAD; i++) {
            diff |= tag[i] ^ box[off + i];
        }
        if (diff != 0) {
            return null;
        }
        byte[] plain = new byte[len - OVERHEAD];
        xs.processBytes(box, off + OVERHEAD, plain.length, plain, 0);
        return plain;
    }

    private static XSalsa20Engine stream(byte[] key, byte[] nonce24) {
        if (key.length != 32 || nonce24.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("box key must be 32 bytes and nonce 24 bytes");
        }
        XSalsa20Engine xs = new XSalsa20Engine();
        xs.init(true, new ParametersWithIV(new KeyParameter(key), nonce24));
        return xs;
    }

    /**
     * HSalsa20 (Bernstein, "Extending the Salsa20 nonce"): 20 Salsa20 rounds over key and 16-byte
     * input, output words 0, 5, 10, 15, 6, 7, 8, 9 of the state without the final addition.
     */
    static byte[] hsalsa20(byte[] key, byte[] in16) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            state[1 + i] = le32(key, 4 * i);
            state[11 + i] = le32(key, 16 + 4 * i);
            state[6 + i] = le32(in16, 4 * i);
        }
        int[] x = new int[16];
        // salsaCore adds the input back at the end; HSalsa20 wants the state before that.
        Salsa20Engine.salsaCore(20, state, x);
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            int w = x[words[i]] - state[words[i]];
            out[4 * i] = (byte) w;
            out[4 * i + 1] = (byte) (w >>> 8);
            out[4 * i + 2] = (byte) (w >>> 16);
            out[4 * i + 3] = (byte) (w >>> 24);
        }
        return out;
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }
}
