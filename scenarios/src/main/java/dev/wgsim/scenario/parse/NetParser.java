package dev.wgsim.scenario.parse;

import dev.wgsim.net.IpAddress;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.LossSpec;
import dev.wgsim.scenario.model.NatSpec.Mapping;
import dev.wgsim.scenario.model.NatSpec.PortAllocation;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.yaml.Suggest;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code links} and {@code nats} sections, and the netem-style link model shared with {@code link_change} events. */
final class NetParser {
    static final LinkDirectionSpec DEFAULT_DIRECTION = new LinkDirectionSpec(new DelaySpec.Fixed(Defaults.LINK_DELAY),
            Defaults.LINK_JITTER, Defaults.LINK_RATE, Defaults.LINK_QUEUE_PACKETS, LossSpec.NONE, 0.0, 0.0, Defaults.LINK_MTU);

    private static final List<String> PRESETS = dev.wgsim.engine.nat.NatConfig.PRESETS;
    private static final List<String> BEHAVIOURS = List.of("endpoint-independent", "address-dependent", "address-and-port-dependent");

    private final ScenarioParser.Context ctx;
    private final Map<String, YMap> natMaps = new java.util.LinkedHashMap<>();
    private final List<NatSpec> natSpecs = new ArrayList<>();

    NetParser(ScenarioParser.Context ctx) {
        this.ctx = ctx;
    }

    List<LinkSpec> parseLinks(Optional<YNode> section) {
        List<LinkSpec> out = new ArrayList<>();
        for (YNode e : Templates.expand(section, ScenarioKeys.LINK)) {
            ctx.problems.attempt(() -> {
                YMap m = e.map(ScenarioKeys.LINK);
                YNode nameNode = m.require("name");
                String name = nameNode.name();
                ctx.linkNames.define(name, nameNode);
                String a = ctx.stationRef(m.require("a"));
                YNode bNode = m.require("b");
                String b = ctx.stationRef(bNode);
                if (a.equals(b)) {
                    throw bNode.error("link '" + name + "' connects '" + a + "' to itself", "Connect two different nodes.");
                }
                LinkDirectionSpec both = model(m, DEFAULT_DIRECTION);
                LinkDirectionSpec ab = m.get("a_to_b").map(n -> model(n.map(ScenarioKeys.LINK_DIRECTION), both)).orElse(both);
                LinkDirectionSpec ba = m.get("b_to_a").map(n -> model(n.map(ScenarioKeys.LINK_DIRECTION), both)).orElse(both);
                LinkSpec link = new LinkSpec(name, a, b, ab, ba, m.get("up", YNode::bool, true), Templates.group(e, nameNode));
                ctx.links.put(name, link);
                out.add(link);
            });
        }
        return out;
    }

    /** The link-model keys present in {@code m}, applied over {@code base}. */
    static LinkDirectionSpec model(YMap m, LinkDirectionSpec base) {
        DelaySpec delay = m.get("delay").map(NetParser::delay).orElse(base.delay());
        long jitter = m.get("jitter", YNode::durationAllowZero, base.jitter());
        long rate = m.get("rate").map(n -> n.string().equals("0") || n.string().equalsIgnoreCase("unlimited") ? 0L : n.rate())
                .orElse(base.rate());
        int queue = m.get("queue", n -> (int) n.integer(1, 1_000_000), base.queuePackets());
        LossSpec loss = m.get("loss").map(NetParser::loss).orElse(base.loss());
        double dup = m.get("duplicate", YNode::probability, base.duplicate());
        double reorder = m.get("reorder", YNode::probability, base.reorder());
        int mtu = m.get("mtu", n -> (int) n.integer(68, 65535), base.mtu());
        return new LinkDirectionSpec(delay, jitter, rate, queue, loss, dup, reorder, mtu);
    }

    static boolean hasModelKey(YMap m) {
        for (String k : ScenarioKeys.LINK_MODEL_KEYS) {
            if (m.has(k)) {
                return true;
            }
        }
        return false;
    }

