package dev.wgsim.scenario.parse;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.scenario.model.EventKinds;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.Comparison;
import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.FlowMetric;
import dev.wgsim.scenario.model.ExpectSpec.Op;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.units.Units;
import dev.wgsim.scenario.yaml.Suggest;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code expect} block. Each entry has one head key saying what it checks:
 * {@code happens}, {@code count}, {@code interval}, {@code span}, {@code flow} or {@code endpoint}.
 * Event expectations may narrow the events by {@code node}, {@code peer}, {@code reason} and any
 * other field under {@code where}; an interval's {@code every} is {@code 25s ± 1ms} or
 * {@code between 5s and 5.333s}.
 */
final class ExpectParser {
    private static final String[] HEADS = {"happens", "count", "interval", "span", "flow", "endpoint"};
    private static final String[] FLOW_METRICS = {"delivered", "throughput", "latency_p50", "latency_p90", "latency_p99",
            "latency_max", "rtt_p50", "rtt_p90", "rtt_p99", "rtt_max"};
    private static final Map<String, Set<String>> KEYS = Map.of(
            "happens", Set.of("node", "peer", "reason", "where", "at", "within"),
            "count", Set.of("node", "peer", "reason", "where", "is", "within"),
            "interval", Set.of("node", "peer", "reason", "where", "every", "within"),
            "span", Set.of("node", "peer", "reason", "where", "is", "within"),
            "flow", Set.of("within", "delivered", "throughput", "latency_p50", "latency_p90", "latency_p99",
                    "latency_max", "rtt_p50", "rtt_p90", "rtt_p99", "rtt_max"),
            "endpoint", Set.of("node", "peer", "at"));

    private final ScenarioParser.Context ctx;

    ExpectParser(ScenarioParser.Context ctx) {
        this.ctx = ctx;
    }

    List<ExpectSpec> parse(Optional<YNode> section) {
        List<ExpectSpec> out = new ArrayList<>();
        if (section.isEmpty()) {
            return out;
        }
        for (YNode e : section.get().list()) {
            ctx.problems.attempt(() -> out.add(expectation(e)));
        }
        return out;
    }

    private ExpectSpec expectation(YNode e) {
        YMap m = e.map(ScenarioKeys.EXPECT);
        String head = m.exactlyOne(HEADS);
        for (String k : ScenarioKeys.EXPECT.keys()) {
            if (m.has(k) && !k.equals(head) && !k.equals("text") && !KEYS.get(head).contains(k)) {
                throw m.get(k).get().error("'" + k + "' does not apply to a '" + head + "' expectation",
                        "Remove it; '" + head + "' takes: " + String.join(", ", KEYS.get(head).stream().sorted().toList()) + ".");
            }
        }
        Optional<String> text = m.get("text").map(YNode::string);
        return switch (head) {
            case "happens" -> {
                String kind = kind(m.require("happens"));
                EventFilter f = filter(m);
                if (m.has("at") && m.has("within")) {
                    throw m.require("within").error("'at' and 'within' cannot be used together", "Keep one of them.");
                }
                Optional<TimeWindow> w = m.has("at") ? Optional.of(around(m.require("at"))) : window(m);
                yield new ExpectSpec.Happens(text.orElse(kind + describe(f) + describe(w)), kind, f, w);
            }
            case "count" -> {
                String kind = kind(m.require("count"));
                EventFilter f = filter(m);
                YNode isNode = m.require("is");
                Comparison c = comparison(isNode, s -> count(isNode, s));
                Optional<TimeWindow> w = window(m);
                yield new ExpectSpec.Count(text.orElse("count of " + kind + describe(f) + describe(w) + " is " + isNode.string()),
                        kind, f, c, w);
            }
            case "interval" -> {
                String kind = kind(m.require("interval"));
                EventFilter f = filter(m);
                YNode everyNode = m.require("every");
                long[] tol = everyNode.string().trim().startsWith("between ") ? range(everyNode) : withTolerance(everyNode);
                if (tol[0] <= 0) {
                    throw everyNode.error("interval must be positive", "Write e.g. 25s ± 1ms.");
                }
                Optional<TimeWindow> w = window(m);
                yield new ExpectSpec.Interval(text.orElse(kind + describe(f) + " every " + everyNode.string() + describe(w)),
                        kind, f, tol[0], tol[1], w);
            }
            case "span" -> {
                String kind = kind(m.require("span"));
                EventFilter f = filter(m);
                YNode isNode = m.require("is");
                Comparison c = comparison(isNode, v -> (double) isNode.convert("a duration", x -> Units.parseDuration(v)));
                Optional<TimeWindow> w = window(m);
                yield new ExpectSpec.Span(text.orElse("first to last " + kind + describe(f) + describe(w) + " is "
                        + isNode.string()), kind, f, c, w);
            }
            case "flow" -> {
                String flow = ctx.flowNames.ref(m.require("flow"));
                String metricKey = m.exactlyOne(FLOW_METRICS);
                YNode vNode = m.require(metricKey);
                FlowMetric metric = FlowMetric.valueOf(metricKey.toUpperCase(Locale.ROOT));
                Function<String, Double> parser = switch (metric) {
                    case DELIVERED -> s -> ratio(vNode, s);
                    case THROUGHPUT -> s -> (double) vNode.convert("a rate", x -> Units.parseRate(s));
                    default -> s -> (double) vNode.convert("a duration", x -> Units.parseDuration(s));
                };
                Comparison c = comparison(vNode, parser);
                Optional<TimeWindow> w = window(m);
                yield new ExpectSpec.Flow(text.orElse("flow " + flow + " " + metricKey + " " + vNode.string() + describe(w)),
                        flow, metric, c, w);
            }
            default -> {
                YNode nodeNode = m.require("node");
                String node = ctx.nodeNames.ref(nodeNode);
                String peer = peerRef(m.require("peer"), Optional.of(node));
                long at = ctx.time(m.require("at"));
                Endpoint ep = m.require("endpoint").convert("an endpoint", AddressSyntax::endpoint);
                yield new ExpectSpec.EndpointAt(text.orElse("at " + Units.formatDuration(at) + ": " + node + "'s endpoint for "
                        + peer + " is " + ep), at, node, peer, ep);
            }
        };
    }

