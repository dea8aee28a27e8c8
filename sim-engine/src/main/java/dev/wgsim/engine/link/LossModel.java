package dev.wgsim.engine.link;

/**
 * How a link direction loses packets. The state of a stateful model (Gilbert-Elliott's good/bad)
 * lives in the link direction, so one model value can configure many links.
 */
public sealed interface LossModel permits LossModel.None, LossModel.Bernoulli, LossModel.GilbertElliott {

    /** No random loss. */
    None NONE = new None();

    /** No random loss. */
    record None() implements LossModel {
    }

    /** Each packet is lost independently with probability {@code p} (netem {@code loss random p}). */
    record Bernoulli(double p) implements LossModel {
        public Bernoulli {
            LinkConfig.checkProbability("loss.p", p);
        }
    }

    /**
     * The Gilbert-Elliott two-state channel (netem {@code loss gemodel p r 1-h 1-k}): per packet, the
     * packet is lost with the current state's probability, then the state moves good to bad with
     * probability {@code p} or bad to good with probability {@code r}. Bad periods last 1/r packets
     * on average; the stationary share of the bad state is p/(p+r), so the long-run loss rate is
     * (r * lossGood + p * lossBad) / (p + r).
     */
    record GilbertElliott(double p, double r, double lossGood, double lossBad) implements LossModel {
        public GilbertElliott {
            LinkConfig.checkProbability("loss.p", p);
            LinkConfig.checkProbability("loss.r", r);
            LinkConfig.checkProbability("loss.lossGood", lossGood);
            LinkConfig.checkProbability("loss.lossBad", lossBad);
            if (p + r == 0) {
                throw new IllegalArgumentException("loss.p and loss.r cannot both be 0 (the channel would never change state)");
            }
        }

        /** The simple Gilbert model: no loss in good, all packets lost in bad. */
        public static GilbertElliott gilbert(double p, double r) {
            return new GilbertElliott(p, r, 0, 1);
        }

        /** Long-run fraction of packets lost. */
        public double stationaryLoss() {
            return (r * lossGood + p * lossBad) / (p + r);
        }

        /** Mean length of a bad period, in packets. */
        public double meanBadRun() {
            return 1 / r;
        }
    }
}
