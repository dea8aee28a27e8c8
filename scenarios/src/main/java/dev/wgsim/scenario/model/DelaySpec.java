package dev.wgsim.scenario.model;

/** A propagation delay: a fixed value or a distribution (all times in nanoseconds). */
public sealed interface DelaySpec {
    /** The mean, for summaries and sanity checks. */
    double meanNanos();

    record Fixed(long nanos) implements DelaySpec {
        public double meanNanos() { return nanos; }
    }

    record Uniform(long min, long max) implements DelaySpec {
        public double meanNanos() { return (min + max) / 2.0; }
    }

    record Normal(long mean, long stddev) implements DelaySpec {
        public double meanNanos() { return mean; }
    }

    record Exponential(long mean) implements DelaySpec {
        public double meanNanos() { return mean; }
    }

    record Pareto(long scale, double shape) implements DelaySpec {
        public double meanNanos() { return shape > 1 ? shape * scale / (shape - 1) : Double.POSITIVE_INFINITY; }
    }

    record LogNormal(long median, double sigma) implements DelaySpec {
        public double meanNanos() { return median * Math.exp(sigma * sigma / 2); }
    }
}
