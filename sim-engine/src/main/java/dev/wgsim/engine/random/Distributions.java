package dev.wgsim.engine.random;

import java.util.Arrays;

/**
 * Factories for the distributions scenarios use for delays, sizes and intervals. Every draw is an
 * inverse-CDF (or polar-method) transform of the stream's uniforms, so the number of draws per
 * sample is fixed and known. Parameters are validated; a message names the bad parameter.
 */
public final class Distributions {

    private Distributions() {
    }

    /** Always {@code value}; draws nothing from the stream. */
    public static Distribution constant(double value) {
        requireFinite("value", value);
        return new Constant(value);
    }

    /** Exponential with the given mean (rate 1/mean). */
    public static Distribution exponential(double mean) {
        requirePositive("mean", mean);
        return new Exponential(mean);
    }

    /** Normal (Gaussian) with the given mean and standard deviation. */
    public static Distribution normal(double mean, double sd) {
        requireFinite("mean", mean);
        requireFinite("sd", sd);
        if (sd < 0) {
            throw new IllegalArgumentException("sd must be >= 0, was " + sd);
        }
        return new Normal(mean, sd);
    }

    /** Uniform on [lo, hi). */
    public static Distribution uniform(double lo, double hi) {
        requireFinite("lo", lo);
        requireFinite("hi", hi);
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("hi must be >= lo, was lo=" + lo + " hi=" + hi);
        }
        return new Uniform(lo, hi);
    }

    /** Pareto (type I) with minimum {@code scale} and tail index {@code shape}. */
    public static Distribution pareto(double scale, double shape) {
        requirePositive("scale", scale);
        requirePositive("shape", shape);
        return new Pareto(scale, shape);
    }

    /** Log-normal: exp(N(mu, sigma)). */
    public static Distribution logNormal(double mu, double sigma) {
        requireFinite("mu", mu);
        requireFinite("sigma", sigma);
        if (sigma < 0) {
            throw new IllegalArgumentException("sigma must be >= 0, was " + sigma);
        }
        return new LogNormal(mu, sigma);
    }

    /**
     * An empirical distribution from a CDF table: {@code P(X <= values[i]) = cumulativeProbabilities[i]},
     * linearly interpolated between points. Values and probabilities must be non-decreasing, the
     * probabilities in [0, 1] and the last exactly 1. A first probability above 0 is a point mass
     * at {@code values[0]}.
     */
    public static Distribution empirical(double[] values, double[] cumulativeProbabilities) {
        if (values == null || cumulativeProbabilities == null) {
            throw new IllegalArgumentException("values and cumulativeProbabilities must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        if (values.length != cumulativeProbabilities.length) {
            throw new IllegalArgumentException("values (" + values.length + ") and cumulativeProbabilities ("
                    + cumulativeProbabilities.length + ") must have the same length");
        }
        for (int i = 0; i < values.length; i++) {
            requireFinite("values[" + i + "]", values[i]);
            double p = cumulativeProbabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("cumulativeProbabilities[" + i + "] must be in [0, 1], was " + p);
            }
            if (i > 0 && values[i] < values[i - 1]) {
                throw new IllegalArgumentException("values must be non-decreasing: values[" + i + "]=" + values[i]
                        + " < values[" + (i - 1) + "]=" + values[i - 1]);
            }
            if (i > 0 && p < cumulativeProbabilities[i - 1]) {
                throw new IllegalArgumentException("cumulativeProbabilities must be non-decreasing at index " + i);
            }
        }
        if (cumulativeProbabilities[cumulativeProbabilities.length - 1] != 1.0) {
            throw new IllegalArgumentException("the last cumulativeProbabilities entry must be 1, was "
                    + cumulativeProbabilities[cumulativeProbabilities.length - 1]);
        }
        return new Empirical(values.clone(), cumulativeProbabilities.clone());
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
        }
    }

    /** See {@link Distributions#constant}. */
    public record Constant(double value) implements Distribution {
        @Override public double sample(RandomStream rng) { return value; }
        @Override public double mean() { return value; }
        @Override public String describe() { return "constant(" + value + ")"; }
    }

    /** See {@link Distributions#exponential}. */
    public record Exponential(double mean) implements Distribution {
        @Override public double sample(RandomStream rng) { return rng.exponential(mean); }
        @Override public String describe() { return "exponential(mean=" + mean + ")"; }
    }

    /** See {@link Distributions#normal}. */
    public record Normal(double mean, double sd) implements Distribution {
        @Override public double sample(RandomStream rng) { return mean + sd * rng.nextGaussian(); }
        @Override public String describe() { return "normal(mean=" + mean + ", sd=" + sd + ")"; }
    }

    /** See {@link Distributions#uniform}. */
    public record Uniform(double lo, double hi) implements Distribution {
        @Override public double sample(RandomStream rng) { return lo + (hi - lo) * rng.nextDouble(); }
        @Override public double mean() { return (lo + hi) / 2; }
        @Override public String describe() { return "uniform(lo=" + lo + ", hi=" + hi + ")"; }
    }

    /** See {@link Distributions#pareto}. */
    public record Pareto(double scale, double shape) implements Distribution {
        @Override public double sample(RandomStream rng) {
            // 1 - u is in (0, 1], so the power is finite.
            return scale / Math.pow(1 - rng.nextDouble(), 1 / shape);
        }
        @Override public double mean() { return shape <= 1 ? Double.POSITIVE_INFINITY : shape * scale / (shape - 1); }
        @Override public String describe() { return "pareto(scale=" + scale + ", shape=" + shape + ")"; }
    }

    /** See {@link Distributions#logNormal}. */
    public record LogNormal(double mu, double sigma) implements Distribution {
        @Override public double sample(RandomStream rng) { return Math.exp(mu + sigma * rng.nextGaussian()); }
        @Override public double mean() { return Math.exp(mu + sigma * sigma / 2); }
        @Override public String describe() { return "logNormal(mu=" + mu + ", sigma=" + sigma + ")"; }
    }

    /** See {@link Distributions#empirical}. Arrays are private copies; do not mutate them. */
    public record Empirical(double[] values, double[] cumulativeProbabilities) implements Distribution {
        @Override public double sample(RandomStream rng) {
            double u = rng.nextDouble();
            double[] cp = cumulativeProbabilities;
            if (u < cp[0]) {
                return values[0];
            }
            // First index with cp[i] > u exists because cp[last] == 1 > u.
            int i = Arrays.binarySearch(cp, u);
            if (i >= 0) {
                while (i < cp.length - 1 && cp[i] <= u) {
                    i++;
                }
            } else {
                i = -i - 1;
            }
            double p0 = cp[i - 1];
            double p1 = cp[i];
            double v0 = values[i - 1];
            return v0 + (values[i] - v0) * (u - p0) / (p1 - p0);
        }

        @Override public double mean() {
            double m = cumulativeProbabilities[0] * values[0];
            for (int i = 1; i < values.length; i++) {
                m += (cumulativeProbabilities[i] - cumulativeProbabilities[i - 1]) * (values[i] + values[i - 1]) / 2;
            }
            return m;
        }

        @Override public String describe() {
            return "empirical(values=" + Arrays.toString(values) + ", cdf=" + Arrays.toString(cumulativeProbabilities) + ")";
        }

        @Override public boolean equals(Object o) {
            return o instanceof Empirical e && Arrays.equals(values, e.values)
                    && Arrays.equals(cumulativeProbabilities, e.cumulativeProbabilities);
        }

        @Override public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(cumulativeProbabilities);
        }

        @Override public String toString() {
            return describe();
        }
    }
}