    private static DelaySpec delay(YNode n) {
        if (n.isScalar()) {
            return new DelaySpec.Fixed(n.durationAllowZero());
        }
        YMap m = n.map(ScenarioKeys.DELAY);
        YNode distNode = m.require("distribution");
        String dist = distNode.string();
        return switch (dist) {
            case "fixed" -> new DelaySpec.Fixed(m.require("mean").durationAllowZero());
            case "uniform" -> {
                long min = m.require("min").durationAllowZero();
                YNode maxNode = m.require("max");
                long max = maxNode.durationAllowZero();
                if (max < min) {
                    throw maxNode.error("max is below min", "Make max at least min.");
                }
                yield new DelaySpec.Uniform(min, max);
            }
            case "normal" -> new DelaySpec.Normal(m.require("mean").duration(), m.require("stddev").durationAllowZero());
            case "exponential" -> new DelaySpec.Exponential(m.require("mean").duration());
            case "pareto" -> new DelaySpec.Pareto(m.require("scale").duration(), positive(m.require("shape")));
            case "lognormal" -> new DelaySpec.LogNormal(m.require("median").duration(), positive(m.require("sigma")));
            default -> throw distNode.error("unknown delay distribution '" + dist + "'",
                    Suggest.fixFor(dist, List.of("fixed", "uniform", "normal", "exponential", "pareto", "lognormal"), "distributions"));
        };
    }

    private static double positive(YNode n) {
        double v = n.number();
        if (v <= 0) {
            throw n.error("must be positive", "Write a number greater than zero.");
        }
        return v;
    }

    private static LossSpec loss(YNode n) {
        if (n.isScalar()) {
            return new LossSpec.Bernoulli(n.probability());
        }
        YMap m = n.map(ScenarioKeys.LOSS);
        YNode modelNode = m.require("model");
        String model = modelNode.string();
        return switch (model) {
            case "bernoulli" -> new LossSpec.Bernoulli(m.require("p").probability());
            case "gilbert-elliott" -> new LossSpec.GilbertElliott(m.require("p").probability(), m.require("r").probability(),
                    m.get("loss_good", YNode::probability, 0.0), m.get("loss_bad", YNode::probability, 1.0));
            default -> throw modelNode.error("unknown loss model '" + model + "'",
                    Suggest.fixFor(model, List.of("bernoulli", "gilbert-elliott"), "loss models"));
        };
    }

