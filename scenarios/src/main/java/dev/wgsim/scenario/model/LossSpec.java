package dev.wgsim.scenario.model;

/** A loss model for one link direction. */
public sealed interface LossSpec {
    LossSpec NONE = new Bernoulli(0.0);

    /** Each packet lost independently with probability p. */
    record Bernoulli(double p) implements LossSpec {
    }

    /**
     * Two-state bursty loss: p = P(good -> bad), r = P(bad -> good) per packet; lossGood and
     * lossBad are the loss probabilities in each state.
     */
    record GilbertElliott(double p, double r, double lossGood, double lossBad) implements LossSpec {
    }
}
