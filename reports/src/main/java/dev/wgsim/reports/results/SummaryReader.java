package dev.wgsim.reports.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads summary.json into a {@link Summary}; optional fields default, required ones are named when missing. */
public final class SummaryReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DEFAULT_BIN_NANOS = 1_000_000_000L;

    private SummaryReader() {}

    /** The raw tree, for callers that address fields by path (sweeps). */
    public static JsonNode readTree(Path file) {
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file));
            if (root == null || !root.isObject()) {
                throw new ResultsFormatException(file, "$", "not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "$", "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Summary read(Path file) {
        JsonNode root = readTree(file);
        JsonTreeReader j = new JsonTreeReader(file);
        JsonNode sc = j.object(root, "", "scenario");
        Summary.Scenario scenario = new Summary.Scenario(
                j.string(sc, "scenario.", "name"),
                j.optString(sc, "description", ""),
                j.optString(sc, "file", ""),
                j.optLong(sc, "scenario.", "seed", 0),
                j.longValue(sc, "scenario.", "duration_ns"),
                j.optString(sc, "epoch", ""));
        JsonNode run = root.path("run");
        JsonNode metrics = root.path("metrics");
        long bin = j.optLong(metrics, "metrics.", "bin_ns", DEFAULT_BIN_NANOS);
        if (bin <= 0) {
            throw new ResultsFormatException(file, "metrics.bin_ns", "must be positive, was " + bin);
        }
        JsonNode topo = root.path("topology");
        Topology topology = new Topology(
                j.list(topo, "topology.", "nodes", (n, p) -> node(j, n, p)),
                j.list(topo, "topology.", "links", (n, p) -> new Topology.Link(
                        j.optString(n, "name", ""), j.string(n, p, "a"), j.string(n, p, "b"))),
                j.list(topo, "topology.", "nats", (n, p) -> new Topology.Nat(
                        j.string(n, p, "name"), j.strings(n, p, "inside"), j.optString(n, "outside", ""),
                        j.optString(n, "mapping", ""), j.optString(n, "filtering", ""),
                        Math.max(1, j.optLong(n, p, "count", 1)))));
        return new Summary(
                scenario,
                j.optString(run, "wgsim_version", ""),
                j.optLong(run, "run.", "events_executed", 0),
                bin,
                topology,
                j.list(root, "", "flows", (n, p) -> flow(j, n, p)),
                j.counters(root, "", "wireguard"),
                j.counters(root, "", "drops"),
                j.list(root, "", "expectations", (n, p) -> new Summary.Expectation(
                        j.optString(n, "text", ""), n.path("passed").asBoolean(false), j.optString(n, "message", ""))),
                j.list(root, "", "markers", (n, p) -> new Summary.Marker(
                        j.longValue(n, p, "t"), j.optString(n, "kind", ""), j.optString(n, "label", ""))));
    }

    private static Topology.Node node(JsonTreeReader j, JsonNode n, String p) {
        JsonNode wg = n.get("wireguard");
        Topology.WireGuard w = wg == null || wg.isNull() ? null : new Topology.WireGuard(
                j.optString(wg, "interface", "wg0"), j.optString(wg, "address", ""),
                j.optLong(wg, p + "wireguard.", "listen_port", 0), j.optString(wg, "public_key", ""),
                j.strings(wg, p + "wireguard.", "peers"));
        return new Topology.Node(j.string(n, p, "name"), j.strings(n, p, "addresses"), w, n.path("router").asBoolean(false),
                Math.max(1, j.optLong(n, p, "count", 1)));
    }

    private static Summary.FlowSummary flow(JsonTreeReader j, JsonNode n, String p) {
        return new Summary.FlowSummary(
                j.string(n, p, "name"), j.optString(n, "from", ""), j.optString(n, "to", ""),
                j.optLong(n, p, "sent_packets", 0), j.optLong(n, p, "sent_bytes", 0),
                j.optLong(n, p, "delivered_packets", 0), j.optLong(n, p, "delivered_bytes", 0),
                j.optDouble(n, p, "delivery_ratio", Double.NaN), j.optDouble(n, p, "throughput_bps", Double.NaN),
                percentiles(j, n, p, "latency_ns"), percentiles(j, n, p, "rtt_ns"));
    }

    private static Summary.Percentiles percentiles(JsonTreeReader j, JsonNode flow, String p, String name) {
        JsonNode n = flow.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        String path = p + name + ".";
        return new Summary.Percentiles(j.optLong(n, path, "p50", 0), j.optLong(n, path, "p90", 0),
                j.optLong(n, path, "p99", 0), j.optLong(n, path, "max", 0));
    }
}
