package dev.wgsim.engine.link;

import dev.wgsim.engine.random.Distribution;
import dev.wgsim.engine.random.Distributions;

/**
 * Everything one direction of a link does to packets, as a Linux netem/tbf user would set it.
 * Build with {@link #builder()}; every field has a harmless default (an ideal 1500-byte-MTU wire).
 *
 * @param delay propagation delay distribution, sampled in <b>nanoseconds</b> per packet (negative
 *     draws count as 0)
 * @param jitterNanos extra uniform delay in [-jitter, +jitter] per packet, as netem {@code delay D J}
 * @param jitterReorders whether jitter may reorder packets; when false a packet is never delivered
 *     before the one sent ahead of it (netem with a rate or {@code tfifo} behaviour)
 * @param rateBitsPerSecond serialization rate; 0 means unlimited (no queue)
 * @param queueLimitPackets drop-tail queue size in packets, including the one being serialized
 * @param loss random loss model
 * @param duplicateProbability chance a packet is delivered twice (each copy gets its own delay)
 * @param reorderProbability chance a packet skips the delay and jitter entirely (netem {@code reorder}),
 *     overtaking packets sent before it
 * @param mtuBytes largest IP packet carried; larger ones are dropped as {@code mtu}
 * @param corruptProbability chance a packet is corrupted in flight (netem {@code corrupt}); every byte
 *     of a simulated packet is under a checksum (IPv4 header, UDP/ICMP with pseudo-header), so the
 *     receiving stack discards it: it is dropped at arrival as {@code bad_checksum}
 */
public record LinkConfig(Distribution delay, long jitterNanos, boolean jitterReorders, long rateBitsPerSecond,
        int queueLimitPackets, LossModel loss, double duplicateProbability, double reorderProbability, int mtuBytes,
        double corruptProbability) {

    public static final int DEFAULT_MTU = 1500;
    /** netem's default {@code limit}. */
    public static final int DEFAULT_QUEUE = 1000;
    /** RFC 791: every IPv4 link must carry 68-byte packets. */
    public static final int MIN_MTU = 68;

    public LinkConfig {
        if (delay == null) {
            throw new IllegalArgumentException("delay is required");
        }
        if (!(delay.mean() >= 0)) {
            throw new IllegalArgumentException("delay must have a mean >= 0 ns, got " + delay.describe());
        }
        if (jitterNanos < 0) {
            throw new IllegalArgumentException("jitter must be >= 0, got " + jitterNanos + " ns");
        }
        if (rateBitsPerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 bit/s (0 = unlimited), got " + rateBitsPerSecond);
        }
        if (queueLimitPackets < 1) {
            throw new IllegalArgumentException("queue must be >= 1 packet, got " + queueLimitPackets);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss is required (use LossModel.NONE)");
        }
        checkProbability("duplicate", duplicateProbability);
        checkProbability("reorder", reorderProbability);
        checkProbability("corrupt", corruptProbability);
        if (mtuBytes < MIN_MTU || mtuBytes > 65535) {
            throw new IllegalArgumentException("mtu must be within " + MIN_MTU + "..65535 bytes, got " + mtuBytes);
        }
    }

    static void checkProbability(String field, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(field + " must be a probability in [0,1], got " + p);
        }
    }

    /** An ideal link: no delay, no limit, no loss, MTU 1500. */
    public static LinkConfig ideal() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration (e.g. to change loss mid-run). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.delay = delay;
        b.jitterNanos = jitterNanos;
        b.jitterReorders = jitterReorders;
        b.rate = rateBitsPerSecond;
        b.queue = queueLimitPackets;
        b.loss = loss;
        b.duplicate = duplicateProbability;
        b.reorder = reorderProbability;
        b.mtu = mtuBytes;
        b.corrupt = corruptProbability;
        return b;
    }

    /** Builder; validation happens in {@link #build()} and names the field. */
    public static final class Builder {
        private Distribution delay = Distributions.constant(0);
        private long jitterNanos;
        private boolean jitterReorders = true;
        private long rate;
        private int queue = DEFAULT_QUEUE;
        private LossModel loss = LossModel.NONE;
        private double duplicate;
        private double reorder;
        private int mtu = DEFAULT_MTU;
        private double corrupt;

        private Builder() {
        }

        /** A fixed propagation delay. */
        public Builder delayNanos(long nanos) {
            if (nanos < 0) {
                throw new IllegalArgumentException("delay must be >= 0 ns, got " + nanos);
            }
            this.delay = Distributions.constant(nanos);
            return this;
        }

        /** A random propagation delay; the distribution is sampled in nanoseconds. */
        public Builder delay(Distribution nanos) {
            this.delay = nanos;
            return this;
        }

        public Builder jitterNanos(long nanos) {
            this.jitterNanos = nanos;
            return this;
        }

        public Builder jitterReorders(boolean allowed) {
            this.jitterReorders = allowed;
            return this;
        }

        public Builder rateBitsPerSecond(long bps) {
            this.rate = bps;
            return this;
        }

        public Builder queuePackets(int packets) {
            this.queue = packets;
            return this;
        }

        public Builder loss(LossModel model) {
            this.loss = model;
            return this;
        }

        /** Bernoulli loss with probability {@code p}. */
        public Builder lossProbability(double p) {
            this.loss = p == 0 ? LossModel.NONE : new LossModel.Bernoulli(p);
            return this;
        }

        public Builder duplicateProbability(double p) {
            this.duplicate = p;
            return this;
        }

        public Builder reorderProbability(double p) {
            this.reorder = p;
            return this;
        }

        public Builder mtu(int bytes) {
            this.mtu = bytes;
            return this;
        }

        public Builder corruptProbability(double p) {
            this.corrupt = p;
            return this;
        }

        public LinkConfig build() {
            return new LinkConfig(delay, jitterNanos, jitterReorders, rate, queue, loss, duplicate, reorder, mtu, corrupt);
        }
    }
}
