package dev.wgsim.engine.net;

import dev.wgsim.net.IpAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words. */
public final class Checksum {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Checksum() {
    }

    /**
     * Adds {@code len} bytes at {@code off} to a running (unfolded) sum; an odd tail byte is padded
     * with zero. Eight bytes at a time, as two 32-bit words: a 32-bit word is congruent to the sum
     * of its two 16-bit halves modulo 0xFFFF, and folding (RFC 1071 section 2) makes the result
     * the same as a word-by-word sum.
     */
    public static long add(long sum, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 7 < end; i += 8) {
            long v = (long) LONG_BE.get(b, i);
            sum += (v >>> 32) + (v & 0xFFFF_FFFFL);
        }
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds the running sum to 16 bits and complements it: the value to store in a header. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Checksum of a byte range on its own. A range that already holds a correct checksum yields 0. */
    public static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /** Adds the IPv4 or IPv6 pseudo-header (RFC 768 / RFC 8200 section 8.1) to a running sum. */
    public static long addPseudoHeader(long sum, IpAddress src, IpAddress dst, int protocol, int upperLength) {
        if (src.isV6()) {
            sum += words(src.high()) + words(src.low()) + words(dst.high()) + words(dst.low());
        } else {
            sum += words(src.v4Bits() & 0xFFFF_FFFFL) + words(dst.v4Bits() & 0xFFFF_FFFFL);
        }
        return sum + protocol + (upperLength >>> 16) + (upperLength & 0xFFFF);
    }

    private static long words(long v) {
        return (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }
}
