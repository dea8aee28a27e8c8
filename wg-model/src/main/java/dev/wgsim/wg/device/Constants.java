package dev.wgsim.wg.device;

import dev.wgsim.wg.session.ReplayWindow;

/**
 * Every protocol constant of a device (WIREGUARD.md §7.1, wireguard-go constants.go), times in
 * nanoseconds, message counts unsigned. {@link #DEFAULTS} holds the true values; scenarios
 * override single fields with the {@code with...} methods (e.g. a small rekeyAfterMessages).
 * The constructor validates the relations of §10 the state machine relies on.
 *
 * @param rekeyAfterMessages        REKEY_AFTER_MESSAGES (2^60), unsigned
 * @param rejectAfterMessages       REJECT_AFTER_MESSAGES (2^64 - 2^13 - 1), unsigned
 * @param rekeyAfterTime            REKEY_AFTER_TIME (120 s)
 * @param rejectAfterTime           REJECT_AFTER_TIME (180 s); keys are zeroed 3x this after the last session
 * @param rekeyAttemptTime          REKEY_ATTEMPT_TIME (90 s); with rekeyTimeout gives MAX_TIMER_HANDSHAKES
 * @param rekeyTimeout              REKEY_TIMEOUT (5 s): retransmit interval and handshake spacing
 * @param rekeyTimeoutJitterMaxMs   jitter is a whole number of ms in [0, this) (334)
 * @param keepaliveTimeout          KEEPALIVE_TIMEOUT (10 s)
 * @param cookieRefreshTime         COOKIE_REFRESH_TIME (120 s)
 * @param handshakeInitiationRate   minimum spacing of accepted initiations per peer (20 ms)
 * @param stagedQueueSize           packets held per peer while no session exists (128)
 * @param handshakeQueueSize        capacity of the modelled handshake queue (1024)
 * @param underLoadAfterTime        a device stays under load this long after the queue was 1/8 full (1 s)
 * @param handshakeCostNanos        modelled CPU time per handshake message in the queue (100 µs)
 * @param mtu                       tunnel MTU for padding (1420)
 */