    List<NatSpec> parseNats(Optional<YNode> section) {
        List<YNode> entries = Templates.expand(section, ScenarioKeys.NAT);
        List<YMap> maps = new ArrayList<>();
        Map<YMap, String> groups = new java.util.IdentityHashMap<>();
        for (YNode e : entries) {
            ctx.problems.attempt(() -> {
                YMap m = e.map(ScenarioKeys.NAT);
                YNode nameNode = m.require("name");
                ctx.natNames.define(nameNode.name(), nameNode, ctx.nodeNames);
                maps.add(m);
                groups.put(m, Templates.group(e, nameNode));
            });
        }
        List<NatSpec> out = new ArrayList<>();
        for (YMap m : maps) {
            ctx.problems.attempt(() -> {
                String name = m.require("name").name();
                String preset = m.get("preset").map(p -> {
                    String s = p.string();
                    if (!PRESETS.contains(s)) {
                        throw p.error("unknown NAT preset '" + s + "'", Suggest.fixFor(s, PRESETS, "presets"));
                    }
                    return s;
                }).orElse(m.has("mapping") || m.has("filtering") ? "custom" : Defaults.NAT_PRESET);
                // The preset gives every default (the research note's vnet table); explicit keys override.
                dev.wgsim.engine.nat.NatConfig base = dev.wgsim.engine.nat.NatConfig.preset(preset.equals("custom") ? Defaults.NAT_PRESET : preset);
                Mapping mapping = base.oneToOne() ? Mapping.ONE_TO_ONE : Mapping.valueOf(base.mapping().name());
                Mapping filtering = base.oneToOne() ? Mapping.ENDPOINT_INDEPENDENT : Mapping.valueOf(base.filtering().name());
                mapping = m.get("mapping").map(NetParser::behaviour).orElse(mapping);
                filtering = m.get("filtering").map(NetParser::behaviour).orElse(filtering);
                PortAllocation ports = m.get("port_allocation").map(p -> {
                    String s = p.string();
                    try {
                        return PortAllocation.valueOf(s.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException ex) {
                        throw p.error("unknown port allocation '" + s + "'",
                                Suggest.fixFor(s, List.of("preserve", "sequential", "random"), "port allocations"));
                    }
                }).orElse(PortAllocation.valueOf(base.ports().name()));
                int[] range = m.get("port_range").map(NetParser::portRange).orElse(new int[] {base.portLow(), base.portHigh()});
                List<IpAddress> publics = new ArrayList<>();
                if (m.has("address") && m.has("addresses")) {
                    throw m.get("addresses").get().error("'address' and 'addresses' cannot be used together", "Keep one of them.");
                }
                m.get("address").ifPresent(n -> publics.add(n.convert("an address", AddressSyntax::address)));
                publics.addAll(m.list("addresses", n -> n.convert("an address", AddressSyntax::address)));
                if (publics.isEmpty()) {
                    throw m.missing("address");
                }
                YNode outsideNode = m.require("outside");
                String outside = ctx.stationRef(outsideNode);
                if (outside.equals(name)) {
                    throw outsideNode.error("NAT '" + name + "' cannot be outside itself", "Name the router or NAT upstream of it.");
                }
                List<String> inside = new ArrayList<>();
                for (YNode in : m.require("inside").list()) {
                    String s = ctx.stationRef(in);
                    if (s.equals(name) || s.equals(outside)) {
                        throw in.error("'" + s + "' cannot be both inside and outside (or be the NAT itself)",
                                "List only the hosts (or NATs) behind " + name + ".");
                    }
                    // A multi-homed host may sit behind several NATs (a phone on home Wi-Fi and on LTE).
                    if (inside.contains(s)) {
                        throw in.error("'" + s + "' is listed twice", "List each host once.");
                    }
                    inside.add(s);
                }
                long timeout = m.get("timeout", YNode::duration, base.mappingTimeoutNanos());
                boolean hairpin = m.get("hairpin", YNode::bool, false);
                List<NatSpec.PortMapping> leases = new ArrayList<>();
                for (YNode pm : m.list("port_mappings", n -> n)) {
                    leases.add(portMapping(pm, name, inside, leases));
                }
                if (!leases.isEmpty() && mapping == Mapping.ONE_TO_ONE) {
                    throw m.get("port_mappings").get().error("a one-to-one NAT already forwards every port",
                            "Remove port_mappings or choose another preset.");
                }
                NatSpec spec = new NatSpec(name, preset, publics, inside, outside, mapping, filtering, ports, range[0], range[1],
                        timeout, hairpin, leases, groups.get(m));
                natMaps.put(name, m);
                natSpecs.add(spec);
                out.add(spec);
            });
        }
        checkAcyclic(out, maps);
        return out;
    }

    /** {@code port_range: 32768-65535}: two ports, low first. */
    private static int[] portRange(YNode n) {
        String s = n.string().trim();
        int dash = s.indexOf('-');
        int[] r = null;
        if (dash > 0) {
            try {
                r = new int[] {Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim())};
            } catch (NumberFormatException ex) {
                r = null;
            }
        }
        if (r == null || r[0] < 1 || r[1] > 65535 || r[0] > r[1]) {
            throw n.error("port range '" + s + "' is not LOW-HIGH with 1 <= LOW <= HIGH <= 65535", "Write e.g. 32768-65535.");
        }
        return r;
    }

