package dev.wgsim.reports.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a plausible results folder per docs/results-format.md, so reports is tested against the
 * contract rather than against the simulator. Every figure it writes is also kept here, so tests
 * can compare what a chart shows with what the run "measured".
 */
public final class SyntheticRun {
    public static final long SEC = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Random rnd;
    private final long durationNs;
    private final String name;
    public final Map<String, Long> deliveredBytes = new TreeMap<>();
    public final Map<String, Long> dropTotals = new TreeMap<>();
    public final Map<String, double[]> latencySamples = new TreeMap<>();
    public int rekeys;
    public int initiations;
    public int retries;
    public int gaveUp;
    public long eventLines;
    private int latencyRowsPerFlow = 3000;

    private final List<Ev> events = new ArrayList<>();

    /** An event line and its time, kept apart so sorting does not re-parse the line. */
    private record Ev(long t, String json) {}
    private final List<String[]> throughputRows = new ArrayList<>();
    private final List<String[]> latencyRows = new ArrayList<>();
    private final List<String[]> summaryRows = new ArrayList<>();
    private final Map<Long, Map<String, Long>> dropsByBin = new TreeMap<>();
    private final List<String[]> natRows = new ArrayList<>();
    private final ArrayNode flowsJson = JSON.createArrayNode();
    private final ArrayNode markers = JSON.createArrayNode();
    private final ObjectNode topology = JSON.createObjectNode();
    private final Map<String, String> wgShow = new TreeMap<>();

    private SyntheticRun(Path dir, String name, long seed, long durationNs) {
        this.dir = dir;
        this.name = name;
        this.rnd = new Random(seed);
        this.durationNs = durationNs;
    }

    /**
     * The cryptokey-routing picture: a server with a laptop (behind a home NAT), a phone that roams
     * at 200 s, an unreachable old peer (retry ladder, give-up), 600 s of traffic, rekeys every 120 s.
     */
    public static SyntheticRun small(Path dir, long seed) {
        SyntheticRun r = new SyntheticRun(dir, "cryptokey-routing", seed, 600 * SEC);
        ArrayNode nodes = r.topology.putArray("nodes");
        r.node(nodes, "server", "198.51.100.1", "10.0.0.1/24", List.of("laptop", "phone", "oldbox"));
        r.node(nodes, "laptop", "192.168.1.10", "10.0.0.2/32", List.of("server"));
        r.node(nodes, "phone", "203.0.113.7", "10.0.0.3/32", List.of("server"));
        r.node(nodes, "oldbox", "198.51.100.99", "10.0.0.9/32", List.of("server"));
        ArrayNode links = r.topology.putArray("links");
        r.link(links, "server-inet", "server", "inet");
        r.link(links, "home-inet", "home", "inet");
        r.link(links, "laptop-home", "laptop", "home");
        r.link(links, "phone-inet", "phone", "inet");
        r.link(links, "oldbox-inet", "oldbox", "inet");
        ObjectNode nat = r.topology.putArray("nats").addObject();
        nat.put("name", "home");
        nat.putArray("inside").add("laptop");
        nat.put("outside", "inet");
        nat.put("mapping", "endpoint-independent");
        nat.put("filtering", "address-and-port-dependent");
        r.marker(200 * SEC, "roam", "phone: wifi -> lte");
        r.marker(400 * SEC, "link.down", "home-inet down");
        r.marker(410 * SEC, "link.up", "home-inet up");

        r.session("laptop", "server", 1 * SEC, new long[][] {{400 * SEC, 410 * SEC}});
        r.session("phone", "server", 2 * SEC, new long[][] {{200 * SEC, 203 * SEC}});
        r.retryLadder("server", "oldbox", 30 * SEC);
        r.flow("video", "laptop", "10.0.0.1", 2_000_000, 1200, 20, false, new long[][] {{400 * SEC, 410 * SEC}});
        r.flow("voip", "phone", "10.0.0.1", 64_000, 160, 35, false, new long[][] {{200 * SEC, 203 * SEC}});
        r.flow("ping-phone", "server", "10.0.0.3", 8 * 64, 64, 35, true, new long[][] {{200 * SEC, 203 * SEC}});
        r.dropsBackground(new String[] {"loss", "queue_full", "wg.replay", "wg.allowed_ips", "nat_filtered"});
        r.dropBurst("link_down", 400 * SEC, 410 * SEC, 170);
        r.dropBurst("wg.no_session", 200 * SEC, 203 * SEC, 12);
        r.natMappings("home", 1);
        r.packetNoise(20_000);
        for (String n : List.of("server", "laptop", "phone", "oldbox")) {
            r.wgShow.put(n, "interface: wg0\n  public key: " + n + "Key=\n  private key: (hidden)\n  listening port: 51820\n\n"
                    + "peer: <" + n + "-peer> & \"quoted\"\n  latest handshake: 1 minute, 2 seconds ago\n");
        }
        return r;
    }

