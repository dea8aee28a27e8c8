package dev.wgsim.wg.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * TAI64N as WireGuard writes it: 8 bytes big-endian of 2^62 + 10 + Unix seconds (the TAI64 label
 * of cr.yp.to/libtai/tai64.html with the 10 s TAI-UTC offset of 1970 both implementations use),
 * then 4 bytes of nanoseconds with the low 24 bits cleared. Expected bytes are written out by hand
 * from that rule.
 */
class Tai64nTest {
    private static byte[] hex(String h) {
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void unixZeroIsTheLabelTwoToTheSixtyTwoPlusTen() {
        assertArrayEquals(hex("400000000000000a" + "00000000"), Tai64n.stamp(0, 0));
    }

    @Test
    void nanosecondsKeepOnlyTheirHighBits() {
        // 1.999999999 s: 999999999 = 0x3B9AC9FF, whitened to 0x3B000000.
        assertArrayEquals(hex("400000000000000b" + "3b000000"), Tai64n.stamp(1_000_000_000L, 999_999_999L));
    }

    @Test
    void anEpochAndVirtualTimeWhoseSumPassesALongStillStamp() {
        // Epoch Long.MAX_VALUE ns = 9223372036.854775807 s (2262-04-11T23:47:16.854775807Z), plus
        // 1.2 s of virtual time: 9223372038.054775807 s = 0x225C17D06 s, and 54775807 ns & ~0xFFFFFF = 0x3000000.
        assertArrayEquals(hex("4000000225c17d10" + "03000000"), Tai64n.stamp(Long.MAX_VALUE, 1_200_000_000L));
    }

    @Test
    void theLastSecondAPcapCanHoldStampsAndOrdersAfterTheSecondBefore() {
        byte[] last = Tai64n.stamp(0xFFFF_FFFFL * 1_000_000_000L, 0);
        assertArrayEquals(hex("4000000100000009" + "00000000"), last);
        assertTrue(Tai64n.after(last, Tai64n.stamp(0xFFFF_FFFEL * 1_000_000_000L, 999_999_999L)));
    }
}
