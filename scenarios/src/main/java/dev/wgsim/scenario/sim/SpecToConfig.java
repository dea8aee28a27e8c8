package dev.wgsim.scenario.sim;

import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.link.LossModel;
import dev.wgsim.engine.nat.Behavior;
import dev.wgsim.engine.nat.NatConfig;
import dev.wgsim.engine.nat.PortAllocation;
import dev.wgsim.engine.random.Distributions;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LossSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.TimerSpec;
import dev.wgsim.wg.device.Constants;

/** Translates the scenario's link, NAT and timer records into the engine's and wg-model's configurations. */
public final class SpecToConfig {
    private SpecToConfig() {
    }

    static LinkConfig link(LinkDirectionSpec d) {
        LinkConfig.Builder b = LinkConfig.builder()
                .jitterNanos(d.jitter())
                .rateBitsPerSecond(d.rate())
                .queuePackets(d.queuePackets())
                .duplicateProbability(d.duplicate())
                .reorderProbability(d.reorder())
                .mtu(d.mtu())
                .loss(loss(d.loss()));
        DelaySpec delay = d.delay();
        if (delay instanceof DelaySpec.Fixed f) {
            b.delayNanos(f.nanos());
        } else if (delay instanceof DelaySpec.Uniform u) {
            b.delay(Distributions.uniform(u.min(), u.max()));
        } else if (delay instanceof DelaySpec.Normal n) {
            b.delay(Distributions.normal(n.mean(), n.stddev()));
        } else if (delay instanceof DelaySpec.Exponential e) {
            b.delay(Distributions.exponential(e.mean()));
        } else if (delay instanceof DelaySpec.Pareto p) {
            b.delay(Distributions.pareto(p.scale(), p.shape()));
        } else if (delay instanceof DelaySpec.LogNormal l) {
            b.delay(Distributions.logNormal(Math.log(l.median()), l.sigma()));
        }
        return b.build();
    }

    static LossModel loss(LossSpec l) {
        if (l instanceof LossSpec.GilbertElliott g) {
            return new LossModel.GilbertElliott(g.p(), g.r(), g.lossGood(), g.lossBad());
        }
        double p = ((LossSpec.Bernoulli) l).p();
        return p == 0 ? new LossModel.None() : new LossModel.Bernoulli(p);
    }

    static NatConfig nat(NatSpec n) {
        NatConfig.Builder b = NatConfig.builder()
                .ports(PortAllocation.valueOf(n.portAllocation().name()))
                .portRange(n.portLow(), n.portHigh())
                .mappingTimeoutNanos(n.timeout())
                .hairpinning(n.hairpin());
        if (n.mapping() == NatSpec.Mapping.ONE_TO_ONE) {
            b.oneToOne(true);
        } else {
            b.mapping(behavior(n.mapping())).filtering(behavior(n.filtering()));
        }
        return b.build();
    }

    private static Behavior behavior(NatSpec.Mapping m) {
        return Behavior.valueOf(m == NatSpec.Mapping.ONE_TO_ONE ? "ENDPOINT_INDEPENDENT" : m.name());
    }

    /** WireGuard's constants with a scenario's timer overrides; IllegalArgumentException if they contradict each other. */
    public static Constants constants(TimerSpec t) {
        Constants c = Constants.DEFAULTS;
        c = c.withTimes(t.rekeyAfterTime().orElse(c.rekeyAfterTime()), t.rejectAfterTime().orElse(c.rejectAfterTime()),
                t.rekeyAttemptTime().orElse(c.rekeyAttemptTime()), t.rekeyTimeout().orElse(c.rekeyTimeout()),
                t.keepaliveTimeout().orElse(c.keepaliveTimeout()));
        if (t.rekeyAfterMessages().isPresent()) {
            c = c.withRekeyAfterMessages(t.rekeyAfterMessages().getAsLong());
        }
        if (t.rejectAfterMessages().isPresent()) {
            c = c.withRejectAfterMessages(t.rejectAfterMessages().getAsLong());
        }
        return c;
    }
}
