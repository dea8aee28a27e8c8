package dev.wgsim.scenario.model;

/**
 * One direction of a link, netem-style.
 *
 * @param delay        propagation delay model
 * @param jitter       extra uniform delay in [0, jitter] nanoseconds
 * @param rate         bits per second, 0 = unlimited
 * @param queuePackets drop-tail queue bound in packets (only with a rate)
 * @param duplicate    probability a packet is delivered twice
 * @param reorder      probability a packet skips the delay (overtakes the queue)
 * @param mtu          largest IP packet in bytes
 */
public record LinkDirectionSpec(
        DelaySpec delay, long jitter, long rate, int queuePackets, LossSpec loss, double duplicate, double reorder, int mtu) {
}
