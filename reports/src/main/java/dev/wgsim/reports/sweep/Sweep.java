package dev.wgsim.reports.sweep;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Statistics of one metric over the runs at one point of a sweep: mean, sd and the 95% Student-t interval. */
public final class Sweep {
    public static final double CONFIDENCE = 0.95;

    private Sweep() {}

    /** Mean, standard deviation and two-sided 95% Student-t interval of {@code values} (in the order given). */
    public static SweepPoint point(double parameter, List<Double> values) {
        SummaryStatistics st = new SummaryStatistics();
        values.forEach(st::addValue);
        int n = values.size();
        double mean = st.getMean();
        if (n < 2) {
            return new SweepPoint(parameter, n, mean, 0, mean, mean);
        }
        double sd = st.getStandardDeviation();
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        double half = t * sd / Math.sqrt(n);
        return new SweepPoint(parameter, n, mean, sd, mean - half, mean + half);
    }
}
