package dev.wgsim.scenario.tailnet.control;

/**
 * Server settings, Headscale's defaults: changes batched for 800 ms, a keepalive every 50 s plus
 * up to 9 s of jitter, node keys that never expire unless {@code keyExpiry} is set.
 */
public record ControlConfig(long batchDelay, long keepalive, long keepaliveJitter, long keyExpiry) {
    public static final ControlConfig DEFAULTS = new ControlConfig(800_000_000L, 50_000_000_000L, 9_000_000_000L, Node.NEVER);

    public ControlConfig {
        if (batchDelay < 0 || keepalive <= 0 || keepaliveJitter < 0 || keyExpiry <= 0) {
            throw new IllegalArgumentException("control timings must be positive (batch delay may be 0)");
        }
    }

    public ControlConfig withKeyExpiry(long e) {
        return new ControlConfig(batchDelay, keepalive, keepaliveJitter, e);
    }

    public ControlConfig withBatchDelay(long d) {
        return new ControlConfig(d, keepalive, keepaliveJitter, keyExpiry);
    }
}
