package dev.wgsim.scenario.run;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.metrics.LatencySummary;
import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.scenario.expect.ExpectationResult;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.sim.WgTunnel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code summary.json} (docs/results-format.md) with a stable field order. Reports reads it
 * back with its own {@code reports.results.Summary} on purpose: reports re-renders a results folder
 * without the simulator.
 */
public final class SummaryJson {
    public static final String VERSION = "0.1.0";
    /**
     * Above this many nodes, the copies of one {@code count:} entry are one topology entry (named as
     * written, e.g. {@code spoke-{i}}, with a {@code count}), and so are the links between them: a
     * 100,000-spoke hub otherwise lists every spoke and the hub's every peer (59 MB of summary.json).
     */
    public static final int NODE_DETAIL_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {
    }

    public static ObjectNode build(Simulation sim, SummaryTally log, List<ExpectationResult> expectations) {
        return build(sim, log, expectations, new FlowGroupSummary(sim.scenario(), sim.network().metrics(), false));
    }

    /**
     * summary.json; {@code groups} aggregates the flows made from one template and says whether
     * every flow is listed too (up to {@link FlowGroupSummary#FLOW_DETAIL_LIMIT} flows, or when asked).
     */
    public static ObjectNode build(Simulation sim, SummaryTally log, List<ExpectationResult> expectations,
                                   FlowGroupSummary groups) {
        Scenario s = sim.scenario();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode sc = root.putObject("scenario");
        sc.put("name", s.name()).put("description", s.description()).put("file", fileName(s)).put("seed", s.seed())
                .put("duration_ns", s.duration()).put("epoch", s.epoch().toString());
        root.putObject("run").put("wgsim_version", VERSION).put("events_executed", sim.network().loop().executedCount());
        ObjectNode metricsNode = root.putObject("metrics").put("bin_ns", s.metricsBin());
        if (!groups.perFlow()) {
            // Said only when grouped flows are left out of "flows", so smaller runs' summary.json stays as it was.
            metricsNode.put("flow_detail", false);
        }

        topology(sim, root.putObject("topology"));

        MetricsRecorder m = sim.network().metrics();
        Map<String, FlowMetrics> byName = new HashMap<>();
        for (FlowMetrics f : m.flows()) {
            byName.put(f.name(), f);
        }
        ArrayNode flows = root.putArray("flows");
        for (TrafficSpec t : s.traffic()) {
            if (!groups.perFlow() && !t.group().isEmpty()) {
                continue;
            }
            FlowMetrics fm = byName.get(t.name());
            ObjectNode o = flows.addObject().put("name", t.name()).put("from", t.from()).put("to", t.dst().toString());
            long sentP = fm == null ? 0 : fm.sentPackets();
            long delivB = fm == null ? 0 : fm.deliveredBytes();
            o.put("sent_packets", sentP).put("sent_bytes", fm == null ? 0 : fm.sentBytes())
                    .put("delivered_packets", fm == null ? 0 : fm.deliveredPackets()).put("delivered_bytes", delivB)
                    .put("delivery_ratio", fm == null ? 0.0 : fm.deliveryRatio())
                    .put("throughput_bps", delivB * 8.0 * 1e9 / Math.max(1, t.stop() - t.start()));
            latency(o, "latency_ns", fm == null ? null : fm.oneWaySummary());
            latency(o, "rtt_ns", fm == null ? null : fm.rttSummary());
        }

        if (!groups.isEmpty()) {
            groups.writeTo(root.putArray("flow_groups"));
        }

        root.putObject("wireguard")
                .put("handshakes_initiated", log.count("wg.handshake.initiated"))
                .put("handshakes_completed", log.handshakesCompleted())
                .put("rekeys", log.rekeys())
                .put("gave_up", log.count("wg.handshake.gave_up"))
                .put("cookies_sent", log.count("wg.cookie.sent"));
        ObjectNode drops = root.putObject("drops");
        for (Map.Entry<String, Long> d : m.dropTotals().entrySet()) {
            drops.put(d.getKey(), d.getValue());
        }
        ArrayNode ex = root.putArray("expectations");
        for (ExpectationResult r : expectations) {
            ex.addObject().put("text", r.text()).put("passed", r.passed()).put("message", r.message());
        }
        ArrayNode markers = root.putArray("markers");
        for (EventSpec e : s.events()) {
            markers.addObject().put("t", e.at()).put("kind", e.kind()).put("label", e.label());
        }
        ArrayNode warnings = root.putArray("warnings");
        for (dev.wgsim.scenario.model.ScenarioWarning w : s.warnings()) {
            // The file's name only, so a re-run from a copy of the inputs elsewhere writes the same bytes.
            var named = new dev.wgsim.scenario.model.ScenarioWarning(fileNameOf(w.file()), w.line(), w.column(), w.path(),
                    w.message());
            warnings.addObject().put("file", named.file()).put("line", named.line())
                    .put("field", named.path()).put("message", named.message()).put("text", named.toString());
        }
        return root;
    }

    /**
     * The scenario's file name without its folder: a run re-executed from the copy in its results
     * folder ({@code inputs/}) must give the same summary.json.
     */
    public static String fileName(Scenario s) {
        String f = s.file().replace('\\', '/');
        return f.substring(f.lastIndexOf('/') + 1);
    }

