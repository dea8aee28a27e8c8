package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time checksum against RFC 1071's own example and a word-by-word reference. */
class ChecksumProperties {
    /** RFC 1071 section 3's example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2; the checksum is its complement. */
    @Test
    void rfc1071Example() {
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, foldOnly(Checksum.add(0, b, 0, b.length)));
        assertEquals(~0xddf2 & 0xFFFF, Checksum.of(b, 0, b.length));
    }

    @Property(tries = 2000)
    void sameAsWordByWord(@ForAll @Size(max = 3000) byte[] b, @ForAll @IntRange(max = 40) int off,
                          @ForAll @IntRange(max = 0xFFFF) int start) {
        int o = Math.min(off, b.length);
        int len = b.length - o;
        assertEquals(Checksum.finish(reference(start, b, o, len)), Checksum.finish(Checksum.add(start, b, o, len)));
    }

    @Property(tries = 200)
    void allOnesWordsFoldToZero(@ForAll @IntRange(min = 1, max = 4000) int words) {
        byte[] b = new byte[2 * words];
        java.util.Arrays.fill(b, (byte) 0xFF);
        assertEquals(Checksum.finish(reference(0, b, 0, b.length)), Checksum.of(b, 0, b.length));
        assertEquals(0, Checksum.of(b, 0, b.length));
    }

    private static long reference(long sum, byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (b[i] & 0xFF) << 8;
        }
        return sum;
    }

    private static int foldOnly(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }
}
