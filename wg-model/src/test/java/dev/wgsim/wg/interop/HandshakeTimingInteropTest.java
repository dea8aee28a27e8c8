package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.live.LiveDriver;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Measures a full handshake against wireguard-go on loopback: from our initiation leaving the
 * device to our device consuming wireguard-go's response (one round trip plus both sides' Noise
 * work). Prints the median of N; the bound asserted is loose, it only catches something broken
 * (e.g. a handshake that needed a retransmission).
 */
class HandshakeTimingInteropTest {

    private static final int ROUNDS = 25;

    @Test
    void medianHandshakeTimeOnLoopback() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            pair.ping(); // warm up both sides (JIT, wireguard-go goroutines)
            long[] micros = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                // A fresh peer object on our side forces a new handshake; wireguard-go accepts it
                // because the TAI64N is newer and more than 20 ms passed since the previous one.
                Thread.sleep(25);
                pair.removeGoPeer();
                pair.addGoPeer(true);
                int mark = pair.driver.events().size();
                pair.sendPing();
                LiveDriver.TimedEvent start = pair.driver.awaitEvent(WgEvent.HandshakeInitiated.class, mark, 10, TimeUnit.SECONDS);
                LiveDriver.TimedEvent done = pair.driver.awaitEvent(WgEvent.HandshakeCompleted.class, mark, 10, TimeUnit.SECONDS);
                assertNotNull(start, "round " + i + ": no initiation");
                assertNotNull(done, "round " + i + ": no handshake; drops " + pair.driver.dropSummary());
                micros[i] = (done.atNanos() - start.atNanos()) / 1000;
            }
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            long median = sorted[ROUNDS / 2];
            System.out.printf("handshake with wireguard-go on loopback over %d rounds: median %.3f ms, min %.3f ms,"
                            + " p90 %.3f ms, max %.3f ms%n", ROUNDS, median / 1000.0, sorted[0] / 1000.0,
                    sorted[(int) (ROUNDS * 0.9)] / 1000.0, sorted[ROUNDS - 1] / 1000.0);
            // A figure, not a bound: a loaded machine may be slow; speed belongs in benchmarks.
            assertTrue(sorted[0] > 0, "every round timed a real handshake");
        }
    }
}
