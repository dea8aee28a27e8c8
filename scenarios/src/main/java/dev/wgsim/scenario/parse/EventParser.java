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
        List<YNode> at = new ArrayList<>();
        for (YNode e : section.get().list()) {
            ctx.problems.attempt(() -> {
                out.add(event(e));
                at.add(e);
            });
        }
        checkPeerChanges(out, at);
        return out;
    }

    /**
     * Replays peer_add and peer_remove in time order (the order they run in) over the peers in the
     * file: adding a peer the node has at that time, or removing one it does not have, is an error.
     */
    private void checkPeerChanges(List<EventSpec> events, List<YNode> at) {
        Integer[] order = new Integer[events.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> events.get(i).at())); // stable
        Map<String, Map<String, Object>> peersOf = new java.util.HashMap<>();
        for (int i : order) {
            EventSpec ev = events.get(i);
            if (!(ev instanceof EventSpec.PeerAdd) && !(ev instanceof EventSpec.PeerRemove)) {
                continue;
            }
            String node = ev instanceof EventSpec.PeerAdd a ? a.node() : ((EventSpec.PeerRemove) ev).node();
            Map<String, Object> peers = peersOf.computeIfAbsent(node, n -> {
                Map<String, Object> m = new java.util.LinkedHashMap<>();
                ctx.nodes.get(n).wireguard().ifPresent(w -> w.peers().forEach(p -> m.put(p.name(), ctx.nodeParser.peerIdentity(p))));
                return m;
            });
            YMap m = at.get(i).map(ScenarioKeys.EVENT);
            YNode peerNode = m.require("peer");
            if (ev instanceof EventSpec.PeerAdd a) {
                Object key = ctx.nodeParser.peerIdentity(a.peer());
                String same = peers.containsKey(a.peer().name()) ? a.peer().name()
                        : peers.entrySet().stream().filter(x -> x.getValue().equals(key)).map(Map.Entry::getKey).findFirst().orElse(null);
                if (same != null) {
                    ctx.problems.report(peerNode.error("node '" + node + "' already has peer '" + same + "' at "
                                    + dev.wgsim.scenario.units.Units.formatDuration(a.at()),
                            "Add a peer the node does not have yet, or remove it first with a peer_remove event."));
                    continue;
                }
                peers.put(a.peer().name(), key);
            } else {
                EventSpec.PeerRemove r = (EventSpec.PeerRemove) ev;
                if (peers.remove(r.peer()) == null) {
                    ctx.problems.report(peerNode.error("node '" + node + "' has no peer '" + r.peer() + "' at "
                                    + dev.wgsim.scenario.units.Units.formatDuration(r.at()),
                            Suggest.fixFor(r.peer(), peers.keySet(), "peers of " + node + " at that time")));
                }
            }
        }
    }

    private EventSpec event(YNode e) {
        YMap m = e.map(ScenarioKeys.EVENT);
        long at = ctx.time(m.require("at"));
        YNode typeNode = m.require("type");
        String type = typeNode.string();
        Set<String> allowed = KEYS.get(type);
        if (allowed == null) {
            throw typeNode.error("unknown event type '" + type + "'", Suggest.fixFor(type, TYPES, "event types"));
        }
        Set<String> all = new HashSet<>(allowed);
        all.addAll(List.of("at", "type", "label"));
        for (String k : ScenarioKeys.EVENT.keys()) {
            if (m.has(k) && !all.contains(k)) {
                throw m.get(k).get().error("'" + k + "' does not apply to a " + type + " event",
                        "Remove it; " + type + " takes: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
        Optional<String> label = m.get("label").map(YNode::string);
        return switch (type) {
            case "roam" -> {
                String node = ctx.nodeNames.ref(m.require("node"));
                IpAddress addr = m.require("address").convert("an address", AddressSyntax::address);
                Optional<String> link = m.get("link").map(ctx.linkNames::ref);
                if (link.isPresent()) {
                    LinkSpec l = ctx.links.get(link.get());
                    if (!l.a().equals(node) && !l.b().equals(node)) {
                        throw m.require("link").error("link '" + l.name() + "' joins " + l.a() + " and " + l.b() + ", not node '" + node + "'",
                                "Roam onto a link of " + node + " (add one with a: " + node + "), or leave 'link' out to keep the current one.");
                    }
                }
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
                            + String.join(", ", ScenarioKeys.LINK_MODEL_KEYS) + ".");
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
                String node = ctx.nodeNames.ref(m.require("node"));
                if (ctx.nodes.get(node).wireguard().isEmpty()) {
                    throw m.require("node").error("node '" + node + "' has no wireguard block", "Remove peers only of WireGuard nodes.");
                }
                String peer = m.require("peer").string(); // whether it is a peer then: checkPeerChanges
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
                m.get("private_key").ifPresent(k -> ctx.nodeParser.checkNewKey(node, key, k));
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
        };
    }

    private LinkSpec linkSpec(String name) {
        return ctx.links.get(name);
    }
}
