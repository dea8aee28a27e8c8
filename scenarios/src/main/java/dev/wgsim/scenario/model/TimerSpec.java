package dev.wgsim.scenario.model;

import java.util.OptionalLong;

/**
 * Per-device overrides of WireGuard's timer and counter constants; empty means the protocol's
 * own value (REKEY_AFTER_TIME 120 s and so on). Times are nanoseconds.
 */
public record TimerSpec(
        OptionalLong rekeyAfterTime,
        OptionalLong rejectAfterTime,
        OptionalLong rekeyAttemptTime,
        OptionalLong rekeyTimeout,
        OptionalLong keepaliveTimeout,
        OptionalLong rekeyAfterMessages,
        OptionalLong rejectAfterMessages) {

    public static final TimerSpec DEFAULTS = new TimerSpec(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
}
