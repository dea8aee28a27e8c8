package dev.wgsim.wg.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link TransportAead} on the JDK's ChaCha20 and Poly1305 (CPU intrinsics on newer JDKs), in one
 * of two constructions with the same output:
 * <ul>
 * <li>{@link Construction#SPLIT}: RFC 8439 §2.8 put together here from the JDK's "ChaCha20" stream
 * cipher (counter 0: block 0 gives the one-time Poly1305 key, blocks 1.. encrypt) and the JDK's
 * {@link JdkPoly1305}. Used when that class is reachable (wgsim.jar's manifest opens it).
 * <li>{@link Construction#AEAD}: the JDK's "ChaCha20-Poly1305" cipher, otherwise.
 * </ul>
 * Why two: with AVX-512 the JDK's ChaCha20 makes its keystream 16 blocks (1 KiB) at a time, and its
 * AEAD starts one such batch at init, a second one for the Poly1305 key alone (32 bytes of 1 KiB
 * used), and a third when a packet is longer than 1 KiB. The split construction takes the Poly1305
 * key from the stream's own first block: one batch fewer per packet, and no 1 KiB buffer for the
 * key. Measured on JDK 25 (seal + open of one 1,056-byte packet, the 100-pair echo's): 1.62 µs
 * split against 2.21 µs AEAD.
 * <p>
 * The JDK cipher must be initialised per packet anyway (a new nonce each time), so the key pair
 * keeps only its key, and the cipher objects are shared by every key pair of the thread: a hub with
 * 10,000 peers otherwise keeps 40,000 ciphers of a few hundred bytes each, every one of them cold in
 * the CPU cache when its peer's next packet comes (JFR of hub-10,000: initialising those cold
 * ciphers cost more than the cipher work itself).
 */
public final class JdkTransportAead implements TransportAead {
    /** How the JDK's primitives are put together; both give RFC 8439's output. */
    public enum Construction { SPLIT, AEAD }

    /** {@code SPLIT} when the JDK's Poly1305 is reachable here, else {@code AEAD}. */
    public static final Construction DEFAULT_CONSTRUCTION =
            JdkPoly1305.AVAILABLE ? Construction.SPLIT : Construction.AEAD;

    private static final ThreadLocal<Engines> ENGINES = ThreadLocal.withInitial(Engines::new);

    private final byte[] key;
    private final Construction construction;
    private SecretKeySpec spec;

    public JdkTransportAead(byte[] key32) {
        this(key32, DEFAULT_CONSTRUCTION);
    }

    /** With a chosen construction: benchmarks and tests compare them; SPLIT throws when unavailable. */
    public JdkTransportAead(byte[] key32, Construction construction) {
        if (construction == Construction.SPLIT && !JdkPoly1305.AVAILABLE) {
            throw new IllegalStateException(JdkPoly1305.UNAVAILABLE_REASON);
        }
        this.key = KeyBytes.checked(key32, "transport key");
        this.construction = construction;
        this.spec = new SecretKeySpec(key, "ChaCha20");
        ENGINES.get(); // fails here, not on the first packet, on a JDK without ChaCha20-Poly1305
    }

    /** Why the split construction is not in use, or null when it is the default. */
    public static String splitUnavailableReason() {
        return JdkPoly1305.UNAVAILABLE_REASON;
    }

    public Construction construction() {
        return construction;
    }

    /** The thread's cipher objects, shared by its key pairs. */
    private static final class Engines {
        private static final byte[] ZERO_BLOCK = new byte[64];
        private static final byte[] ZERO_PAD = new byte[15];

        final Cipher aeadEncrypt;
        final Cipher aeadDecrypt;
        final Cipher streamEncrypt;
        final Cipher streamDecrypt;
        final JdkPoly1305 poly;
        final byte[] block0 = new byte[64];
        final byte[] lengths = new byte[16];
        final byte[] tag = new byte[16];
        private final byte[] nonce = new byte[12];

        /** WireGuard's nonce 0^4 || LE64(counter) in the thread's buffer (the JDK's parameter specs copy it). */
        byte[] nonce(long counter) {
            return ChaChaPoly.nonce(counter, nonce);
        }

        Engines() {
            try {
                aeadEncrypt = Cipher.getInstance("ChaCha20-Poly1305");
                aeadDecrypt = Cipher.getInstance("ChaCha20-Poly1305");
                streamEncrypt = Cipher.getInstance("ChaCha20");
                streamDecrypt = Cipher.getInstance("ChaCha20");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK lacks ChaCha20-Poly1305", e);
            }
            poly = JdkPoly1305.AVAILABLE ? new JdkPoly1305() : null;
        }

        /**
         * Starts {@code stream} at block 0 of (key, nonce) and leaves the Poly1305 state keyed with
         * that block's first 32 bytes; the stream then stands at block 1, where the data starts.
         */
        void startSplit(Cipher stream, int mode, SecretKeySpec spec, byte[] nonce12) throws GeneralSecurityException {
            try {
                stream.init(mode, spec, new ChaCha20ParameterSpec(nonce12, 0));
            } catch (InvalidKeyException e) {
                // Same guard as the AEAD below: the JDK refuses to encrypt twice in a row with one
                // key and nonce, which key pairs sharing the thread's cipher may legitimately ask.
                stream.init(mode, spec, new ChaCha20ParameterSpec(new byte[12], 0));
                stream.init(mode, spec, new ChaCha20ParameterSpec(nonce12, 0));
            }
            if (stream.update(ZERO_BLOCK, 0, 64, block0, 0) != 64) {
                throw new IllegalStateException("ChaCha20 stream withheld keystream");
            }
            poly.init(block0, 0);
        }

        /** Poly1305 over aad || pad16 || ciphertext || pad16 || LE64(|aad|) || LE64(|ciphertext|). */
        void authenticate(byte[] aad, byte[] c, int off, int len, byte[] out, int outOff) {
            int aadLen = 0;
            if (aad != null) {
                aadLen = aad.length;
                poly.update(aad, 0, aadLen);
                poly.update(ZERO_PAD, 0, (16 - (aadLen & 15)) & 15);
            }
            poly.update(c, off, len);
            poly.update(ZERO_PAD, 0, (16 - (len & 15)) & 15);
            for (int i = 0; i < 8; i++) {
                lengths[i] = (byte) ((long) aadLen >>> (8 * i));
                lengths[8 + i] = (byte) ((long) len >>> (8 * i));
            }
            poly.update(lengths, 0, 16);
            poly.finish(out, outOff);
        }
    }

    @Override
    public int seal(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        return seal(ENGINES.get().nonce(counter), null, in, inOff, len, out, outOff);
    }

    /** Seal with an arbitrary 12-byte nonce and AAD: lets the RFC 8439 vector test this object. */
    int seal(byte[] nonce12, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        Engines e = ENGINES.get();
        if (construction == Construction.SPLIT) {
            try {
                e.startSplit(e.streamEncrypt, Cipher.ENCRYPT_MODE, spec, nonce12);
                if (e.streamEncrypt.update(in, inOff, len, out, outOff) != len) {
                    throw new IllegalStateException("ChaCha20 stream withheld output");
                }
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("encryption cannot fail", ex);
            }
            e.authenticate(aad, out, outOff, len, out, outOff + len);
            return len + ChaChaPoly.TAG_LENGTH;
        }
        Cipher encrypt = e.aeadEncrypt;
        try {
            try {
                encrypt.init(Cipher.ENCRYPT_MODE, spec, new IvParameterSpec(nonce12));
            } catch (InvalidKeyException reused) {
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
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("encryption cannot fail", ex);
        }
    }

    @Override
    public int open(long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        return open(ENGINES.get().nonce(counter), null, in, inOff, len, out, outOff);
    }

    int open(byte[] nonce12, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len < ChaChaPoly.TAG_LENGTH) {
            return -1;
        }
        Engines e = ENGINES.get();
        if (construction == Construction.SPLIT) {
            int clen = len - ChaChaPoly.TAG_LENGTH;
            try {
                e.startSplit(e.streamDecrypt, Cipher.DECRYPT_MODE, spec, nonce12);
                e.authenticate(aad, in, inOff, clen, e.tag, 0);
                int diff = 0;
                for (int i = 0; i < ChaChaPoly.TAG_LENGTH; i++) {
                    diff |= e.tag[i] ^ in[inOff + clen + i];
                }
                if (diff != 0) {
                    return -1;
                }
                // Only authenticated ciphertext is decrypted.
                return e.streamDecrypt.update(in, inOff, clen, out, outOff) == clen ? clen : -1;
            } catch (GeneralSecurityException | IllegalStateException | IndexOutOfBoundsException ex) {
                return -1;
            }
        }
        Cipher decrypt = e.aeadDecrypt;
        try {
            decrypt.init(Cipher.DECRYPT_MODE, spec, new IvParameterSpec(nonce12));
            if (aad != null) {
                decrypt.updateAAD(aad);
            }
            return decrypt.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException ex) {
            return -1;
        } catch (GeneralSecurityException | IllegalStateException ex) {
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
