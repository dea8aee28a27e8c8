package dev.wgsim.engine.random;

/** A real-valued distribution that draws from a caller-supplied stream. */
public interface Distribution {

    /** One draw, using only {@code rng} for randomness. */
    double sample(RandomStream rng);

    /** The distribution's mean (may be infinite, e.g. Pareto with shape at most 1). */
    double mean();

    /** A short human-readable description, e.g. {@code exponential(mean=0.002)}. */
    String describe();
}