    /** 1,000 spokes to a hub for 600 s: 1,000 flows, 2,000 handshake lanes, a NAT per 100 spokes. */
    public static SyntheticRun hub(Path dir, long seed, int spokes) {
        SyntheticRun r = new SyntheticRun(dir, "hub-" + spokes, seed, 600 * SEC);
        // About one sample a second per flow, as a ping per spoke would give.
        r.latencyRowsPerFlow = 600;
        ArrayNode nodes = r.topology.putArray("nodes");
        ArrayNode links = r.topology.putArray("links");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < spokes; i++) {
            names.add(String.format(Locale.ROOT, "spoke-%04d", i));
        }
        r.node(nodes, "hub", "198.51.100.1", "10.0.0.1/16", names);
        r.link(links, "hub-inet", "hub", "inet");
        ArrayNode nats = r.topology.putArray("nats");
        for (int i = 0; i < spokes; i++) {
            String s = names.get(i);
            r.node(nodes, s, "192.168." + (i / 250) + "." + (i % 250 + 2), "10.0." + (i / 250 + 1) + "." + (i % 250 + 2) + "/32",
                    List.of("hub"));
            String natName = "cgnat-" + (i / 100);
            r.link(links, s + "-" + natName, s, natName);
            if (i % 100 == 0) {
                ObjectNode n = nats.addObject();
                n.put("name", natName);
                n.putArray("inside");
                n.put("outside", "inet");
                n.put("mapping", "endpoint-independent");
                n.put("filtering", "address-dependent");
                r.link(links, natName + "-inet", natName, "inet");
            }
            ((ArrayNode) nats.get(i / 100).get("inside")).add(s);
            r.session(s, "hub", (i % 100) * SEC / 10 + SEC, new long[0][]);
            r.flow("f-" + s, s, "10.0.0.1", 8_000 + 40L * (i % 50), 100, 15 + i % 7, false, new long[0][]);
        }
        r.marker(300 * SEC, "nat.reboot", "cgnat-3 reboots");
        r.dropsBackground(new String[] {"loss", "queue_full", "wg.replay"});
        for (int k = 0; k < spokes / 100; k++) {
            r.natMappings("cgnat-" + k, 100);
        }
        r.packetNoise(200_000);
        for (int i = 0; i < Math.min(spokes, 50); i++) {
            r.wgShow.put(names.get(i), "interface: wg0\n  listening port: 51820\n");
        }
        return r;
    }

    private void node(ArrayNode nodes, String n, String addr, String wgAddr, List<String> peers) {
        ObjectNode o = nodes.addObject();
        o.put("name", n);
        o.putArray("addresses").add(addr);
        ObjectNode wg = o.putObject("wireguard");
        wg.put("interface", "wg0");
        wg.put("address", wgAddr);
        wg.put("listen_port", 51820);
        wg.put("public_key", Base64Key.of(n));
        ArrayNode p = wg.putArray("peers");
        peers.forEach(p::add);
    }

    private void link(ArrayNode links, String n, String a, String b) {
        ObjectNode o = links.addObject();
        o.put("name", n);
        o.put("a", a);
        o.put("b", b);
    }

    private void marker(long t, String kind, String label) {
        ObjectNode m = markers.addObject();
        m.put("t", t);
        m.put("kind", kind);
        m.put("label", label);
    }

    private void event(long t, String kind, String rest) {
        events.add(new Ev(t, "{\"t\":" + t + ",\"kind\":\"" + kind + "\"" + rest + "}"));
    }

    private static String wgFields(String node, String peer) {
        return ",\"node\":\"" + node + "\",\"peer\":\"" + peer + "\"";
    }

    /** An initiator's sessions: a handshake at {@code start}, a rekey every 120 s (+ a few ms), re-handshakes after outages. */
    private void session(String initiator, String responder, long start, long[][] outages) {
        long t = start;
        boolean first = true;
        while (t < durationNs) {
            long tt = t;
            boolean inOutage = Arrays.stream(outages).anyMatch(o -> tt >= o[0] && tt < o[1]);
            if (inOutage) {
                long end = Arrays.stream(outages).filter(o -> tt >= o[0] && tt < o[1]).findFirst().get()[1];
                // Retries every 5 s until the outage ends.
                int attempt = 1;
                while (t < end) {
                    event(t, "wg.handshake.initiated", wgFields(initiator, responder) + ",\"retry\":" + (attempt > 1)
                            + ",\"attempt\":" + attempt);
                    count(attempt > 1);
                    attempt++;
                    t += 5 * SEC + rnd.nextInt(333) * 1_000_000L;
                }
            }
            event(t, "wg.handshake.initiated", wgFields(initiator, responder) + ",\"retry\":false,\"attempt\":1");
            count(false);
            long rtt = 40_000_000L + rnd.nextInt(5_000_000);
            event(t + rtt / 2, "wg.handshake.completed", wgFields(responder, initiator) + ",\"role\":\"responder\"");
            event(t + rtt / 2, "wg.keypair.rotated", wgFields(responder, initiator) + ",\"rekey\":" + !first);
            event(t + rtt, "wg.handshake.completed", wgFields(initiator, responder) + ",\"role\":\"initiator\"");
            event(t + rtt, "wg.keypair.rotated", wgFields(initiator, responder) + ",\"rekey\":" + !first);
            if (!first) {
                rekeys++;
            }
            first = false;
            t += 120 * SEC + rnd.nextInt(400) * 1_000_000L;
        }
    }

    private void count(boolean retry) {
        if (retry) {
            retries++;
        } else {
            initiations++;
        }
    }

    /** An unreachable peer: 20 initiations 5 s + jitter apart, then a give-up. */
    private void retryLadder(String node, String peer, long start) {
        long t = start;
        for (int attempt = 1; attempt <= 20; attempt++) {
            event(t, "wg.handshake.initiated", wgFields(node, peer) + ",\"retry\":" + (attempt > 1) + ",\"attempt\":" + attempt);
            count(attempt > 1);
            if (attempt < 20) {
                t += 5 * SEC + rnd.nextInt(334) * 1_000_000L;
            }
        }
        t += 5 * SEC;
        event(t, "wg.handshake.gave_up", wgFields(node, peer) + ",\"attempts\":20,\"dropped_packets\":3");
        gaveUp++;
    }

    /** A constant-rate flow with per-packet one-way latency (or RTT for pings), silent during outages. */
    private void flow(String flow, String from, String to, long bps, int size, double baseMs, boolean rtt, long[][] outages) {
        long interval = Math.max(1, (long) (size * 8.0 / bps * 1e9));
        long bins = durationNs / SEC;
        long[] binBytes = new long[(int) bins];
        List<Double> samples = new ArrayList<>();
        long sent = 0;
        long delivered = 0;
        int every = (int) Math.max(1, (durationNs / interval) / latencyRowsPerFlow);
        int k = 0;
        for (long t = 0; t < durationNs; t += interval) {
            sent++;
            long tt = t;
            if (Arrays.stream(outages).anyMatch(o -> tt >= o[0] && tt < o[1]) || rnd.nextDouble() < 0.004) {
                continue;
            }
            double ms = baseMs + Math.abs(rnd.nextGaussian()) * baseMs * 0.15 + (rnd.nextDouble() < 0.01 ? baseMs * 3 : 0);
            long arrive = t + (long) (ms * 1e6);
            if (arrive >= durationNs) {
                continue;
            }
            delivered++;
            binBytes[(int) (arrive / SEC)] += size;
            samples.add(ms);
            if (k++ % every == 0) {
                latencyRows.add(new String[] {sec(arrive), flow, rtt ? "rtt" : "one_way", num(ms)});
            }
        }
        for (int i = 0; i < bins; i++) {
            throughputRows.add(new String[] {Integer.toString(i), flow, Long.toString(binBytes[i]),
                    num(binBytes[i] * 8.0)});
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        latencySamples.put(flow, sorted);
        summaryRows.add(new String[] {flow, rtt ? "rtt" : "one_way", Integer.toString(sorted.length),
                num(pct(sorted, 50)), num(pct(sorted, 90)), num(pct(sorted, 99)), num(sorted[sorted.length - 1]),
                num(Arrays.stream(sorted).average().orElse(0))});
        long bytes = Arrays.stream(binBytes).sum();
        deliveredBytes.put(flow, bytes);
        ObjectNode f = flowsJson.addObject();
        f.put("name", flow);
        f.put("from", from);
        f.put("to", to);
        f.put("sent_packets", sent);
        f.put("sent_bytes", sent * size);
        f.put("delivered_packets", delivered);
        f.put("delivered_bytes", bytes);
        f.put("delivery_ratio", delivered / (double) sent);
        f.put("throughput_bps", bytes * 8.0 / (durationNs / 1e9));
        ObjectNode p = JSON.createObjectNode();
        p.put("p50", (long) (pct(sorted, 50) * 1e6));
        p.put("p90", (long) (pct(sorted, 90) * 1e6));
        p.put("p99", (long) (pct(sorted, 99) * 1e6));
        p.put("max", (long) (sorted[sorted.length - 1] * 1e6));
        f.set(rtt ? "rtt_ns" : "latency_ns", p);
        f.putNull(rtt ? "latency_ns" : "rtt_ns");
    }

    private static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private void dropsBackground(String[] reasons) {
        for (long b = 0; b < durationNs / SEC; b++) {
            for (String reason : reasons) {
                int n = rnd.nextDouble() < 0.3 ? 1 + rnd.nextInt(reason.startsWith("wg.") ? 2 : 5) : 0;
                addDrops(b, reason, n);
            }
        }
    }

    private void dropBurst(String reason, long from, long to, int perSecond) {
        for (long b = from / SEC; b < to / SEC; b++) {
            addDrops(b, reason, perSecond / 2 + rnd.nextInt(perSecond));
        }
    }

    private void addDrops(long bin, String reason, long n) {
        if (n == 0) {
            return;
        }
        dropsByBin.computeIfAbsent(bin, x -> new LinkedHashMap<>()).merge(reason, n, Long::sum);
        dropTotals.merge(reason, n, Long::sum);
    }

    /** Mappings created as flows start, refreshed by traffic, expiring 30 s after the link-down silence. */
    private void natMappings(String nat, int hosts) {
        long active = 0;
        for (long b = 0; b < durationNs / SEC; b++) {
            long created = b < 3 ? hosts / 3 + (b == 2 ? hosts % 3 : 0) : (rnd.nextDouble() < 0.05 ? 1 : 0);
            long expired = b > 5 && active > 0 && rnd.nextDouble() < 0.05 ? 1 : 0;
            if (b == 430 || b == 300) {
                expired = active;
            }
            if (b == 411 || b == 301) {
                created += hosts;
            }
            active = active + created - expired;
            natRows.add(new String[] {Long.toString(b), nat, Long.toString(active), Long.toString(created),
                    Long.toString(expired), Long.toString(active * 2)});
            if (created > 0) {
                event(b * SEC, "nat.mapping.created", ",\"nat\":\"" + nat + "\",\"internal\":\"192.168.1.10:51820\","
                        + "\"external\":\"203.0.113.1:40000\",\"remote\":\"198.51.100.1:51820\"");
            }
        }
    }

    /** Packet-level lines that a reader must skip (the bulk of a real log). */
    private void packetNoise(int lines) {
        long step = durationNs / lines;
        for (int i = 0; i < lines; i++) {
            long t = i * step;
            event(t, i % 2 == 0 ? "packet.sent" : "packet.delivered", ",\"node\":\"server\",\"iface\":\"eth0\","
                    + "\"src\":\"198.51.100.1:51820\",\"dst\":\"203.0.113.7:4500\",\"bytes\":1452,\"proto\":\"udp\"");
        }
    }

    private static String sec(long ns) {
        return num(ns / 1e9);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Writes the folder and returns it. */
    public Path write() {
        try {
            Files.createDirectories(dir.resolve("metrics"));
            Files.createDirectories(dir.resolve("wg-show"));
            ObjectNode root = JSON.createObjectNode();
            ObjectNode sc = root.putObject("scenario");
            sc.put("name", name);
            sc.put("description", "Synthetic run for reports tests: <roaming> & \"NAT\" keepalive.");
            sc.put("file", "scenarios/examples/" + name + ".yaml");
            sc.put("seed", 7);
            sc.put("duration_ns", durationNs);
            sc.put("epoch", "2026-01-01T00:00:00Z");
            root.putObject("run").put("wgsim_version", "0.1.0").put("events_executed", 123456);
            root.putObject("metrics").put("bin_ns", SEC);
            root.set("topology", topology);
            root.set("flows", flowsJson);
            ObjectNode wg = root.putObject("wireguard");
            wg.put("handshakes_initiated", initiations + retries);
            wg.put("handshakes_completed", initiations);
            wg.put("rekeys", rekeys);
            wg.put("gave_up", gaveUp);
            wg.put("cookies_sent", 0);
            ObjectNode drops = root.putObject("drops");
            dropTotals.forEach(drops::put);
            ArrayNode ex = root.putArray("expectations");
            ex.addObject().put("text", "rekey every 120s ± 1s").put("passed", true).put("message", "4 rekeys at 120 s intervals");
            ex.addObject().put("text", "flow voip delivered >= 99.9%").put("passed", false)
                    .put("message", "delivered 99.1% < 99.9% <script>");
            root.set("markers", markers);
            Files.writeString(dir.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));

            // Stable: same-time events keep the order they were made in, as the simulator's log does.
            events.sort(java.util.Comparator.comparingLong(Ev::t));
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
                for (Ev e : events) {
                    w.write(e.json());
                    w.write('\n');
                }
            }
            eventLines = events.size();
            csv("throughput.csv", "time_s,flow,delivered_bytes,goodput_bps", throughputRows);
            latencyRows.sort((a, b) -> Double.compare(Double.parseDouble(a[0]), Double.parseDouble(b[0])));
            csv("latency.csv", "time_s,flow,kind,latency_ms", latencyRows);
            csv("latency-summary.csv", "flow,kind,count,p50_ms,p90_ms,p99_ms,max_ms,mean_ms", summaryRows);
            List<String[]> dropRows = new ArrayList<>();
            dropsByBin.forEach((b, m) -> m.forEach((reason, n) -> dropRows.add(new String[] {
                    Long.toString(b), reason, Long.toString(n)})));
            csv("drops.csv", "time_s,reason,count", dropRows);
            if (!natRows.isEmpty()) {
                csv("nat.csv", "time_s,nat,active_mappings,created,expired,refreshed", natRows);
            }
            for (Map.Entry<String, String> e : wgShow.entrySet()) {
                Files.writeString(dir.resolve("wg-show").resolve(e.getKey() + ".txt"), e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void csv(String file, String header, List<String[]> rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("metrics").resolve(file), StandardCharsets.UTF_8)) {
            w.write(header);
            w.write('\n');
            for (String[] r : rows) {
                w.write(String.join(",", r));
                w.write('\n');
            }
        }
    }
}