    private static String kind(YNode n) {
        String k = n.string();
        if (!EventKinds.ALL.contains(k)) {
            throw n.error("unknown event kind '" + k + "'", Suggest.fixFor(k, EventKinds.ALL, "event kinds"));
        }
        return k;
    }

    private EventFilter filter(YMap m) {
        java.util.Map<String, String> where = new java.util.TreeMap<>();
        m.get("where").ifPresent(w -> {
            if (!w.isMap()) {
                throw w.error("'where' is a mapping of event fields to values", "Write e.g. where: {persistent: false}.");
            }
            for (org.yaml.snakeyaml.nodes.NodeTuple t : ((org.yaml.snakeyaml.nodes.MappingNode) w.raw()).getValue()) {
                if (!(t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k)
                        || !(t.getValueNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode v)) {
                    throw w.error("'where' values must be plain scalars", "Write e.g. where: {role: initiator, retry: false}.");
                }
                where.put(k.getValue(), v.getValue());
            }
        });
        Optional<String> node = m.get("node").map(ctx.nodeNames::ref);
        return new EventFilter(node, m.get("peer").map(p -> peerRef(p, node)),
                m.get("reason").map(YNode::string), Optional.empty(), where);
    }

    /**
     * A peer name that some node has (the named node, if given), from the file or a peer_add
     * event: a typo would otherwise match no event and make "count is 0" pass vacuously.
     */
    private String peerRef(YNode at, Optional<String> node) {
        String name = at.string();
        java.util.Set<String> names = peerNames.computeIfAbsent(node, this::peerNames);
        if (!names.contains(name)) {
            throw at.error(node.map(n -> "node '" + n + "' has no peer '" + name + "'").orElse("no node has a peer '" + name + "'"),
                    Suggest.fixFor(name, names, node.map(n -> "peers of " + n).orElse("peer names")));
        }
        return name;
    }

    private final Map<Optional<String>, java.util.Set<String>> peerNames = new java.util.HashMap<>();

