package dev.wgsim.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One run's result as a row of the Spark Dataset: its id, point, replication, seed, the point's
 * parameter values, its summary figures (flattened as {@code runs.csv} has them, in summary.json's
 * order) and its summary.json text. A Java bean, as Spark's bean encoder wants it.
 */
public class RunOutput implements Serializable {
    private static final long serialVersionUID = 1L;
    private long runId;
    private int point;
    private int replication;
    private long seed;
    private List<String> parameterNames = new ArrayList<>();
    private List<String> parameterValues = new ArrayList<>();
    private List<String> metricNames = new ArrayList<>();
    private List<Double> metricValues = new ArrayList<>();
    private String summaryJson = "";

    public long getRunId() {
        return runId;
    }

    public void setRunId(long runId) {
        this.runId = runId;
    }

    public int getPoint() {
        return point;
    }

    public void setPoint(int point) {
        this.point = point;
    }

    public int getReplication() {
        return replication;
    }

    public void setReplication(int replication) {
        this.replication = replication;
    }

    public long getSeed() {
        return seed;
    }

    public void setSeed(long seed) {
        this.seed = seed;
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

    public List<String> getMetricNames() {
        return metricNames;
    }

    public void setMetricNames(List<String> metricNames) {
        this.metricNames = metricNames;
    }

    public List<Double> getMetricValues() {
        return metricValues;
    }

    public void setMetricValues(List<Double> metricValues) {
        this.metricValues = metricValues;
    }

    public String getSummaryJson() {
        return summaryJson;
    }

    public void setSummaryJson(String summaryJson) {
        this.summaryJson = summaryJson;
    }
}
