package dev.wgsim.engine.random;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One named, deterministic random stream.
 *
 * <p>The core is xoroshiro128++ (Blackman and Vigna, 2019): 128 bits of state, period
 * 2<sup>128</sup>-1, passes BigCrush and PractRand, and costs a few cycles per draw, which matters
 * because every packet on a lossy link draws. Its state is the first 16 bytes of
 * SHA-256("wgsim/stream" | seed | name), so a stream depends only on the seed and its own name,
 * never on which other streams exist or in what order they were created.
 *
 * <p>There is no way to reseed a stream: that would silently break the "same (seed, name), same
 * draws" contract; make a new {@link RandomStreams} instead.
 */
public final class RandomStream {

    private final String name;
    private long s0;
    private long s1;
    private boolean haveSpareNormal;
    private double spareNormal;

    RandomStream(long seed, String name) {
        this.name = name;
        byte[] digest = sha256(seed, name);
        long a = 0;
        long b = 0;
        for (int i = 0; i < 8; i++) {
            a = (a << 8) | (digest[i] & 0xFF);
            b = (b << 8) | (digest[i + 8] & 0xFF);
        }
        if ((a | b) == 0) {
            b = 0x9E37_79B9_7F4A_7C15L; // the all-zero state is the one state xoroshiro must avoid
        }
        this.s0 = a;
        this.s1 = b;
    }

    /** The stable name this stream was derived from, e.g. {@code link/home-isp/loss}. */
    public String name() {
        return name;
    }

    public long nextLong() {
        long a = s0;
        long b = s1;
        long result = Long.rotateLeft(a + b, 17) + a;
        b ^= a;
        s0 = Long.rotateLeft(a, 49) ^ b ^ (b << 21);
        s1 = Long.rotateLeft(b, 28);
        return result;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public int nextInt() {
        return (int) (nextLong() >>> 32);
    }

    /** A uniform int in [0, bound), without modulo bias (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, was " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /** A standard normal draw (Marsaglia's polar method; the second value of a pair is kept). */
    public double nextGaussian() {
        if (haveSpareNormal) {
            haveSpareNormal = false;
            return spareNormal;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareNormal = v * factor;
        haveSpareNormal = true;
        return u * factor;
    }

    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long r = nextLong();
            for (int k = 0; k < 8 && i < bytes.length; k++, r >>>= 8) {
                bytes[i++] = (byte) r;
            }
        }
    }

    /** True with probability {@code p}: exactly never for 0 and always for 1. */
    public boolean bernoulli(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }
        return nextDouble() < p;
    }

    /** An exponential draw with the given mean, by inversion. */
    public double exponential(double mean) {
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("mean must be finite and > 0, was " + mean);
        }
        return -mean * Math.log1p(-nextDouble());
    }

    /** A normal draw with the given mean and standard deviation. */
    public double normal(double mean, double sd) {
        if (!(sd >= 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("sd must be finite and >= 0, was " + sd);
        }
        return mean + sd * nextGaussian();
    }

    @Override
    public String toString() {
        return "RandomStream[" + name + "]";
    }


    private static byte[] sha256(long seed, String name) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("wgsim/stream".getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            for (int i = 56; i >= 0; i -= 8) {
                md.update((byte) (seed >>> i));
            }
            md.update(name.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
