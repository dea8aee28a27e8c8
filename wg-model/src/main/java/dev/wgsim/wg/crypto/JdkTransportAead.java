package dev.wgsim.wg.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** {@link TransportAead} on the JDK's SunJCE "ChaCha20-Poly1305" (CPU intrinsics on newer JDKs). */
public final class JdkTransportAead implements TransportAead {
    private final Cipher encrypt;
    private final Cipher decrypt;
    private final byte[] key;
    private SecretKeySpec spec;

    public JdkTransportAead(byte[] key32) {
        this.key = KeyBytes.checked(key32, "transport key");
        this.spec = new SecretKeySpec(key, "ChaCha20");
        try {
            this.encrypt = Cipher.getInstance("ChaCha20-Poly1305");
            this.decrypt = Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks ChaCha20-Poly1305", e);
        }
    }

    @Override
    public int seal(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        return seal(ChaChaPoly.nonce(counter), null, in, inOff, len, out, outOff);
    }

    /** Seal with an arbitrary 12-byte nonce and AAD: lets the RFC 8439 vector test this object. */
    int seal(byte[] nonce12, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            encrypt.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(nonce12));
            if (aad != null) {
                encrypt.updateAAD(aad);
            }
            return encrypt.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
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
            decrypt.init(Cipher.DECRYPT_MODE, spec, new IvParameterSpec(nonce12));
            if (aad != null) {
                decrypt.updateAAD(aad);
            }
            return decrypt.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            return -1;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return -1;
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        spec = new SecretKeySpec(new byte[32], "ChaCha20");
    }

    @Override
    public String provider() {
        return "jdk";
    }
}
