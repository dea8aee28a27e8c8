package dev.wgsim.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimatedSamplesTest {

    @Test
    void keepsEverythingUpToCapacity() {
        DecimatedSamples s = new DecimatedSamples(100);
        for (int i = 0; i < 100; i++) {
            s.record(i, 10L * i);
        }
        assertEquals(100, s.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, s.timeAt(i));
            assertEquals(10L * i, s.valueAt(i));
        }
    }

    @Test
    void staysWithinCapacityAndUniformByCount() {
        for (int n : new int[] {20_001, 39_999, 40_000, 40_001, 123_457, 1_000_000}) {
            DecimatedSamples s = new DecimatedSamples();
            for (int i = 0; i < n; i++) {
                s.record(i, i);
            }
            assertEquals(n, s.seen());
            assertTrue(s.size() <= DecimatedSamples.DEFAULT_CAPACITY, "n=" + n + " size=" + s.size());
            assertTrue(s.size() >= DecimatedSamples.DEFAULT_CAPACITY / 2, "n=" + n + " size=" + s.size());
            // Evenly spaced: sample k is arrival k * stride, with one stride for the whole list.
            long stride = s.timeAt(1) - s.timeAt(0);
            assertEquals(0, s.timeAt(0));
            for (int k = 0; k < s.size(); k++) {
                assertEquals(k * stride, s.timeAt(k), "n=" + n + " k=" + k);
            }
            // And it reaches the end of the series: the last kept arrival is within one stride of n.
            assertTrue(n - 1 - s.timeAt(s.size() - 1) < stride, "n=" + n);
        }
    }

    @Test
    void oddCapacityStaysUniform() {
        DecimatedSamples s = new DecimatedSamples(5);
        for (int i = 0; i < 37; i++) {
            s.record(i, i);
        }
        long stride = s.timeAt(1) - s.timeAt(0);
        for (int k = 0; k < s.size(); k++) {
            assertEquals(k * stride, s.timeAt(k));
        }
        assertTrue(s.size() <= 5);
        assertThrows(IndexOutOfBoundsException.class, () -> s.timeAt(s.size()));
        assertThrows(IllegalArgumentException.class, () -> new DecimatedSamples(1));
    }
}
