package dev.wgsim.scenario.parse;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.TrafficSpec.Kind;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.yaml.Suggest;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code traffic} section: applications between inner (tunnel) or outer addresses. */
final class TrafficParser {
    private static final Map<Kind, Set<String>> KEYS = Map.of(
            Kind.CBR, Set.of("rate", "size"),
            Kind.POISSON, Set.of("rate", "size"),
            Kind.ONOFF, Set.of("rate", "size", "on", "off"),
            Kind.PING, Set.of("interval", "size"),
            Kind.BULK, Set.of("total", "size", "rate"));
    private static final Set<String> COMMON = Set.of("name", "count", "type", "from", "to", "via", "src", "start", "stop", "port");

    private final ScenarioParser.Context ctx;

    TrafficParser(ScenarioParser.Context ctx) {
        this.ctx = ctx;
    }

    List<TrafficSpec> parse(Optional<YNode> section) {
        List<TrafficSpec> out = new ArrayList<>();
        for (YNode e : Templates.expand(section, ScenarioKeys.TRAFFIC)) {
            ctx.problems.attempt(() -> {
                YMap m = e.map(ScenarioKeys.TRAFFIC);
                YNode nameNode = m.require("name");
                String name = nameNode.name();
                ctx.flowNames.define(name, nameNode);
                YNode typeNode = m.require("type");
                Kind kind;
                try {
                    kind = Kind.valueOf(typeNode.string().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw typeNode.error("unknown traffic type '" + typeNode.string() + "'",
                            Suggest.fixFor(typeNode.string(), List.of("cbr", "poisson", "onoff", "ping", "bulk"), "traffic types"));
                }
                for (String k : ScenarioKeys.TRAFFIC.keys()) {
                    if (m.has(k) && !COMMON.contains(k) && !KEYS.get(kind).contains(k)) {
                        throw m.get(k).get().error("'" + k + "' does not apply to " + typeNode.string() + " traffic",
                                "Remove it; " + typeNode.string() + " takes: " + String.join(", ", KEYS.get(kind).stream().sorted().toList()) + ".");
                    }
                }
                String from = ctx.nodeNames.ref(m.require("from"));
                NodeSpec fromNode = ctx.nodes.get(from);
                YNode toNode = m.require("to");
                String to = toNode.string();
                Optional<String> via = m.get("via").map(v -> {
                    String s = v.string();
                    if (!s.equals("tunnel") && !s.equals("direct")) {
                        throw v.error("unknown path '" + s + "'", "Write tunnel (inner addresses) or direct (outer addresses).");
                    }
                    return s;
                });
                IpAddress dst;
                boolean tunnel;
                if (ctx.tailnetAddresses.containsKey(from) && ctx.tailnetAddresses.containsKey(to)
                        && !via.map(v -> v.equals("direct")).orElse(false)) {
                    // Two tailnet devices: through the tailnet, to the address control assigns.
                    dst = ctx.tailnetAddresses.get(to);
                    tunnel = true;
                } else if (ctx.nodeNames.has(to)) {
                    NodeSpec target = ctx.nodes.get(to);
                    boolean bothWg = fromNode.wireguard().isPresent() && target.wireguard().isPresent()
                            && !target.wireguard().get().addresses().isEmpty();
                    tunnel = via.map(v -> v.equals("tunnel")).orElse(bothWg);
                    if (tunnel && !bothWg) {
                        throw toNode.error("no tunnel between '" + from + "' and '" + to + "'",
                                "Give both nodes a wireguard block with an address, or write via: direct.");
                    }
                    if (!tunnel && target.addresses().isEmpty()) {
                        throw toNode.error("node '" + to + "' has no outer address", "Give it an address, or send through the tunnel.");
                    }
                    dst = tunnel ? target.wireguard().get().addresses().get(0).address() : target.addresses().get(0);
                } else if (to.matches("[0-9a-fA-F:.]+") && (to.contains(".") || to.contains(":"))) {
                    dst = toNode.convert("an address", AddressSyntax::address);
                if (!ctx.addressOwners().containsKey(dst)) {
                    throw toNode.error("no node has address " + dst,
                            "Send to a node's name, or to one of its outer or tunnel addresses.");
                }
                    tunnel = via.map(v -> v.equals("tunnel")).orElse(routedIntoTunnel(fromNode, dst));
                } else {
                    throw toNode.error("no node named '" + to + "' and not an address",
                            Suggest.fixFor(to, ctx.nodeNames.all(), "node names (or write an IP address)"));
                }
                IpAddress src = m.get("src").map(n -> n.convert("an address", AddressSyntax::address)).orElse(null);
                if (src != null && src.isV6() != dst.isV6()) {
                    throw m.require("src").error("source " + src + " and destination " + dst + " are of different families",
                            "Use a source address of the destination's family.");
                }
                if (src != null && kind == Kind.BULK) {
                    throw m.require("src").error("'src' does not apply to bulk traffic",
                            "Remove it; a bulk transfer sends from the address its route picks.");
                }
                if (src != null && kind == Kind.PING && !ownsAddress(fromNode, src)) {
                    // ping -I binds to a local address; the kernel refuses any other (EADDRNOTAVAIL).
                    throw m.require("src").error("ping can only send from an address of node '" + from + "', and " + src
                                    + " is not one",
                            "Use one of its addresses (as ping -I does), or a cbr flow with src: to send spoofed packets.");
                }
                long start = m.get("start").map(ctx::time).orElse(0L);
                long stop = m.get("stop").map(ctx::time).orElse(ctx.duration);
                if (stop <= start) {
                    if (m.get("stop").isEmpty()) {
                        // Without stop: the flow would end with the scenario, which is when it starts.
                        throw m.require("start").error("the flow starts at the end of the scenario, so it never sends",
                                "Start it before the scenario's duration ends, or lengthen scenario.duration.");
                    }
                    throw m.require("stop").error("stop is not after start", "Make the flow stop after it starts.");
                }
                long rate = m.get("rate", YNode::rate, kind == Kind.BULK ? 0L : Defaults.TRAFFIC_RATE);
                long size = m.get("size", YNode::size, kind == Kind.PING ? Defaults.PING_SIZE : Defaults.TRAFFIC_SIZE);
                if (size > 65000) {
                    throw m.require("size").error("payload of " + size + " bytes does not fit a UDP datagram", "Use at most 65000 bytes.");
                }
                long on = m.get("on", YNode::duration, Defaults.ONOFF_ON);
                long off = m.get("off", YNode::duration, Defaults.ONOFF_OFF);
                long interval = m.get("interval", YNode::duration, Defaults.PING_INTERVAL);
                long total = kind == Kind.BULK ? m.require("total").size() : 0;
                int port = m.get("port", YNode::port, Defaults.TRAFFIC_PORT);
                // Copies of one count: entry form a group, named by the name as written (ping-{i}).
                String group = Templates.group(e, nameNode);
                TrafficSpec spec = new TrafficSpec(name, kind, from, to, dst, tunnel, rate, size, start, stop, on, off, interval, total, port, src,
                        group);
                ctx.flows.put(name, spec);
                out.add(spec);
            });
        }
        return out;
    }

    private static boolean ownsAddress(NodeSpec n, IpAddress a) {
        return n.addresses().contains(a)
                || n.wireguard().map(w -> w.addresses().stream().anyMatch(x -> x.address().equals(a))).orElse(false);
    }

    private static boolean routedIntoTunnel(NodeSpec from, IpAddress dst) {
        if (from.wireguard().isEmpty()) {
            return false;
        }
        for (PeerSpec p : from.wireguard().get().peers()) {
            for (IpPrefix a : p.allowedIps()) {
                if (a.contains(dst)) {
                    return true;
                }
            }
        }
        return from.wireguard().get().addresses().stream().anyMatch(a -> a.subnet().contains(dst));
    }
}
