package dev.wgsim.wg.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link TransportAead} on the JDK's SunJCE "ChaCha20-Poly1305" (CPU intrinsics on newer JDKs).
 * <p>
 * The JDK cipher must be initialised per packet anyway (a new nonce each time), so the key pair
 * keeps only its key, and the {@link Cipher} objects are shared by every key pair of the thread:
 * a hub with 10,000 peers otherwise keeps 40,000 ciphers of a few hundred bytes each, every one of
 * them cold in the CPU cache when its peer's next packet comes (JFR of hub-10,000: initialising
 * those cold ciphers cost more than the cipher work itself).
 */
public final class JdkTransportAead implements TransportAead {
    private static final ThreadLocal<Cipher[]> CIPHERS = ThreadLocal.withInitial(JdkTransportAead::newPair);

    private final byte[] key;
    private SecretKeySpec spec;

    public JdkTransportAead(byte[] key32) {
        this.key = KeyBytes.checked(key32, "transport key");
        this.spec = new SecretKeySpec(key, "ChaCha20");
        CIPHERS.get(); // fails here, not on the first packet, on a JDK without ChaCha20-Poly1305
    }

    private static Cipher[] newPair() {
        try {
            return new Cipher[] {Cipher.getInstance("ChaCha20-Poly1305"), Cipher.getInstance("ChaCha20-Poly1305")};
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
        Cipher encrypt = CIPHERS.get()[0];
        try {
            try {
                encrypt.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(nonce12));
            } catch (InvalidKeyException e) {
                // The JDK refuses a key and nonce equal to the previous initialisation's: with a
                // cipher shared by every key pair of the thread that previous one may be another
                // key pair's (the same simulation run twice in one thread, say). Nonce uniqueness
                // per key is the device's job (its send counter); step the cipher aside once.
                encrypt.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(new byte[12]));
                encrypt.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(nonce12));
            }
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
        Cipher decrypt = CIPHERS.get()[1];
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
