package dev.wgsim.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-bin counts, sparse for rare adds and dense for frequent ones, against a map of sums kept by hand. */
class BinnedCounterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsEqualAPlainSumPerBinWhateverTheDensity() {
        // one add every 10 s (sparse throughout), every 2 s, every 0.5 s (dense at once), and bursts
        long[] gaps = {10 * SECOND, 2 * SECOND, SECOND / 2, 37 * SECOND};
        for (long gap : gaps) {
            SplittableRandom r = new SplittableRandom(gap);
            BinnedCounter c = new BinnedCounter(new TimeBins(0, SECOND));
            Map<Integer, Long> expected = new HashMap<>();
            int last = -1;
            for (long t = 3 * SECOND / 10; t < 900 * SECOND; t += gap + r.nextLong(SECOND / 10)) {
                long n = r.nextLong(1500);
                c.add(t, n);
                expected.merge((int) (t / SECOND), n, Long::sum);
                last = (int) (t / SECOND);
            }
            assertTrue(expected.size() > 10, "the pattern touched bins");
            assertEquals(last + 1, c.binCount());
            long sum = 0;
            for (int k = -1; k <= c.binCount() + 2; k++) {
                assertEquals(expected.getOrDefault(k, 0L), c.get(k), "gap " + gap + " bin " + k);
                sum += c.get(k);
            }
            assertEquals(expected.values().stream().mapToLong(Long::longValue).sum(), c.total());
            assertEquals(c.total(), sum);
        }
    }

    @Test
    void anEarlierBinAddedLaterStillCounts() {
        BinnedCounter c = new BinnedCounter(new TimeBins(0, SECOND));
        c.add(50 * SECOND, 5);
        c.add(10 * SECOND, 3);   // before the last touched bin (sparse: inserted in order)
        c.add(10 * SECOND, 4);
        c.add(30 * SECOND, 1);
        assertEquals(7, c.get(10));
        assertEquals(1, c.get(30));
        assertEquals(5, c.get(50));
        assertEquals(0, c.get(20));
        assertEquals(51, c.binCount());
        for (int k = 0; k < 51; k++) {
            c.add(k * SECOND, 1);   // now dense
        }
        assertEquals(8, c.get(10));
        assertEquals(6, c.get(50));
        assertEquals(1, c.get(0));
        assertEquals(13 + 51, c.total());
    }
}
