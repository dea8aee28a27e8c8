package dev.wgsim.wg.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The kernel's selftest/counter.c sequence (= wireguard-go replay_test.go), WIREGUARD.md §6.1. */
class ReplayWindowTest {

    private static final long W = ReplayWindow.WINDOW_SIZE;
    private static final long L = W + 1;
    /** wireguard-go: 2^64 - 2^13 - 1. */
    private static final long GO_LIMIT = ReplayWindow.REJECT_AFTER_MESSAGES;
    /** Linux: 2^64 - 8130. */
    private static final long KERNEL_LIMIT = -8130L;

    @Test
    void rejectAfterMessagesIsTwoTo64MinusTwoTo13MinusOne() {
        assertEquals("18446744073709543423", Long.toUnsignedString(ReplayWindow.REJECT_AFTER_MESSAGES));
        assertEquals("18446744073709543486", Long.toUnsignedString(KERNEL_LIMIT));
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(longs = {GO_LIMIT, KERNEL_LIMIT})
    void knownAnswerTable(long r) {
        long[][] table = {
            {0, 1}, {1, 1}, {1, 0}, {9, 1}, {8, 1}, {7, 1}, {7, 0}, {L, 1}, {L - 1, 1}, {L - 1, 0},
            {L - 2, 1}, {2, 1}, {2, 0}, {L + 16, 1}, {3, 0}, {L + 16, 0}, {4 * L, 1},
            {4 * L - (L - 1), 1}, {10, 0}, {4 * L - L, 0}, {4 * L - (L + 1), 0},
            {4 * L - (L - 2), 1}, {4 * L + 1 - L, 0}, {0, 0},
            {r, 0}, {r - 1, 1}, {r, 0}, {r - 1, 0}, {r - 2, 1}, {r + 1, 0}, {r + 2, 0}, {r - 2, 0},
            {r - 3, 1}, {0, 0},
        };
        ReplayWindow window = new ReplayWindow(r);
        for (int i = 0; i < table.length; i++) {
            boolean expected = table[i][1] == 1;
            assertEquals(expected, window.accept(table[i][0]),
                    "step " + (i + 1) + ": counter " + Long.toUnsignedString(table[i][0]));
        }
        // The literal values of the table, so a mistake in L cannot hide.
        assertEquals(8145, L + 16);
        assertEquals(32516, 4 * L);
        assertEquals(24388, 4 * L - (L - 1));
    }

    @Test
    void bulk1AscendingFromOneThenZeroOnce() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 1; c <= W; c++) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertTrue(w.accept(0));
        assertFalse(w.accept(0));
    }

    @Test
    void bulk2AscendingFromTwoThenOneThenZeroTooOld() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 2; c <= W + 1; c++) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertTrue(w.accept(1));
        assertFalse(w.accept(0));
    }

    @Test
    void bulk3DescendingKernelVariant() {
        ReplayWindow w = new ReplayWindow();
        for (long c = W; c >= 0; c--) {
            assertTrue(w.accept(c), "counter " + c);
        }
    }

    @Test
    void bulk3DescendingGoVariant() {
        ReplayWindow w = new ReplayWindow();
        for (long c = W + 1; c >= 1; c--) {
            assertTrue(w.accept(c), "counter " + c);
        }
    }

    @Test
    void bulk4DescendingKernelVariantThenZeroTooOld() {
        ReplayWindow w = new ReplayWindow();
        for (long c = W + 1; c >= 1; c--) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertFalse(w.accept(0));
    }

    @Test
    void bulk4DescendingGoVariantThenZeroTooOld() {
        ReplayWindow w = new ReplayWindow();
        for (long c = W + 2; c >= 2; c--) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertFalse(w.accept(0));
    }

    @Test
    void bulk5DescendingThenAdvanceByOneDropsZero() {
        ReplayWindow w = new ReplayWindow();
        for (long c = W; c >= 1; c--) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertTrue(w.accept(W + 1));
        assertFalse(w.accept(0));
    }

    @Test
    void bulk6DescendingThenZeroThenAdvance() {
        ReplayWindow w = new ReplayWindow();
        for (long c = W; c >= 1; c--) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertTrue(w.accept(0));
        assertTrue(w.accept(W + 1));
    }

    @Test
    void aJumpOfMoreThanTheRingClearsEveryOldBit() {
        ReplayWindow w = new ReplayWindow();
        for (long c = 0; c < 200; c++) {
            assertTrue(w.accept(c));
        }
        long far = 1_000_000L;
        assertTrue(w.accept(far));
        // Same ring slots as 0..199 (far away by a multiple of 8192 is not needed: all cleared).
        for (long c = far - W; c < far; c++) {
            assertTrue(w.accept(c), "counter " + c);
        }
        assertFalse(w.accept(far - W - 1));
    }

    @Test
    void resetForgetsEverything() {
        ReplayWindow w = new ReplayWindow();
        assertTrue(w.accept(5));
        assertTrue(w.accept(100_000));
        w.reset();
        assertEquals(0, w.last());
        assertTrue(w.accept(5));
        assertTrue(w.accept(0));
    }

    @Test
    void smallLimitRejectsAtTheLimit() {
        ReplayWindow w = new ReplayWindow(10);
        assertTrue(w.accept(9));
        assertFalse(w.accept(10));
        assertFalse(w.accept(-1L));
        assertEquals(9, w.last());
    }

    @Test
    void zeroLimitIsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0));
    }
}
