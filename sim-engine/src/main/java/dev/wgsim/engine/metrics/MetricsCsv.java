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

    private MetricsCsv() {
    }

    /**
     * Writes every file into {@code dir} (created if needed) for a run that ended at
     * {@code endNanos}; {@code nat.csv} only when a NAT was recorded.
     */
    public static void writeAll(MetricsRecorder metrics, long endNanos, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = open(dir.resolve(THROUGHPUT))) {
            writeThroughput(metrics, endNanos, w);
        }
        try (Writer w = open(dir.resolve(LATENCY))) {
            writeLatency(metrics, w);
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

    /** {@code time_s,flow,kind,latency_ms}: the decimated samples of every flow, by time, flow, kind. */
    public static void writeLatency(MetricsRecorder metrics, Writer out) throws IOException {
        record Row(long t, String flow, String kind, long latency) {
        }
        long origin = metrics.bins().originNanos();
        List<Row> rows = new ArrayList<>();
        for (FlowMetrics flow : metrics.flows()) {
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