    private static String fileNameOf(String file) {
        java.nio.file.Path name = java.nio.file.Path.of(file).getFileName();
        return name == null ? file : name.toString();
    }

    private static void latency(ObjectNode o, String key, LatencySummary s) {
        if (s == null || s.count() == 0) {
            o.putNull(key);
            return;
        }
        o.putObject(key).put("p50", s.p50Nanos()).put("p90", s.p90Nanos()).put("p99", s.p99Nanos()).put("max", s.maxNanos());
    }

    public static String toJson(ObjectNode summary) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        pp = pp.withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(pp).writeValueAsString(summary) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code topology}: every node, link and NAT; above {@link #NODE_DETAIL_LIMIT} nodes the copies
     * of a {@code count:} entry (node, link or NAT) as one entry each (with {@code "node_detail":
     * false}). A group's entry shows its first copy's addresses, interface or behaviours, and its
     * {@code count}; names that refer to a grouped node or NAT (link ends, peers, NAT insides and
     * outsides) then say the group's name.
     */
    private static void topology(Simulation sim, ObjectNode topo) {
        Scenario s = sim.scenario();
        boolean grouped = s.nodes().size() > NODE_DETAIL_LIMIT;
        Map<String, String> groupOf = new HashMap<>();
        if (grouped) {
            topo.put("node_detail", false);
            for (NodeSpec n : s.nodes()) {
                if (!n.group().isEmpty()) {
                    groupOf.put(n.name(), n.group());
                }
            }
            for (NatSpec n : s.nats()) {
                if (!n.group().isEmpty()) {
                    groupOf.put(n.name(), n.group());
                }
            }
        }
        ArrayNode nodes = topo.putArray("nodes");
        Map<String, ObjectNode> nodeGroups = new HashMap<>();
        for (NodeSpec n : s.nodes()) {
            String group = groupOf.get(n.name());
            ObjectNode o = entry(nodes, nodeGroups, group != null ? group : n.name(), group);
            if (o == null) {
                continue;
            }
            ArrayNode addrs = o.putArray("addresses");
            n.addresses().forEach(a -> addrs.add(a.toString()));
            if (n.router()) {
                o.put("router", true);
            }
            WgTunnel t = sim.tunnels().get(n.name());
            // An interface made at run time (a tailnet device's) has no spec here: its part is under "tailnet".
            if (t != null && n.wireguard().isPresent()) {
                var w = n.wireguard().get();
                ObjectNode wg = o.putObject("wireguard").put("interface", w.interfaceName())
                        .put("address", w.addresses().isEmpty() ? "" : w.addresses().get(0).toString())
                        .put("mtu", ((dev.wgsim.engine.net.TunnelInterface) sim.outerNetwork().host(n.name())
                                .iface(w.interfaceName())).mtu())
                        .put("listen_port", t.device().listenPort());
                if (group == null) {
                    wg.put("public_key", t.device().publicKey().toBase64());
                }
                ArrayNode peers = wg.putArray("peers");
                w.peers().stream().map(p -> groupOf.getOrDefault(p.name(), p.name())).distinct().forEach(peers::add);
                ArrayNode wgAddrs = wg.putArray("addresses");
                w.addresses().forEach(a -> wgAddrs.add(a.toString()));
            }
        }
        ArrayNode links = topo.putArray("links");
        Map<String, ObjectNode> linkGroups = new HashMap<>();
        for (LinkSpec l : s.links()) {
            String a = groupOf.getOrDefault(l.a(), l.a());
            String b = groupOf.getOrDefault(l.b(), l.b());
            if (grouped && !l.group().isEmpty()) {
                ObjectNode o = entry(links, linkGroups, l.group(), l.group() + '\u0000' + a + '\u0000' + b);
                if (o != null) {
                    o.put("a", a).put("b", b);
                }
                continue;
            }
            links.addObject().put("name", l.name()).put("a", a).put("b", b);
        }
        ArrayNode nats = topo.putArray("nats");
        Map<String, ObjectNode> natGroups = new HashMap<>();
        for (NatSpec n : s.nats()) {
            String group = groupOf.get(n.name());
            ObjectNode o = entry(nats, natGroups, group != null ? group : n.name(), group);
            if (o == null) {
                continue;
            }
            ArrayNode in = o.putArray("inside");
            n.inside().stream().map(x -> groupOf.getOrDefault(x, x)).distinct().forEach(in::add);
            o.put("outside", groupOf.getOrDefault(n.outside(), n.outside())).put("mapping", n.mapping().text)
                    .put("filtering", n.filtering().text);
        }
    }

    /**
     * The entry to fill, named {@code name}: a new one when {@code key} is null (not grouped); else
     * the first copy with that key opens one with a count of 1, and each later copy adds 1 to its
     * count and gets null (nothing more to write).
     */
    private static ObjectNode entry(ArrayNode array, Map<String, ObjectNode> groups, String name, String key) {
        if (key == null) {
            return array.addObject().put("name", name);
        }
        ObjectNode seen = groups.get(key);
        if (seen != null) {
            seen.put("count", seen.get("count").asLong() + 1);
            return null;
        }
        ObjectNode o = array.addObject().put("name", name).put("count", 1);
        groups.put(key, o);
        return o;
    }
}
