package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.Blake2s;
import dev.wgsim.wg.crypto.Kdf;

/** The Noise symmetric-state steps: MixHash and the KDF chain on (C, H). */
public final class Symmetric {
    private Symmetric() {}

    /** H = HASH(H || data[off, off+len)), in place. */
    public static void mixHash(byte[] h, byte[] data, int off, int len) {
        Blake2s.hashInto(h, data, off, len, h);
    }

    public static void mixHash(byte[] h, byte[] data) {
        mixHash(h, data, 0, data.length);
    }

    /** C = KDF1(C, x), in place. */
    public static void mixKey(byte[] c, byte[] x) {
        System.arraycopy(Kdf.kdf1(c, x), 0, c, 0, 32);
    }

    /** (C, k) = KDF2(C, x): C updated in place, k returned. */
    public static byte[] mixKeyAndGetKey(byte[] c, byte[] x) {
        byte[][] t = Kdf.kdf2(c, x);
        System.arraycopy(t[0], 0, c, 0, 32);
        return t[1];
    }
}
