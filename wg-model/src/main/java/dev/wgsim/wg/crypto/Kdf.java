package dev.wgsim.wg.crypto;

import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/** HMAC-BLAKE2s and the HKDF chain KDF1/KDF2/KDF3 of the Noise handshake. */
public final class Kdf {
    private Kdf() {}

    /** Standard RFC 2104 HMAC over BLAKE2s-256 (not the keyed-BLAKE2s MAC). */
    public static byte[] hmac(byte[] key, byte[] data, int off, int len) {
        HMac mac = new HMac(new Blake2sDigest(256));
        mac.init(new KeyParameter(key));
        mac.update(data, off, len);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        return hmac(key, data, 0, data.length);
    }

    /** Returns t1..tn of the KDF with chaining key {@code key} and input {@code x}, n in 1..3. */
    public static byte[][] kdf(int n, byte[] key, byte[] x, int off, int len) {
        if (n < 1 || n > 3) {
            throw new IllegalArgumentException("KDF output count must be 1..3: " + n);
        }
        byte[] t0 = hmac(key, x, off, len);
        byte[][] out = new byte[n][];
        byte[] in = new byte[33];
        in[0] = 1;
        out[0] = hmac(t0, in, 0, 1);
        for (int i = 1; i < n; i++) {
            System.arraycopy(out[i - 1], 0, in, 0, 32);
            in[32] = (byte) (i + 1);
            out[i] = hmac(t0, in, 0, 33);
        }
        return out;
    }

    public static byte[][] kdf(int n, byte[] key, byte[] x) {
        return kdf(n, key, x, 0, x.length);
    }

    public static byte[] kdf1(byte[] key, byte[] x) {
        return kdf(1, key, x)[0];
    }

    public static byte[][] kdf2(byte[] key, byte[] x) {
        return kdf(2, key, x);
    }

    public static byte[][] kdf3(byte[] key, byte[] x) {
        return kdf(3, key, x);
    }
}