    /** One {@code port_mappings} entry: the node must be directly inside this NAT; one lease per node port. */
    private NatSpec.PortMapping portMapping(YNode n, String nat, List<String> inside, List<NatSpec.PortMapping> earlier) {
        YMap pm = n.map(ScenarioKeys.PORT_MAPPING);
        YNode nodeNode = pm.require("node");
        String node = nodeNode.string();
        if (!inside.contains(node)) {
            throw nodeNode.error("'" + node + "' is not inside NAT '" + nat + "'",
                    "A port mapping is asked for by a host directly behind the NAT; list it in inside.");
        }
        String protocol = pm.get("protocol").map(p -> {
            String s = p.string();
            if (!s.equals("udp") && !s.equals("tcp")) {
                throw p.error("unknown protocol '" + s + "'", "Use udp or tcp.");
            }
            return s;
        }).orElse("udp");
        YNode portNode = pm.require("port");
        int port = portNode.port();
        int external = pm.get("external_port").map(YNode::port).orElse(port);
        long lease = pm.get("lease", YNode::duration, Defaults.PORT_MAPPING_LEASE);
        if (lease <= 0) {
            throw pm.get("lease").get().error("a lease must be longer than 0", "NAT-PMP's usual lease is 2h.");
        }
        for (NatSpec.PortMapping e : earlier) {
            if (e.node().equals(node) && e.port() == port && e.protocol().equals(protocol)) {
                throw portNode.error(protocol + " port " + port + " of '" + node + "' is mapped twice", "Keep one entry.");
            }
        }
        return new NatSpec.PortMapping(node, protocol, port, external, lease);
    }

    /** Every NAT needs a link to its outside and to each station inside it (checked once links are read). */
    void checkNatLinks(List<LinkSpec> links) {
        for (NatSpec n : natSpecs) {
            ctx.problems.attempt(() -> checkNatLinks(links, n));
        }
    }

    private void checkNatLinks(List<LinkSpec> links, NatSpec n) {
        YMap m = natMaps.get(n.name());
        if (!linked(links, n.name(), n.outside())) {
            throw m.require("outside").error("no link joins NAT '" + n.name() + "' to '" + n.outside() + "'",
                    "Add a link with a: " + n.name() + " and b: " + n.outside() + ".");
        }
        List<YNode> ins = m.require("inside").list();
        for (int i = 0; i < n.inside().size(); i++) {
            if (!linked(links, n.name(), n.inside().get(i))) {
                throw ins.get(i).error("no link joins '" + n.inside().get(i) + "' to NAT '" + n.name() + "'",
                        "Add a link with a: " + n.inside().get(i) + " and b: " + n.name() + ".");
            }
        }
    }

    private java.util.Set<List<String>> linkedPairs;

    private boolean linked(List<LinkSpec> links, String x, String y) {
        if (linkedPairs == null) {
            linkedPairs = new java.util.HashSet<>();
            links.forEach(l -> {
                linkedPairs.add(List.of(l.a(), l.b()));
                linkedPairs.add(List.of(l.b(), l.a()));
            });
        }
        return linkedPairs.contains(List.of(x, y));
    }

    private static void checkAcyclic(List<NatSpec> nats, List<YMap> maps) {
        Map<String, String> up = new HashMap<>();
        nats.forEach(n -> up.put(n.name(), n.outside()));
        for (int i = 0; i < nats.size(); i++) {
            String cur = nats.get(i).name();
            for (int steps = 0; up.containsKey(cur); steps++) {
                cur = up.get(cur);
                if (steps > nats.size()) {
                    throw maps.get(i).require("outside").error("NATs are stacked in a loop",
                            "Make the chain of 'outside:' end at a router node.");
                }
            }
        }
    }

    private static Mapping behaviour(YNode n) {
        String s = n.string();
        for (Mapping m : Mapping.values()) {
            if (m.text.equals(s) && m != Mapping.ONE_TO_ONE) {
                return m;
            }
        }
        throw n.error("unknown NAT behaviour '" + s + "'", Suggest.fixFor(s, BEHAVIOURS, "RFC 4787 behaviours"));
    }
}
