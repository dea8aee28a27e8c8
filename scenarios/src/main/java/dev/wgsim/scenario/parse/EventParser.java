package dev.wgsim.scenario.parse;

import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.Key32;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.yaml.Suggest;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code events} section: scheduled changes (roams, link and NAT changes, peers, keys, traffic). */
final class EventParser {
    private static final Map<String, Set<String>> KEYS = Map.of(
            "roam", Set.of("node", "address", "link"),
            "link_down", Set.of("link"),
            "link_up", Set.of("link"),
            "link_change", Set.of("link", "delay", "jitter", "rate", "queue", "loss", "duplicate", "reorder", "mtu"),
            "nat_reboot", Set.of("nat"),
            "peer_add", Set.of("node", "peer"),
            "peer_remove", Set.of("node", "peer"),
            "key_change", Set.of("node", "private_key"),
            "traffic_stop", Set.of("flow"),
            "traffic_start", Set.of("flow"));
    private static final List<String> TYPES = List.of("roam", "link_down", "link_up", "link_change", "nat_reboot",
            "peer_add", "peer_remove", "key_change", "traffic_stop", "traffic_start");

    private final ScenarioParser.Context ctx;

    EventParser(ScenarioParser.Context ctx) {
        this.ctx = ctx;
    }

    List<EventSpec> parse(Optional<YNode> section) {
        List<EventSpec> out = new ArrayList<>();
        if (section.isEmpty()) {
            return out;
        }
        for (YNode e : section.get().list()) {
            YMap m = e.map(Grammar.EVENT);
            long at = ctx.time(m.require("at"));
            YNode typeNode = m.require("type");
            String type = typeNode.string();
            Set<String> allowed = KEYS.get(type);
            if (allowed == null) {
                throw typeNode.error("unknown event type '" + type + "'", Suggest.fixFor(type, TYPES, "event types"));
            }
            Set<String> all = new HashSet<>(allowed);
            all.addAll(List.of("at", "type", "label"));
            for (String k : Grammar.EVENT.keys()) {
                if (m.has(k) && !all.contains(k)) {
                    throw m.get(k).get().error("'" + k + "' does not apply to a " + type + " event",
                            "Remove it; " + type + " takes: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
                }
            }
            Optional<String> label = m.get("label").map(YNode::string);
            out.add(switch (type) {
                case "roam" -> {
                    String node = ctx.nodeNames.ref(m.require("node"));
                    IpAddress addr = m.require("address").convert("an address", AddressSyntax::address);
                    Optional<String> link = m.get("link").map(ctx.linkNames::ref);
                    yield new EventSpec.Roam(at, node, addr, link,
                            label.orElse(node + " -> " + addr + link.map(l -> " via " + l).orElse("")));
                }
                case "link_down", "link_up" -> {
                    String link = ctx.linkNames.ref(m.require("link"));
                    boolean up = type.equals("link_up");
                    yield new EventSpec.LinkState(at, link, up, label.orElse(link + (up ? " up" : " down")));
                }
                case "link_change" -> {
                    YNode linkNode = m.require("link");
                    String link = ctx.linkNames.ref(linkNode);
                    if (!NetParser.hasModelKey(m)) {
                        throw e.error("link_change changes nothing", "Add at least one of: "
                                + String.join(", ", Grammar.LINK_MODEL_KEYS) + ".");
                    }
                    LinkSpec spec = linkSpec(link);
                    LinkDirectionSpec ab = NetParser.model(m, spec.aToB());
                    LinkDirectionSpec ba = NetParser.model(m, spec.bToA());
                    yield new EventSpec.LinkChange(at, link, ab, ba, label.orElse(link + " changed"));
                }
                case "nat_reboot" -> {
                    String nat = ctx.natNames.ref(m.require("nat"));
                    yield new EventSpec.NatReboot(at, nat, label.orElse(nat + " reboot"));
                }
                case "peer_add" -> {
                    String node = ctx.nodeNames.ref(m.require("node"));
                    PeerSpec peer = ctx.nodeParser.eventPeer(node, m.require("peer"));
                    yield new EventSpec.PeerAdd(at, node, peer, label.orElse(node + " + peer " + peer.name()));
                }
                case "peer_remove" -> {
                    YNode nodeNode = m.require("node");
                    String node = ctx.nodeNames.ref(nodeNode);
                    YNode peerNode = m.require("peer");
                    String peer = peerNode.string();
                    List<String> names = ctx.nodes.get(node).wireguard().map(w -> w.peers().stream().map(PeerSpec::name).toList())
                            .orElse(List.of());
                    if (!names.contains(peer)) {
                        throw peerNode.error("node '" + node + "' has no peer '" + peer + "'", Suggest.fixFor(peer, names, "peers of " + node));
                    }
                    yield new EventSpec.PeerRemove(at, node, peer, label.orElse(node + " - peer " + peer));
                }
                case "key_change" -> {
                    YNode nodeNode = m.require("node");
                    String node = ctx.nodeNames.ref(nodeNode);
                    if (ctx.nodes.get(node).wireguard().isEmpty()) {
                        throw nodeNode.error("node '" + node + "' has no wireguard block", "Change keys only of WireGuard nodes.");
                    }
                    Key32 key = m.get("private_key").map(k -> k.convert("a key", Key32::parseBase64))
                            .orElseGet(() -> KeyDerivation.privateKey(ctx.seed, node + "@" + at));
                    yield new EventSpec.KeyChange(at, node, key, label.orElse(node + " new key"));
                }
                default -> {
                    YNode flowNode = m.require("flow");
                    String flow = ctx.flowNames.ref(flowNode);
                    if (ctx.flows.get(flow).kind() == dev.wgsim.scenario.model.TrafficSpec.Kind.BULK) {
                        throw flowNode.error("bulk transfer '" + flow + "' cannot be stopped or restarted",
                                "Give the transfer a start time and a total size instead.");
                    }
                    boolean start = type.equals("traffic_start");
                    yield new EventSpec.TrafficState(at, flow, start, label.orElse(flow + (start ? " start" : " stop")));
                }
            });
        }
        return out;
    }

    private LinkSpec linkSpec(String name) {
        return ctx.links.get(name);
    }
}
