package dev.wgsim.wg.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** {@link TransportAead} on Bouncy Castle's lightweight ChaCha20Poly1305. */
public final class BcTransportAead implements TransportAead {
    private final ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    private final byte[] key;
    private KeyParameter keyParam;

    public BcTransportAead(byte[] key32) {
        this.key = KeyBytes.checked(key32, "transport key");
        this.keyParam = new KeyParameter(key);
    }

    @Override
    public int seal(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        // A fresh nonce array each time: BC keeps a reference to detect nonce reuse.
        return seal(ChaChaPoly.nonce(counter), null, in, inOff, len, out, outOff);
    }

    /** Seal with an arbitrary 12-byte nonce and AAD: lets the RFC 8439 vector test this object. */
    int seal(byte[] nonce12, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        cipher.init(true, new ParametersWithIV(keyParam, nonce12));
        if (aad != null) {
            cipher.processAADBytes(aad, 0, aad.length);
        }
        int n = cipher.processBytes(in, inOff, len, out, outOff);
        try {
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail", e);
        }
    }

    @Override
    public int open(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        return open(ChaChaPoly.nonce(counter), null, in, inOff, len, out, outOff);
    }

    int open(byte[] nonce12, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len < ChaChaPoly.TAG_LENGTH) {
            return -1;
        }
        try {
            cipher.init(false, new ParametersWithIV(keyParam, nonce12));
            if (aad != null) {
                cipher.processAADBytes(aad, 0, aad.length);
            }
            int n = cipher.processBytes(in, inOff, len, out, outOff);
            return n + cipher.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException | IllegalStateException e) {
            return -1;
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        keyParam = new KeyParameter(key);
    }

    @Override
    public String provider() {
        return "bc";
    }
}