public record Constants(
        long rekeyAfterMessages,
        long rejectAfterMessages,
        long rekeyAfterTime,
        long rejectAfterTime,
        long rekeyAttemptTime,
        long rekeyTimeout,
        int rekeyTimeoutJitterMaxMs,
        long keepaliveTimeout,
        long cookieRefreshTime,
        long handshakeInitiationRate,
        int stagedQueueSize,
        int handshakeQueueSize,
        long underLoadAfterTime,
        long handshakeCostNanos,
        int mtu) {

    private static final long S = 1_000_000_000L;

    public static final Constants DEFAULTS = new Constants(
            1L << 60,
            ReplayWindow.REJECT_AFTER_MESSAGES,
            120 * S, 180 * S, 90 * S, 5 * S, 334, 10 * S, 120 * S,
            20_000_000L, 128, 1024, S, 100_000L, 1420);

    public Constants {
        positive("rekeyAfterTime", rekeyAfterTime);
        positive("rejectAfterTime", rejectAfterTime);
        positive("rekeyAttemptTime", rekeyAttemptTime);
        positive("rekeyTimeout", rekeyTimeout);
        positive("keepaliveTimeout", keepaliveTimeout);
        positive("cookieRefreshTime", cookieRefreshTime);
        nonNegative("handshakeInitiationRate", handshakeInitiationRate);
        positive("rekeyTimeoutJitterMaxMs", rekeyTimeoutJitterMaxMs);
        positive("stagedQueueSize", stagedQueueSize);
        positive("handshakeQueueSize", handshakeQueueSize);
        nonNegative("underLoadAfterTime", underLoadAfterTime);
        nonNegative("handshakeCostNanos", handshakeCostNanos);
        if (mtu < 576 || mtu > 65535) {
            throw new IllegalArgumentException("mtu must be in [576, 65535], got " + mtu);
        }
        if (rekeyAttemptTime < rekeyTimeout) {
            throw new IllegalArgumentException("rekeyAttemptTime must be >= rekeyTimeout");
        }
        if (rekeyAfterTime >= rejectAfterTime - keepaliveTimeout - rekeyTimeout) {
            throw new IllegalArgumentException("rekeyAfterTime must be < rejectAfterTime - keepaliveTimeout - rekeyTimeout ("
                    + rekeyAfterTime + " >= " + (rejectAfterTime - keepaliveTimeout - rekeyTimeout) + " ns)");
        }
        if (rekeyAfterMessages == 0 || Long.compareUnsigned(rekeyAfterMessages, rejectAfterMessages) >= 0) {
            throw new IllegalArgumentException("rekeyAfterMessages must be in (0, rejectAfterMessages) unsigned");
        }
        if (Long.compareUnsigned(rejectAfterMessages, 2L * ReplayWindow.WINDOW_SIZE) < 0) {
            throw new IllegalArgumentException("rejectAfterMessages must be at least twice the replay window ("
                    + 2 * ReplayWindow.WINDOW_SIZE + ")");
        }
    }

    /** MAX_TIMER_HANDSHAKES = REKEY_ATTEMPT_TIME / REKEY_TIMEOUT (18). */
    public int maxTimerHandshakes() {
        return (int) (rekeyAttemptTime / rekeyTimeout);
    }

    /** Delay before all key material is wiped: 3 x REJECT_AFTER_TIME (540 s). */
    public long zeroKeyMaterialDelay() {
        return 3 * rejectAfterTime;
    }

    public Constants withRekeyAfterMessages(long v) {
        return new Constants(v, rejectAfterMessages, rekeyAfterTime, rejectAfterTime, rekeyAttemptTime, rekeyTimeout,
                rekeyTimeoutJitterMaxMs, keepaliveTimeout, cookieRefreshTime, handshakeInitiationRate, stagedQueueSize,
                handshakeQueueSize, underLoadAfterTime, handshakeCostNanos, mtu);
    }

    public Constants withRejectAfterMessages(long v) {
        return new Constants(rekeyAfterMessages, v, rekeyAfterTime, rejectAfterTime, rekeyAttemptTime, rekeyTimeout,
                rekeyTimeoutJitterMaxMs, keepaliveTimeout, cookieRefreshTime, handshakeInitiationRate, stagedQueueSize,
                handshakeQueueSize, underLoadAfterTime, handshakeCostNanos, mtu);
    }

    public Constants withTimes(long rekeyAfterTime, long rejectAfterTime, long rekeyAttemptTime, long rekeyTimeout,
                               long keepaliveTimeout) {
        return new Constants(rekeyAfterMessages, rejectAfterMessages, rekeyAfterTime, rejectAfterTime, rekeyAttemptTime,
                rekeyTimeout, rekeyTimeoutJitterMaxMs, keepaliveTimeout, cookieRefreshTime, handshakeInitiationRate,
                stagedQueueSize, handshakeQueueSize, underLoadAfterTime, handshakeCostNanos, mtu);
    }

    public Constants withLoadModel(int handshakeQueueSize, long underLoadAfterTime, long handshakeCostNanos) {
        return new Constants(rekeyAfterMessages, rejectAfterMessages, rekeyAfterTime, rejectAfterTime, rekeyAttemptTime,
                rekeyTimeout, rekeyTimeoutJitterMaxMs, keepaliveTimeout, cookieRefreshTime, handshakeInitiationRate,
                stagedQueueSize, handshakeQueueSize, underLoadAfterTime, handshakeCostNanos, mtu);
    }

    public Constants withStagedQueueSize(int v) {
        return new Constants(rekeyAfterMessages, rejectAfterMessages, rekeyAfterTime, rejectAfterTime, rekeyAttemptTime,
                rekeyTimeout, rekeyTimeoutJitterMaxMs, keepaliveTimeout, cookieRefreshTime, handshakeInitiationRate, v,
                handshakeQueueSize, underLoadAfterTime, handshakeCostNanos, mtu);
    }

    public Constants withMtu(int v) {
        return new Constants(rekeyAfterMessages, rejectAfterMessages, rekeyAfterTime, rejectAfterTime, rekeyAttemptTime,
                rekeyTimeout, rekeyTimeoutJitterMaxMs, keepaliveTimeout, cookieRefreshTime, handshakeInitiationRate,
                stagedQueueSize, handshakeQueueSize, underLoadAfterTime, handshakeCostNanos, v);
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + v);
        }
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + v);
        }
    }
}
