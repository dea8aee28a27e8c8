package dev.wgsim.engine.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.ParetoDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * Statistical checks with fixed seeds. Tolerances are 5 standard errors (or KS p-values above
 * 0.001), so with these seeds they pass, and a wrong mean or shape of a few percent fails.
 */
class DistributionsTest {

    private static final int N = 20_000;

    private static double[] sample(Distribution d, String streamName) {
        RandomStream rng = new RandomStreams(2026).stream(streamName);
        double[] xs = new double[N];
        for (int i = 0; i < N; i++) {
            xs[i] = d.sample(rng);
        }
        return xs;
    }

    private static void assertMeanWithin5StandardErrors(double[] xs, double expectedMean) {
        SummaryStatistics s = new SummaryStatistics();
        for (double x : xs) {
            s.addValue(x);
        }
        double se = s.getStandardDeviation() / Math.sqrt(s.getN());
        assertEquals(expectedMean, s.getMean(), 5 * se, "mean " + s.getMean() + " se " + se);
    }

    private static double ksPValue(RealDistribution reference, double[] xs) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(reference, xs);
    }

    @Test
    void exponentialMatchesCommonsMathByKs() {
        Distribution d = Distributions.exponential(0.002);
        double[] xs = sample(d, "exp");
        assertEquals(0.002, d.mean());
        assertMeanWithin5StandardErrors(xs, 0.002);
        assertTrue(ksPValue(new ExponentialDistribution(null, 0.002), xs) > 0.001);
        // The test has teeth: a 5% wrong mean is rejected.
        assertTrue(ksPValue(new ExponentialDistribution(null, 0.0021), xs) < 0.001);
    }

    @Test
    void normalMatchesCommonsMathByKs() {
        Distribution d = Distributions.normal(20, 3);
        double[] xs = sample(d, "normal");
        assertMeanWithin5StandardErrors(xs, 20);
        assertTrue(ksPValue(new NormalDistribution(null, 20, 3), xs) > 0.001);
        assertTrue(ksPValue(new NormalDistribution(null, 20, 3.3), xs) < 0.001);
    }

    @Test
    void streamNormalAndExponentialHelpersMatchTheirDistributions() {
        RandomStream rng = new RandomStreams(9).stream("helpers");
        double[] e = new double[N];
        double[] g = new double[N];
        for (int i = 0; i < N; i++) {
            e[i] = rng.exponential(5);
            g[i] = rng.normal(-1, 0.5);
        }
        assertTrue(ksPValue(new ExponentialDistribution(null, 5), e) > 0.001);
        assertTrue(ksPValue(new NormalDistribution(null, -1, 0.5), g) > 0.001);
    }

    @Test
    void uniformParetoLogNormalMatchByKsAndMean() {
        double[] u = sample(Distributions.uniform(2, 5), "uniform");
        assertMeanWithin5StandardErrors(u, 3.5);
        assertTrue(ksPValue(new UniformRealDistribution(null, 2, 5), u) > 0.001);
        for (double x : u) {
            assertTrue(x >= 2 && x < 5);
        }

        Distribution pareto = Distributions.pareto(1.5, 3);
        double[] p = sample(pareto, "pareto");
        assertEquals(2.25, pareto.mean(), 1e-12);
        assertMeanWithin5StandardErrors(p, 2.25);
        assertTrue(ksPValue(new ParetoDistribution(null, 1.5, 3, 1e-9), p) > 0.001);
        assertEquals(Double.POSITIVE_INFINITY, Distributions.pareto(1, 1).mean());

        Distribution ln = Distributions.logNormal(0.5, 0.4);
        double[] l = sample(ln, "lognormal");
        assertEquals(Math.exp(0.5 + 0.08), ln.mean(), 1e-12);
        assertMeanWithin5StandardErrors(l, ln.mean());
        assertTrue(ksPValue(new LogNormalDistribution(null, 0.5, 0.4, 1e-9), l) > 0.001);
    }

    @Test
    void empiricalInterpolatesTheTable() {
        // 30% mass at 1 (a point mass below the table), then linear to 2 at 0.5 and to 10 at 1.
        Distribution d = Distributions.empirical(new double[] {1, 2, 10}, new double[] {0.3, 0.5, 1.0});
        double expectedMean = 0.3 * 1 + 0.2 * 1.5 + 0.5 * 6;
        assertEquals(expectedMean, d.mean(), 1e-12);
        double[] xs = sample(d, "empirical");
        assertMeanWithin5StandardErrors(xs, expectedMean);
        int atOne = 0;
        int atMostTwo = 0;
        int atMostSix = 0;
        for (double x : xs) {
            assertTrue(x >= 1 && x <= 10, "x=" + x);
            atOne += x == 1 ? 1 : 0;
            atMostTwo += x <= 2 ? 1 : 0;
            atMostSix += x <= 6 ? 1 : 0;
        }
        double tol = 5 * Math.sqrt(0.25 / N);
        assertEquals(0.3, atOne / (double) N, tol);
        assertEquals(0.5, atMostTwo / (double) N, tol);
        assertEquals(0.75, atMostSix / (double) N, tol); // halfway from 2 to 10 is half of the last 0.5
    }

    @Test
    void constantDrawsNothing() {
        RandomStream a = new RandomStreams(1).stream("c");
        RandomStream b = new RandomStreams(1).stream("c");
        assertEquals(4.5, Distributions.constant(4.5).sample(a));
        assertEquals(b.nextLong(), a.nextLong(), "the constant consumed no draw");
    }

    @Test
    void samplesAreDeterministicPerStream() {
        Distribution d = Distributions.logNormal(0, 1);
        double[] a = sample(d, "det");
        double[] b = sample(d, "det");
        assertTrue(java.util.Arrays.equals(a, b));
    }

    @Test
    void badParametersNameTheParameter() {
        assertMessageNames("mean", () -> Distributions.exponential(0));
        assertMessageNames("mean", () -> Distributions.exponential(-1));
        assertMessageNames("mean", () -> Distributions.exponential(Double.NaN));
        assertMessageNames("sd", () -> Distributions.normal(0, -1));
        assertMessageNames("mean", () -> Distributions.normal(Double.POSITIVE_INFINITY, 1));
        assertMessageNames("hi", () -> Distributions.uniform(3, 2));
        assertMessageNames("scale", () -> Distributions.pareto(0, 2));
        assertMessageNames("shape", () -> Distributions.pareto(1, -2));
        assertMessageNames("sigma", () -> Distributions.logNormal(0, -0.1));
        assertMessageNames("value", () -> Distributions.constant(Double.NaN));
        assertMessageNames("values", () -> Distributions.empirical(new double[0], new double[0]));
        assertMessageNames("same length", () -> Distributions.empirical(new double[] {1, 2}, new double[] {1}));
        assertMessageNames("values must be non-decreasing",
                () -> Distributions.empirical(new double[] {2, 1}, new double[] {0.5, 1}));
        assertMessageNames("cumulativeProbabilities[0]",
                () -> Distributions.empirical(new double[] {1, 2}, new double[] {-0.1, 1}));
        assertMessageNames("last cumulativeProbabilities",
                () -> Distributions.empirical(new double[] {1, 2}, new double[] {0.1, 0.9}));
        assertMessageNames("non-decreasing at index 1",
                () -> Distributions.empirical(new double[] {1, 2, 3}, new double[] {0.5, 0.4, 1}));
    }

    private static void assertMessageNames(String fragment, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should name " + fragment);
    }

    @Test
    void describeIsReadable() {
        assertEquals("exponential(mean=0.002)", Distributions.exponential(0.002).describe());
        assertEquals("normal(mean=20.0, sd=3.0)", Distributions.normal(20, 3).describe());
        assertEquals(Distributions.empirical(new double[] {1}, new double[] {1}),
                Distributions.empirical(new double[] {1}, new double[] {1}));
    }
}
