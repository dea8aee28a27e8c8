package dev.wgsim.engine.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the metrics/*.csv files of docs/results-format.md: header first, comma-separated,
 * {@code \n} line ends, exact decimal numbers independent of locale, rows ordered by time then
 * name, so the same run gives byte-identical files.
 */
public final class MetricsCsv {

    public static final String THROUGHPUT = "throughput.csv";
    public static final String LATENCY = "latency.csv";
    public static final String LATENCY_SUMMARY = "latency-summary.csv";
    public static final String DROPS = "drops.csv";
    public static final String NAT = "nat.csv";
    public static final String FLOWS = "flows.csv";

    private MetricsCsv() {
    }

    /**
     * Writes every file into {@code dir} (created if needed) for a run that ended at
     * {@code endNanos}; {@code nat.csv} only when a NAT was recorded.
     */
    public static void writeAll(MetricsRecorder metrics, long endNanos, Path dir) throws IOException {
        writeAll(metrics, endNanos, dir, FlowGroups.NONE);
    }

    /** As {@link #writeAll(MetricsRecorder, long, Path)}, with flows grouped as {@code groups} says. */
    public static void writeAll(MetricsRecorder metrics, long endNanos, Path dir, FlowGroups groups) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = open(dir.resolve(THROUGHPUT))) {
            writeThroughput(metrics, endNanos, groups, w);
        }
        try (Writer w = open(dir.resolve(LATENCY))) {
            writeLatency(metrics, groups, w);
        }
        try (Writer w = open(dir.resolve(FLOWS))) {
            writeFlows(metrics, groups, w);
        }
        try (Writer w = open(dir.resolve(LATENCY_SUMMARY))) {
            writeLatencySummary(metrics, w);
        }
        try (Writer w = open(dir.resolve(DROPS))) {
            writeDrops(metrics, endNanos, w);
        }
        if (!metrics.nats().isEmpty()) {
            try (Writer w = open(dir.resolve(NAT))) {
                writeNat(metrics, endNanos, w);
            }
        }
    }

    private static Writer open(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** {@code time_s,flow,delivered_bytes,goodput_bps}: every flow, every bin up to the end. */
    public static void writeThroughput(MetricsRecorder metrics, long endNanos, Writer out) throws IOException {
        writeThroughput(metrics, endNanos, FlowGroups.NONE, out);
    }

    /** As {@link #writeThroughput(MetricsRecorder, long, Writer)}; a pooled group is one series, the sum of its flows. */
    public static void writeThroughput(MetricsRecorder metrics, long endNanos, FlowGroups groups, Writer out) throws IOException {
        if (groups.pooled()) {
            writePooledThroughput(metrics, endNanos, groups, out);
            return;
        }
        TimeBins bins = metrics.bins();
        int n = metrics.binCount(endNanos);
        List<FlowMetrics> flows = metrics.flows();
        double bitsPerBytePerBin = 8.0 * 1e9 / bins.binNanos();
        out.write("time_s,flow,delivered_bytes,goodput_bps\n");
        for (int k = 0; k < n; k++) {
            String time = Decimal.seconds(bins.binStartSinceOrigin(k));
            for (FlowMetrics flow : flows) {
                long bytes = flow.deliveredBytesPerBin().get(k);
                out.write(time + ',' + flow.name() + ',' + bytes + ',' + Decimal.plain(bytes * bitsPerBytePerBin) + '\n');
            }
        }
    }

    private static void writePooledThroughput(MetricsRecorder metrics, long endNanos, FlowGroups groups, Writer out)
            throws IOException {
        TimeBins bins = metrics.bins();
        int n = metrics.binCount(endNanos);
        // One array of bins per series, in the order the series first appear among the flows.
        Map<String, long[]> series = new java.util.LinkedHashMap<>();
        for (FlowMetrics flow : metrics.flows()) {
            long[] sum = series.computeIfAbsent(groups.series(flow.name()), k -> new long[n]);
            BinnedCounter c = flow.deliveredBytesPerBin();
            for (int k = 0; k < Math.min(n, c.binCount()); k++) {
                sum[k] += c.get(k);
            }
        }
        double bitsPerBytePerBin = 8.0 * 1e9 / bins.binNanos();
        out.write("time_s,flow,delivered_bytes,goodput_bps\n");
        for (int k = 0; k < n; k++) {
            String time = Decimal.seconds(bins.binStartSinceOrigin(k));
            for (Map.Entry<String, long[]> e : series.entrySet()) {
                long bytes = e.getValue()[k];
                out.write(time + ',' + e.getKey() + ',' + bytes + ',' + Decimal.plain(bytes * bitsPerBytePerBin) + '\n');
            }
        }
    }

    /**
     * {@code flow,group,sent_packets,delivered_packets,delivery_ratio,one_way_p99_ms,rtt_p99_ms}: one row
     * per flow (empty cells for a ratio without sent packets and for percentiles without samples).
     */
    public static void writeFlows(MetricsRecorder metrics, FlowGroups groups, Writer out) throws IOException {
        out.write("flow,group,sent_packets,delivered_packets,delivery_ratio,one_way_p99_ms,rtt_p99_ms\n");
        for (FlowMetrics flow : metrics.flows()) {
            LatencySummary one = flow.oneWaySummary();
            LatencySummary rtt = flow.rttSummary();
            out.write(flow.name() + ',' + groups.group(flow.name()) + ',' + flow.sentPackets() + ',' + flow.deliveredPackets() + ','
                    + (flow.sentPackets() == 0 ? "" : Decimal.plain(flow.deliveryRatio())) + ','
                    + (one == null ? "" : Decimal.millis(one.p99Nanos())) + ',' + (rtt == null ? "" : Decimal.millis(rtt.p99Nanos()))
                    + '\n');
        }
    }

    /** {@code time_s,flow,kind,latency_ms}: the decimated samples of every flow, by time, flow, kind. */
    public static void writeLatency(MetricsRecorder metrics, Writer out) throws IOException {
        writeLatency(metrics, FlowGroups.NONE, out);
    }

    /** As {@link #writeLatency(MetricsRecorder, Writer)}, for the flows whose samples {@code groups} keeps. */
    public static void writeLatency(MetricsRecorder metrics, FlowGroups groups, Writer out) throws IOException {
        record Row(long t, String flow, String kind, long latency) {
        }
        long origin = metrics.bins().originNanos();
        List<Row> rows = new ArrayList<>();
        for (FlowMetrics flow : metrics.flows()) {
            if (!groups.samples(flow.name())) {
                continue;
            }
            DecimatedSamples one = flow.oneWaySamples();
            for (int i = 0; i < one.size(); i++) {
                rows.add(new Row(one.timeAt(i) - origin, flow.name(), "one_way", one.valueAt(i)));
            }
            DecimatedSamples rtt = flow.rttSamples();
            for (int i = 0; i < rtt.size(); i++) {
                rows.add(new Row(rtt.timeAt(i) - origin, flow.name(), "rtt", rtt.valueAt(i)));
            }
        }
        // Stable sort: samples of one flow and kind at the same instant keep their arrival order.
        rows.sort(Comparator.comparingLong(Row::t).thenComparing(Row::flow).thenComparing(Row::kind));
        out.write("time_s,flow,kind,latency_ms\n");
        for (Row r : rows) {
            out.write(Decimal.seconds(r.t()) + ',' + r.flow() + ',' + r.kind() + ',' + Decimal.millis(r.latency()) + '\n');
        }
    }

    /** {@code flow,kind,count,p50_ms,p90_ms,p99_ms,max_ms,mean_ms}: per flow, per kind with samples. */
    public static void writeLatencySummary(MetricsRecorder metrics, Writer out) throws IOException {
        out.write("flow,kind,count,p50_ms,p90_ms,p99_ms,max_ms,mean_ms\n");
        for (FlowMetrics flow : metrics.flows()) {
            writeSummaryRow(out, flow.name(), "one_way", flow.oneWaySummary());
            writeSummaryRow(out, flow.name(), "rtt", flow.rttSummary());
        }
    }

    private static void writeSummaryRow(Writer out, String flow, String kind, LatencySummary s) throws IOException {
        if (s == null) {
            return;
        }
        out.write(flow + ',' + kind + ',' + s.count() + ',' + Decimal.millis(s.p50Nanos()) + ','
                + Decimal.millis(s.p90Nanos()) + ',' + Decimal.millis(s.p99Nanos()) + ','
                + Decimal.millis(s.maxNanos()) + ',' + Decimal.millis(Math.round(s.meanNanos())) + '\n');
    }

    /** {@code time_s,reason,count}: one row per reason per bin with a non-zero count. */
    public static void writeDrops(MetricsRecorder metrics, long endNanos, Writer out) throws IOException {
        TimeBins bins = metrics.bins();
        int n = metrics.binCount(endNanos);
        out.write("time_s,reason,count\n");
        Map<String, BinnedCounter> drops = metrics.dropsPerBin();
        for (int k = 0; k < n; k++) {
            for (Map.Entry<String, BinnedCounter> e : drops.entrySet()) {
                long count = e.getValue().get(k);
                if (count != 0) {
                    out.write(Decimal.seconds(bins.binStartSinceOrigin(k)) + ',' + e.getKey() + ',' + count + '\n');
                }
            }
        }
    }

    /** {@code time_s,nat,active_mappings,created,expired}: every NAT, every bin up to the end. */
    public static void writeNat(MetricsRecorder metrics, long endNanos, Writer out) throws IOException {
        TimeBins bins = metrics.bins();
        int n = metrics.binCount(endNanos);
        List<NatMetrics> nats = metrics.nats();
        long[] active = new long[nats.size()];
        out.write("time_s,nat,active_mappings,created,expired\n");
        for (int k = 0; k < n; k++) {
            String time = Decimal.seconds(bins.binStartSinceOrigin(k));
            for (int j = 0; j < nats.size(); j++) {
                NatMetrics nat = nats.get(j);
                long created = nat.created().get(k);
                long expired = nat.expired().get(k);
                active[j] += created - expired;
                out.write(time + ',' + nat.name() + ',' + active[j] + ',' + created + ',' + expired + '\n');
            }
        }
    }
}
