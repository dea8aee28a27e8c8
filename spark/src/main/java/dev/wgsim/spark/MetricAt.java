package dev.wgsim.spark;

import java.io.Serializable;

/** Where a metric first shows: in run {@code runId} at position {@code pos} of its figures (a Java bean for Spark). */
public class MetricAt implements Serializable {
    private static final long serialVersionUID = 1L;
    private String metric = "";
    private long runId;
    private int pos;

    public MetricAt() {
    }

    public MetricAt(String metric, long runId, int pos) {
        this.metric = metric;
        this.runId = runId;
        this.pos = pos;
    }

    public String getMetric() {
        return metric;
    }

    public void setMetric(String metric) {
        this.metric = metric;
    }

    public long getRunId() {
        return runId;
    }

    public void setRunId(long runId) {
        this.runId = runId;
    }

    public int getPos() {
        return pos;
    }

    public void setPos(int pos) {
        this.pos = pos;
    }
}
