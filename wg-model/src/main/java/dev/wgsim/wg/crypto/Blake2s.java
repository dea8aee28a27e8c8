package dev.wgsim.wg.crypto;

import org.bouncycastle.crypto.digests.Blake2sDigest;

/** HASH (unkeyed BLAKE2s-256) and MAC (keyed BLAKE2s with a 16-byte output in the parameter block). */
public final class Blake2s {
    public static final int HASH_LENGTH = 32;
    public static final int MAC_LENGTH = 16;

    private Blake2s() {}

    /** HASH(parts[0] || parts[1] || ...). */
    public static byte[] hash(byte[]... parts) {
        Blake2sDigest d = new Blake2sDigest(256); // bits here, bytes in the keyed constructor
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** HASH(a || b) into {@code out} (the transcript update H = HASH(H || x)). */
    public static void hashInto(byte[] a, byte[] b, int bOff, int bLen, byte[] out) {
        Blake2sDigest d = new Blake2sDigest(256);
        d.update(a, 0, a.length);
        d.update(b, bOff, bLen);
        d.doFinal(out, 0);
    }

    /** Keyed BLAKE2s with digest length 16 over {@code data[off, off+len)}. */
    public static byte[] mac(byte[] key, byte[] data, int off, int len) {
        Blake2sDigest d = new Blake2sDigest(key, MAC_LENGTH, null, null);
        d.update(data, off, len);
        byte[] out = new byte[MAC_LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** Keyed BLAKE2s-256 (used for the reference KAT; WireGuard itself uses the 16-byte MAC). */
    public static byte[] keyedHash256(byte[] key, byte[] data) {
        Blake2sDigest d = new Blake2sDigest(key, HASH_LENGTH, null, null);
        d.update(data, 0, data.length);
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }
}
