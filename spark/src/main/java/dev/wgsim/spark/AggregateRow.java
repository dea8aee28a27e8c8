package dev.wgsim.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One point's statistics for one metric, as a row of the Spark Dataset ({@code aggregates.csv}'s
 * columns; {@code metricIndex} is the metric's column position in {@code runs.csv}, the order
 * rows of one point come in). A Java bean, as Spark's bean encoder wants it.
 */
public class AggregateRow implements Serializable {
    private static final long serialVersionUID = 1L;
    private int point;
    private int metricIndex;
    private String metric = "";
    private List<String> parameterNames = new ArrayList<>();
    private List<String> parameterValues = new ArrayList<>();
    private int runs;
    private double mean;
    private double sd;
    private double ci95Low;
    private double ci95High;

    public int getPoint() {
        return point;
    }

    public void setPoint(int point) {
        this.point = point;
    }

    public int getMetricIndex() {
        return metricIndex;
    }

    public void setMetricIndex(int metricIndex) {
        this.metricIndex = metricIndex;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public List<String> getParameterNames() {
        return parameterNames;
    }

    public void setParameterNames(List<String> parameterNames) {
        this.parameterNames = parameterNames;
    }

    public List<String> getParameterValues() {
        return parameterValues;
    }

    public void setParameterValues(List<String> parameterValues) {
        this.parameterValues = parameterValues;
    }

    public int getRuns() {
        return runs;
    }

    public void setRuns(int runs) {
        this.runs = runs;
    }

    public double getMean() {
        return mean;
    }

    public void setMean(double mean) {
        this.mean = mean;
    }

    public double getSd() {
        return sd;
    }

    public void setSd(double sd) {
        this.sd = sd;
    }

    public double getCi95Low() {
        return ci95Low;
    }

    public void setCi95Low(double ci95Low) {
        this.ci95Low = ci95Low;
    }

    public double getCi95High() {
        return ci95High;
    }

    public void setCi95High(double ci95High) {
        this.ci95High = ci95High;
    }
}
