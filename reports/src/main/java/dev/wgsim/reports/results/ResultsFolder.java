package dev.wgsim.reports.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Everything reports needs from one results folder, read once. (Scenarios' {@code StagedFolder} is
 * the other side: it writes a folder and renames it into place; reports never sees that type.) Large files are streamed into
 * primitive columns per flow; events.jsonl contributes only WireGuard protocol events.
 */
public record ResultsFolder(
        Path dir,
        Summary summary,
        List<WgEvent> wgEvents,
        List<ThroughputSeries> throughput,
        List<LatencySeries> latency,
        List<LatencyStats> latencyStats,
        List<DropRow> drops,
        List<NatRow> nat,
        Map<String, String> wgShow,
        List<FlowRow> flows) {

    /** A folder without metrics/flows.csv. */
    public ResultsFolder(Path dir, Summary summary, List<WgEvent> wgEvents, List<ThroughputSeries> throughput,
                         List<LatencySeries> latency, List<LatencyStats> latencyStats, List<DropRow> drops, List<NatRow> nat,
                         Map<String, String> wgShow) {
        this(dir, summary, wgEvents, throughput, latency, latencyStats, drops, nat, wgShow, List.of());
    }

    public ResultsFolder {
        flows = List.copyOf(flows);
        wgEvents = List.copyOf(wgEvents);
        throughput = List.copyOf(throughput);
        latency = List.copyOf(latency);
        latencyStats = List.copyOf(latencyStats);
        drops = List.copyOf(drops);
        nat = List.copyOf(nat);
        wgShow = java.util.Collections.unmodifiableMap(new TreeMap<>(wgShow));
    }

    /** Reads {@code dir}; summary.json is required, every other file is optional. */
    public static ResultsFolder read(Path dir) {
        Path summaryFile = dir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new ResultsFormatException(summaryFile, "summary.json", "not found: is " + dir + " a results folder?");
        }
        Summary summary = SummaryReader.read(summaryFile);
        Path metrics = dir.resolve("metrics");
        // The three big files are independent: read them side by side.
        CompletableFuture<List<WgEvent>> events =
                CompletableFuture.supplyAsync(() -> EventLogReader.read(dir.resolve("events.jsonl")));
        CompletableFuture<List<LatencySeries>> latency =
                CompletableFuture.supplyAsync(() -> readLatency(metrics.resolve("latency.csv")));
        List<ThroughputSeries> throughput = readThroughput(metrics.resolve("throughput.csv"));
        return new ResultsFolder(dir, summary,
                join(events),
                throughput,
                join(latency),
                readLatencyStats(metrics.resolve("latency-summary.csv")),
                readDrops(metrics.resolve("drops.csv")),
                readNat(metrics.resolve("nat.csv")),
                readWgShow(dir.resolve("wg-show")),
                readFlows(metrics.resolve("flows.csv")));
    }

    /** Unwraps a reader's failure so callers see the same exception as from a sequential read. */
    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Width of a metrics bin in seconds. */
    public double binSeconds() {
        return summary.binNanos() / 1e9;
    }

    public double durationSeconds() {
        return summary.scenario().durationNanos() / 1e9;
    }

    static List<ThroughputSeries> readThroughput(Path file) {
        Map<String, Columns> byFlow = new LinkedHashMap<>();
        Cursor cur = new Cursor();
        CsvFile.forEachRow(file, new String[] {"time_s", "flow", "delivered_bytes"}, r -> {
            if (cur.timeCol < 0) {
                cur.timeCol = r.column("time_s");
                cur.flowCol = r.column("flow");
                cur.valueCol = r.column("delivered_bytes");
            }
            // Rows of one flow often follow each other: reuse the last lookup when the name matches.
            if (cur.columns == null || !r.cellEquals(cur.flowCol, cur.name)) {
                cur.name = r.text(cur.flowCol, "flow");
                cur.columns = byFlow.computeIfAbsent(cur.name, f -> new Columns());
            }
            cur.columns.add(r.number(cur.timeCol, "time_s"), r.number(cur.valueCol, "delivered_bytes"));
        });
        List<ThroughputSeries> out = new ArrayList<>(byFlow.size());
        byFlow.forEach((flow, c) -> out.add(new ThroughputSeries(flow, c.times(), c.longs())));
        return out;
    }

    static List<LatencySeries> readLatency(Path file) {
        Map<String, Columns[]> byFlow = new LinkedHashMap<>();
        Cursor cur = new Cursor();
        CsvFile.forEachRow(file, new String[] {"time_s", "flow", "kind", "latency_ms"}, r -> {
            if (cur.timeCol < 0) {
                cur.timeCol = r.column("time_s");
                cur.flowCol = r.column("flow");
                cur.valueCol = r.column("latency_ms");
                cur.kindCol = r.column("kind");
            }
            int kind;
            if (r.cellEquals(cur.kindCol, "one_way")) {
                kind = LatencyKind.ONE_WAY.ordinal();
            } else if (r.cellEquals(cur.kindCol, "rtt")) {
                kind = LatencyKind.RTT.ordinal();
            } else {
                throw new ResultsFormatException(file, 0, "kind",
                        "unknown latency kind '" + r.text(cur.kindCol, "kind") + "' (one_way or rtt)");
            }
            if (cur.kinds == null || !r.cellEquals(cur.flowCol, cur.name)) {
                cur.name = r.text(cur.flowCol, "flow");
                cur.kinds = byFlow.computeIfAbsent(cur.name, f -> new Columns[LatencyKind.values().length]);
            }
            Columns c = cur.kinds[kind];
            if (c == null) {
                c = new Columns();
                cur.kinds[kind] = c;
            }
            c.add(r.number(cur.timeCol, "time_s"), r.number(cur.valueCol, "latency_ms"));
        });
        List<LatencySeries> out = new ArrayList<>();
        byFlow.forEach((flow, cs) -> {
            for (LatencyKind k : LatencyKind.values()) {
                Columns c = cs[k.ordinal()];
                if (c != null) {
                    out.add(new LatencySeries(flow, k, c.times(), c.doubles()));
                }
            }
        });
        return out;
    }

    /** Column indices resolved at the first row and the last flow looked up. */
    private static final class Cursor {
        int timeCol = -1;
        int flowCol;
        int valueCol;
        int kindCol;
        String name;
        Columns columns;
        Columns[] kinds;
    }

    static List<LatencyStats> readLatencyStats(Path file) {
        List<LatencyStats> out = new ArrayList<>();
        CsvFile.forEachRow(file, new String[] {"flow", "kind", "count", "p50_ms", "p90_ms", "p99_ms", "max_ms"}, r -> {
            LatencyKind kind = LatencyKind.of(r.text("kind"));
            if (kind == null) {
                throw new ResultsFormatException(file, 0, "kind", "unknown latency kind '" + r.text("kind") + "'");
            }
            out.add(new LatencyStats(r.text("flow"), kind, r.integer("count"), r.number("p50_ms"),
                    r.number("p90_ms"), r.number("p99_ms"), r.number("max_ms"),
                    r.has("mean_ms") ? r.number("mean_ms") : Double.NaN));
        });
        return out;
    }

    /** metrics/flows.csv (older folders have none: empty). */
    static List<FlowRow> readFlows(Path file) {
        List<FlowRow> out = new ArrayList<>();
        CsvFile.forEachRow(file, new String[] {"flow", "group", "sent_packets", "delivered_packets"}, r ->
                out.add(new FlowRow(r.text("flow"), r.text("group"), r.integer("sent_packets"), r.integer("delivered_packets"),
                        optNumber(r, "delivery_ratio"), optNumber(r, "one_way_p99_ms"), optNumber(r, "rtt_p99_ms"))));
        return out;
    }

    private static double optNumber(CsvFile r, String column) {
        return r.has(column) && !r.text(column).isEmpty() ? r.number(column) : Double.NaN;
    }

    static List<DropRow> readDrops(Path file) {
        List<DropRow> out = new ArrayList<>();
        CsvFile.forEachRow(file, new String[] {"time_s", "reason", "count"}, r ->
                out.add(new DropRow(r.number("time_s"), r.text("reason"), r.integer("count"))));
        return out;
    }

    static List<NatRow> readNat(Path file) {
        List<NatRow> out = new ArrayList<>();
        CsvFile.forEachRow(file, new String[] {"time_s", "nat", "active_mappings", "created", "expired"}, r ->
                out.add(new NatRow(r.number("time_s"), r.text("nat"), r.integer("active_mappings"),
                        r.integer("created"), r.integer("expired"), r.optInteger("refreshed", -1))));
        return out;
    }

    static Map<String, String> readWgShow(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".txt") && Files.isRegularFile(f)) {
                    out.put(name.substring(0, name.length() - 4), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Growable primitive columns: a time and a value per row. */
    private static final class Columns {
        private double[] t = new double[64];
        private double[] v = new double[64];
        private int n;

        void add(double time, double value) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            t[n] = time;
            v[n] = value;
            n++;
        }

        double[] times() {
            return Arrays.copyOf(t, n);
        }

        double[] doubles() {
            return Arrays.copyOf(v, n);
        }

        long[] longs() {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = (long) v[i];
            }
            return out;
        }
    }
}
