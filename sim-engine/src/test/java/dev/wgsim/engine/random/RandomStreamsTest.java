package dev.wgsim.engine.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] draws(RandomStream s, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedAndNameGiveTheSameSequence() {
        long[] a = draws(new RandomStreams(7).stream("link/home-isp/loss"), 1000);
        long[] b = draws(new RandomStreams(7).stream("link/home-isp/loss"), 1000);
        assertArrayEquals(a, b);
    }

    @Test
    void drawsMatchAnIndependentReimplementationOfTheDerivation() {
        // Expected values from a separate Python script: state = SHA-256("wgsim/stream\0" | seed as
        // 8 big-endian bytes | UTF-8 name)[0..16) as two big-endian longs, then xoroshiro128++ as in
        // Blackman & Vigna's reference. Changing either changes every stored trace, so it must be loud.
        long[] first = draws(new RandomStreams(1).stream("node/phone/wg"), 3);
        assertArrayEquals(new long[] {-6467734917350640718L, 1997768494330788487L, 280945839545273290L}, first);
    }

    @Test
    void sameNameReturnsTheSameInstance() {
        RandomStreams streams = new RandomStreams(3);
        RandomStream s = streams.stream("a");
        assertSame(s, streams.stream("a"));
        assertEquals("a", s.name());
        assertEquals(3, streams.seed());
    }

    @Test
    void differentNamesOrSeedsDiffer() {
        long[] base = draws(new RandomStreams(7).stream("link/a/loss"), 100);
        assertFalse(Arrays.equals(base, draws(new RandomStreams(7).stream("link/a/delay"), 100)));
        assertFalse(Arrays.equals(base, draws(new RandomStreams(8).stream("link/a/loss"), 100)));
        // Names that differ only at the end, or by case, are different streams too.
        assertFalse(Arrays.equals(base, draws(new RandomStreams(7).stream("link/a/loss "), 100)));
        assertFalse(Arrays.equals(base, draws(new RandomStreams(7).stream("LINK/a/loss"), 100)));
    }

    @Test
    void addingAStreamDoesNotChangeExistingStreamsWhateverTheCreationOrder() {
        RandomStreams before = new RandomStreams(42);
        RandomStream a1 = before.stream("node/a");
        RandomStream b1 = before.stream("node/b");
        long[] aBefore = new long[50];
        long[] bBefore = new long[50];
        for (int i = 0; i < 50; i++) {
            aBefore[i] = a1.nextLong();
            bBefore[i] = b1.nextLong();
        }

        RandomStreams after = new RandomStreams(42);
        RandomStream fresh = after.stream("node/new");
        fresh.nextLong();
        RandomStream b2 = after.stream("node/b"); // created in the other order
        RandomStream a2 = after.stream("node/a");
        long[] aAfter = new long[50];
        long[] bAfter = new long[50];
        for (int i = 0; i < 50; i++) {
            bAfter[i] = b2.nextLong();
            fresh.nextLong();
            aAfter[i] = a2.nextLong();
        }
        assertArrayEquals(aBefore, aAfter);
        assertArrayEquals(bBefore, bAfter);
    }

    @Test
    void boundedIntsAreInRangeAndRoughlyUniform() {
        RandomStream s = new RandomStreams(5).stream("ints");
        int bound = 7;
        int n = 70_000;
        int[] counts = new int[bound];
        for (int i = 0; i < n; i++) {
            int v = s.nextInt(bound);
            assertTrue(v >= 0 && v < bound);
            counts[v]++;
        }
        // Chi-square with 6 degrees of freedom: 22.46 is the 0.999 quantile.
        double expected = (double) n / bound;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 22.46, "chi2=" + chi2 + " counts=" + Arrays.toString(counts));
        assertThrows(IllegalArgumentException.class, () -> s.nextInt(0));
        assertEquals(0, s.nextInt(1));
    }

    @Test
    void doublesAreInUnitIntervalAndBytesFilled() {
        RandomStream s = new RandomStreams(5).stream("d");
        for (int i = 0; i < 10_000; i++) {
            double d = s.nextDouble();
            assertTrue(d >= 0 && d < 1);
        }
        byte[] b = new byte[13];
        s.nextBytes(b);
        assertFalse(Arrays.equals(new byte[13], b));
        byte[] again = new byte[13];
        RandomStream t = new RandomStreams(5).stream("d");
        for (int i = 0; i < 10_000; i++) {
            t.nextDouble();
        }
        t.nextBytes(again);
        assertArrayEquals(b, again);
    }

    @Test
    void bernoulliRateWithinHonestTolerance() {
        RandomStream s = new RandomStreams(11).stream("loss");
        int n = 200_000;
        double p = 0.03;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            if (s.bernoulli(p)) {
                hits++;
            }
        }
        double sd = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, hits, 5 * sd, "hits=" + hits);
        for (int i = 0; i < 1000; i++) {
            assertFalse(s.bernoulli(0));
            assertTrue(s.bernoulli(1));
        }
        assertThrows(IllegalArgumentException.class, () -> s.bernoulli(1.5));
        assertThrows(IllegalArgumentException.class, () -> s.bernoulli(Double.NaN));
    }

    @Test
    void emptyOrNullNamesAreRejected() {
        RandomStreams streams = new RandomStreams(1);
        assertThrows(IllegalArgumentException.class, () -> streams.stream(""));
        assertThrows(NullPointerException.class, () -> streams.stream(null));
    }
}