    private java.util.Set<String> peerNames(Optional<String> node) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (dev.wgsim.scenario.model.NodeSpec n : ctx.nodes.values()) {
            if (node.isEmpty() || node.get().equals(n.name())) {
                n.wireguard().ifPresent(w -> w.peers().forEach(p -> names.add(p.name())));
            }
        }
        // Tailnet devices are peers of one another once control has introduced them.
        if (node.isEmpty() || ctx.tailnetAddresses.containsKey(node.get())) {
            ctx.tailnetAddresses.keySet().stream().filter(d -> !node.equals(Optional.of(d))).forEach(names::add);
        }
        for (dev.wgsim.scenario.model.EventSpec e : ctx.events) {
            if (e instanceof dev.wgsim.scenario.model.EventSpec.PeerAdd a && (node.isEmpty() || node.get().equals(a.node()))) {
                names.add(a.peer().name());
            }
        }
        return names;
    }

    /** {@code between 5s and 5.333s} as the centre and half-width, so it shares {@code every ± tolerance}. */
    private static long[] range(YNode n) {
        String[] p = n.string().trim().substring(8).split("\\s+and\\s+");
        if (p.length != 2) {
            throw n.error("'" + n.string() + "' is not a range", "Write e.g. between 5s and 5.333s.");
        }
        long lo = n.convert("a duration", x -> Units.parseDuration(p[0].trim()));
        long hi = n.convert("a duration", x -> Units.parseDuration(p[1].trim()));
        if (hi < lo) {
            throw n.error("the range is empty", "Write the smaller bound first.");
        }
        long mid = lo + (hi - lo) / 2;
        return new long[] {mid, hi - mid};
    }

    private Optional<TimeWindow> window(YMap m) {
        return m.get("within").map(n -> {
            List<YNode> two = n.list();
            if (two.size() != 2) {
                throw n.error("a window is two times", "Write within: [5s, 60s].");
            }
            long from = ctx.time(two.get(0));
            long to = ctx.time(two.get(1));
            if (to < from) {
                throw two.get(1).error("the window ends before it starts", "Write the earlier time first.");
            }
            return new TimeWindow(from, to);
        });
    }

    /** {@code 120s ± 50ms} (or {@code +-}) as the window [t - tol, t + tol]. */
    private TimeWindow around(YNode n) {
        long[] v = withTolerance(n);
        if (v[0] > ctx.duration) {
            throw n.error("time " + n.string() + " is after the end of the scenario", "Use a time up to the scenario's duration.");
        }
        return new TimeWindow(Math.max(0, v[0] - v[1]), v[0] + v[1]);
    }

    private static long[] withTolerance(YNode n) {
        String s = n.string();
        String[] parts = s.split("±|\\+-|\\+/-", -1);
        if (parts.length > 2) {
            throw n.error("'" + s + "' has more than one tolerance", "Write e.g. 120s ± 50ms.");
        }
        long v = n.convert("a duration", x -> Units.parseDuration(parts[0]));
        long tol = parts.length == 2 ? n.convert("a duration", x -> Units.parseDuration(parts[1])) : 0;
        return new long[] {v, tol};
    }

    private static Comparison comparison(YNode n, Function<String, Double> value) {
        String s = n.string().trim();
        if (s.startsWith("between ")) {
            String[] p = s.substring(8).split("\\s+and\\s+");
            if (p.length != 2) {
                throw n.error("'" + s + "' is not a range", "Write e.g. between 18 and 20.");
            }
            double lo = value.apply(p[0].trim());
            double hi = value.apply(p[1].trim());
            if (hi < lo) {
                throw n.error("the range is empty", "Write the smaller bound first.");
            }
            return new Comparison(Op.BETWEEN, lo, hi);
        }
        Op op = Op.EQ;
        String rest = s;
        for (String[] o : new String[][] {{">=", "GE"}, {"<=", "LE"}, {"!=", "NE"}, {"==", "EQ"}, {">", "GT"}, {"<", "LT"}, {"=", "EQ"}}) {
            if (s.startsWith(o[0])) {
                op = Op.valueOf(o[1]);
                rest = s.substring(o[0].length()).trim();
                break;
            }
        }
        return new Comparison(op, value.apply(rest), 0);
    }

    private static double count(YNode n, String s) {
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw n.error("'" + s + "' is not a count", "Write a whole number, optionally after >=, <=, >, < or as 'between 18 and 20'.");
        }
    }

    private static double ratio(YNode n, String s) {
        try {
            double v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0 : Double.parseDouble(s);
            if (v < 0 || v > 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw n.error("'" + s + "' is not a delivery ratio", "Write a percentage such as >= 99% or a fraction such as >= 0.99.");
        }
    }

    private static String describe(EventFilter f) {
        StringBuilder sb = new StringBuilder();
        f.node().ifPresent(v -> sb.append(" node=").append(v));
        f.peer().ifPresent(v -> sb.append(" peer=").append(v));
        f.reason().ifPresent(v -> sb.append(" reason=").append(v));
        f.where().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    private static String describe(Optional<TimeWindow> w) {
        return w.map(x -> " within " + Units.formatDuration(x.from()) + ".." + Units.formatDuration(x.to())).orElse("");
    }
}
