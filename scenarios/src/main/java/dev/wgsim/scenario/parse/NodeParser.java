package dev.wgsim.scenario.parse;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.Key32;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.ScenarioWarning;
import dev.wgsim.scenario.model.TimerSpec;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code nodes} section (with templates and address pools), each node's {@code wireguard}
 * block and peers, and the {@code topology} helper that generates peers.
 */
final class NodeParser {
    private final ScenarioParser.Context ctx;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    NodeParser(ScenarioParser.Context ctx) {
        this.ctx = ctx;
    }

    /** A node read except for its peers, which need every other node first. */
    private static final class Draft {
        YNode at;
        YMap map;
        String name;
        /** The count: entry's name as written, or empty (NodeSpec.group). */
        String group = "";
        List<IpAddress> addresses;
        boolean router;
        WireGuardSpec wg;
        YMap wgMap;
        final List<PeerSpec> peers = new ArrayList<>();
        /** The wg-quick file this interface was imported from, and where 'config:' was written. */
        dev.wgsim.wg.config.WgQuickConfig imported;
        YNode configAt;
        String importFile;
        /** Each allowed prefix with its peer and where it was written, for same-prefix errors. */
        final Map<IpPrefix, Located> allowed = new java.util.HashMap<>();
        /** Peer names, nodes and keys already used, so adding a peer costs O(1) whatever the count. */
        final Map<String, String> peerNames = new java.util.HashMap<>();
        final Map<String, String> peerNodes = new java.util.HashMap<>();
        final Map<PublicKey, String> peerKeys = new java.util.HashMap<>();
        /** Each peer by name, and where it was written (for warnings naming both sides). */
        final Map<String, PeerSpec> peersByName = new java.util.HashMap<>();
        final Map<String, Where> peerWhere = new java.util.HashMap<>();
        /** Who each peer given by key is (peerIdentity): catches a node listed once by name and once by its key. */
        final Map<Object, String> peerIdentities = new java.util.HashMap<>();
        PublicKey publicKey;
        List<IpPrefix> hostRoutes;
    }

    private record Located(IpPrefix prefix, String peer, YNode at) {
    }

    /** A place in the scenario or in an imported wg-quick file. */
    private record Where(String file, int line, int column, String path) {
        static Where of(YNode n) {
            return new Where(n.file(), n.line(), n.column(), n.path());
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    List<NodeSpec> parse(Optional<YNode> nodesNode, Optional<YNode> topologyNode) {
        List<YNode> entries = Templates.expand(nodesNode, ScenarioKeys.NODE);
        if (entries.isEmpty() && !ctx.root.has("tailnet")) {
            throw nodesNode.map(n -> n.error("no nodes", "List at least one node under 'nodes:'."))
                    .orElseGet(() -> ctx.root.missing("nodes"));
        }
        // Each node, and then each peer, is checked on its own (ctx.problems): one check reports all.
        for (YNode e : entries) {
            ctx.problems.attempt(() -> {
                Draft d = new Draft();
                d.at = e;
                d.map = e.map(ScenarioKeys.NODE);
                YNode nameNode = d.map.require("name");
                d.name = nameNode.name();
                d.group = Templates.group(e, nameNode);
                ctx.nodeNames.define(d.name, nameNode);
                d.addresses = addresses(d.map);
                d.router = d.map.get("router", YNode::bool, false);
                d.map.get("wireguard").ifPresent(w -> {
                    d.wgMap = w.map(ScenarioKeys.WIREGUARD);
                    d.wg = wireguard(d, d.wgMap);
                });
                drafts.put(d.name, d);
            });
        }
        checkKeysDistinct();
        for (Draft d : drafts.values()) {
            if (d.imported != null) {
                List<dev.wgsim.wg.config.PeerConfig> imported = d.imported.peers();
                for (int i = 0; i < imported.size(); i++) {
                    int k = i;
                    ctx.problems.attempt(() -> {
                        PeerSpec ps = WgQuickImport.peer(imported.get(k), d.configAt, this::nodeWithPublicKey);
                        Where w = new Where(d.importFile, d.imported.peerLines().get(k), 0, "[Peer]");
                        if (ps.node().isEmpty()) {
                            ctx.warn(new ScenarioWarning(w.file, w.line, 0, "[Peer] PublicKey", "peer " + ps.name()
                                    + " matches no scenario node's key: nothing answers for it, so its traffic goes nowhere"));
                        }
                        ps.endpoint().ifPresent(e -> {
                            if (!reaches(d, e.address())) {
                                throw new dev.wgsim.scenario.ScenarioException(w.file, w.line, 1, "[Peer] Endpoint",
                                        "endpoint " + e + " is IPv" + (e.address().isV6() ? 6 : 4) + " but node '" + d.name
                                                + "' has no IPv" + (e.address().isV6() ? 6 : 4) + " address to reach it from",
                                        "Give node " + d.name + " an address of that family, or use the peer's other address.");
                            }
                        });
                        addPeer(d, ps, d.configAt, List.of(), w);
                    });
                }
            }
            if (d.wgMap != null) {
                for (YNode p : ctx.problems.attempt(() -> d.wgMap.get("peers").map(YNode::list).orElse(List.of())).orElse(List.of())) {
                    ctx.problems.attempt(() -> {
                        YMap pm = p.map(ScenarioKeys.PEER);
                        addPeer(d, peer(d, p), p, pm.has("allowed_ips") ? pm.require("allowed_ips").list() : List.of(), Where.of(p));
                    });
                }
            }
        }
        topologyNode.ifPresent(t -> ctx.problems.attempt(() -> topology(t)));
        ctx.problems.attempt(this::checkPresharedKeys);
        List<NodeSpec> out = new ArrayList<>();
        for (Draft d : drafts.values()) {
            Optional<WireGuardSpec> wg = Optional.ofNullable(d.wg).map(w -> w.withPeers(d.peers));
            NodeSpec n = new NodeSpec(d.name, d.addresses, d.router, wg, d.group);
            ctx.nodes.put(d.name, n);
            out.add(n);
        }
        return out;
    }

    /** The scenario node whose WireGuard public key is {@code key}, if any. */
    private Optional<String> nodeWithPublicKey(PublicKey key) {
        if (nodesByKey == null) {
            // One X25519 derivation per node, once, rather than per imported peer.
            nodesByKey = new java.util.HashMap<>();
            for (Draft d : drafts.values()) {
                if (d.wg != null) {
                    nodesByKey.putIfAbsent(publicKey(d), d.name);
                }
            }
        }
        return Optional.ofNullable(nodesByKey.get(key));
    }

    private Map<PublicKey, String> nodesByKey;

    private static PublicKey publicKey(Draft d) {
        if (d.publicKey == null) {
            d.publicKey = dev.wgsim.wg.crypto.PrivateKey.of(d.wg.privateKey().bytes()).publicKey();
        }
        return d.publicKey;
    }

    /**
     * Two interfaces with one private key are one identity: each would find itself among its
     * peers, and a handshake could not tell them apart.
     */
    private void checkKeysDistinct() {
        Map<Key32, Draft> byKey = new java.util.HashMap<>();
        for (Draft d : drafts.values()) {
            if (d.wg == null) {
                continue;
            }
            Draft first = byKey.putIfAbsent(d.wg.privateKey(), d);
            if (first != null) {
                YNode at = d.configAt != null ? d.configAt : d.wgMap.get("private_key").orElse(d.wgMap.node());
                YNode firstAt = first.configAt != null ? first.configAt : first.wgMap.get("private_key").orElse(first.wgMap.node());
                ctx.problems.report(at.error("node '" + d.name + "' has the same private key as node '" + first.name
                                + "' (line " + firstAt.line() + ")",
                        "Give every WireGuard interface its own key (leave private_key out to have one derived from the seed)."));
            }
        }
    }

    /**
     * Who a peer entry is: the node's name, or for a public key, the node with that key if there
     * is one, else the key. Node keys are computed only when some peer is given by key (an X25519
     * multiplication each: 100,000 of them would cost seconds).
     */
    Object peerIdentity(PeerSpec p) {
        if (p.node().isPresent()) {
            return p.node().get();
        }
        PublicKey key = p.publicKey().get();
        return nodeWithPublicKey(key).<Object>map(n -> n).orElse(key);
    }

    /** A key_change to {@code key} must not give node {@code nodeName} another node's identity. */
    void checkNewKey(String nodeName, Key32 key, YNode at) {
        PublicKey pub = dev.wgsim.wg.crypto.PrivateKey.of(key.bytes()).publicKey();
        Optional<String> other = nodeWithPublicKey(pub).filter(n -> !n.equals(nodeName));
        if (other.isPresent()) {
            throw at.error("the new key is node " + other.get() + "'s private key", "Give node " + nodeName + " a key of its own.");
        }
        for (PeerSpec p : drafts.get(nodeName).peers) {
            if (p.publicKey().isPresent() && p.publicKey().get().equals(pub)) {
                throw at.error("the new key's public key is that of peer '" + p.name() + "' of node '" + nodeName + "'",
                        "A node cannot be its own peer: give it a key of its own.");
            }
        }
    }

    /**
     * A peer can be added to {@code d} (from the file or a {@code peer_add} event): not the node
     * itself, and no peer of that name or identity yet (a node listed by its key counts as itself).
     */
    private void checkNewPeer(Draft d, PeerSpec peer, YNode at) {
        Object id = peerIdentity(peer);
        // A peer named by node is another node (peer() checks); one given by key may be d itself.
        if (id.equals(d.name)) {
            throw at.error("this public key is node " + d.name + "'s own", "A node cannot be its own peer: give another node's key.");
        }
        String existing = d.peerNames.containsKey(peer.name()) ? peer.name()
                : id instanceof String node && d.peerNodes.containsKey(node) ? d.peerNodes.get(node) : d.peerIdentities.get(id);
        if (existing != null) {
            throw at.error("node '" + d.name + "' already has peer '" + existing + "'", "List each peer once per node.");
        }
    }

    private List<IpAddress> addresses(YMap m) {
        List<String> given = m.present("address", "addresses", "address_pool");
        if (given.size() > 1) {
            throw m.get(given.get(1)).get().error("'" + given.get(0) + "' and '" + given.get(1) + "' cannot be used together",
                    "Give a node's outer addresses one way only.");
        }
        List<IpAddress> out = new ArrayList<>();
        m.get("address").ifPresent(n -> out.add(n.convert("an address", AddressSyntax::address)));
        m.list("addresses", n -> n.convert("an address", AddressSyntax::address)).forEach(out::add);
        m.get("address_pool").ifPresent(n -> out.add(Templates.fromPool(n).address()));
        return out;
    }

    private WireGuardSpec wireguard(Draft d, YMap w) {
        Optional<String> config = w.get("config").map(c -> {
            String path = c.string();
            java.nio.file.Path p = ctx.baseDir == null ? java.nio.file.Path.of(path) : ctx.baseDir.resolve(path);
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw c.error("wg-quick file '" + path + "' does not exist", "Give a path relative to the scenario file.");
            }
            for (String k : List.of("private_key", "listen_port", "address", "address_pool", "peers", "mtu", "table", "fwmark")) {
                if (w.has(k)) {
                    throw w.get(k).get().error("'" + k + "' cannot be combined with 'config'",
                            "Put it in the wg-quick file, or drop 'config' and write the interface here.");
                }
            }
            return p.toString();
        });
        String iface = w.get("interface", YNode::name, Defaults.INTERFACE);
        Optional<Key32> given = w.get("private_key").map(k -> k.convert("a key", Key32::parseBase64));
        List<InterfaceAddress> addrs = new ArrayList<>();
        int port = w.get("listen_port", YNode::port, 0);
        int mtu = WireGuardSpec.MTU_AUTO;
        long table = WireGuardSpec.TABLE_AUTO;
        long fwmark = 0;
        if (config.isPresent()) {
            d.configAt = w.require("config");
            String written = d.configAt.string();
            java.nio.file.Path scenarioParent = java.nio.file.Path.of(ctx.file).getParent();
            d.importFile = java.nio.file.Path.of(written).isAbsolute() || scenarioParent == null ? written
                    : scenarioParent.resolve(written).normalize().toString();
            d.imported = WgQuickImport.read(java.nio.file.Path.of(config.get()), d.importFile, d.configAt);
            given = Optional.of(new Key32(d.imported.iface().privateKey().bytes()));
            port = d.imported.iface().listenPort();
            addrs.addAll(d.imported.iface().addresses());
            for (dev.wgsim.wg.config.ConfigWarning cw : d.imported.warnings()) {
                ctx.warn(new ScenarioWarning(cw.file(), cw.line(), 0,
                        (cw.section() == null ? "" : "[" + cw.section() + "] ") + (cw.key() == null ? "" : cw.key()), cw.message()));
            }
            // The reader has checked these values; they configure the simulated host as wg-quick would.
            for (dev.wgsim.wg.config.ExtraSetting e : d.imported.iface().extras()) {
                switch (e.key()) {
                    case "MTU" -> mtu = Integer.parseInt(e.value());
                    case "Table" -> table = tableOf(e.value());
                    case "FwMark" -> fwmark = dev.wgsim.wg.config.WgQuickReader.parseMark(e.value());
                    default -> { }
                }
            }
        }
        mtu = w.get("mtu", n -> (int) n.integer(576, 65535), mtu);
        table = w.get("table", n -> {
            long t = tableOf(n.string());
            if (t == Long.MIN_VALUE) {
                throw n.error("table '" + n.string() + "' is not auto, off, main or a table number",
                        "Write auto (the default), off, main or a number such as 51820, as wg-quick's Table.");
            }
            if (t > 0 && t != 254) {
                ctx.warn(new ScenarioWarning(n.file(), n.line(), n.column(), n.path(), "the routes go into table " + t
                        + ", which no rule looks up (wg-quick adds none for a numbered table), so they steer no traffic into "
                        + d.name + "'s tunnel"));
            }
            return t;
        }, table);
        fwmark = w.get("fwmark", n -> {
            long m = dev.wgsim.wg.config.WgQuickReader.parseMark(n.string());
            if (m < 0) {
                throw n.error("fwmark '" + n.string() + "' is not a 32-bit mark", "Write a number such as 51820 or 0xca6c, or off.");
            }
            return m;
        }, fwmark);
        boolean masquerade = w.get("masquerade", YNode::bool, false);
        boolean forward = w.get("forward", YNode::bool, masquerade);
        if (masquerade && !forward) {
            throw w.require("forward").error("masquerade needs forwarding", "Drop 'forward: false', or 'masquerade'.");
        }
        Key32 key = given.orElseGet(() -> KeyDerivation.privateKey(ctx.seed, d.name));
        if (w.has("address") && w.has("address_pool")) {
            throw w.get("address_pool").get().error("'address' and 'address_pool' cannot be used together",
                    "Give the interface address one way only.");
        }
        addrs.addAll(w.list("address", n -> n.convert("a prefix", AddressSyntax::interfaceAddress)));
        w.get("address_pool").ifPresent(n -> addrs.add(Templates.fromPool(n)));
        List<IpPrefix> advertise = w.list("advertise", n -> n.convert("a prefix", AddressSyntax::prefix));
        TimerSpec timers = new TimerSpec(
                optDuration(w, "rekey_after_time"), optDuration(w, "reject_after_time"),
                optDuration(w, "rekey_attempt_time"), optDuration(w, "rekey_timeout"),
                optDuration(w, "keepalive_timeout"),
                optCount(w, "rekey_after_messages"), optCount(w, "reject_after_messages"));
        checkTimers(w, timers);
        return new WireGuardSpec(iface, key, given.isEmpty(), port, addrs, advertise, List.of(), timers, config,
                mtu, table, fwmark, forward, masquerade);
    }

    /** wg-quick's Table value: auto, off, main (254) or a number; Long.MIN_VALUE when it is none of these. */
    private static long tableOf(String v) {
        if (v.equalsIgnoreCase("auto")) {
            return WireGuardSpec.TABLE_AUTO;
        }
        if (v.equalsIgnoreCase("off")) {
            return WireGuardSpec.TABLE_OFF;
        }
        if (v.equalsIgnoreCase("main")) {
            return 254;
        }
        try {
            long t = Long.parseLong(v);
            return t >= 1 && t <= 0x7fffffffL ? t : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Whether node {@code d} has an outer address of {@code a}'s family (unknown when it has none: yes). */
    private static boolean reaches(Draft d, IpAddress a) {
        return d.addresses.isEmpty() || d.addresses.stream().anyMatch(x -> x.isV6() == a.isV6());
    }

    /**
     * A preshared key on one side of a pair of nodes only, or two different keys, makes every
     * handshake between them fail (the PSK is mixed into the keys). A scenario may mean that, so it
     * is a warning naming both peer entries, not an error.
     */
    private void checkPresharedKeys() {
        for (Draft d : drafts.values()) {
            for (PeerSpec p : d.peers) {
                if (p.node().isEmpty() || p.node().get().compareTo(d.name) <= 0) {
                    continue; // each pair once, from its alphabetically first node
                }
                Draft od = drafts.get(p.node().get());
                String back = od.peerNodes.get(d.name);
                if (back == null) {
                    continue;
                }
                PeerSpec q = od.peersByName.get(back);
                if (p.presharedKey().equals(q.presharedKey())) {
                    continue;
                }
                Where here = d.peerWhere.get(p.name());
                Where there = od.peerWhere.get(q.name());
                String me = "node '" + d.name + "' (here)";
                String them = "node '" + od.name + "' (" + there + ")";
                String what = p.presharedKey().isPresent() && q.presharedKey().isPresent()
                        ? me + " and " + them + " give each other different preshared keys"
                        : "a preshared key is set on " + (p.presharedKey().isPresent() ? me + " but not on " + them
                                : them + " but not on " + me);
                ctx.warn(new ScenarioWarning(here.file, here.line, here.column, here.path,
                        what + ": every handshake between them fails"));
            }
        }
    }


    /** The longest timer override: the key-zeroing timer (3 x reject_after_time) must still fit the virtual clock. */
    static final long MAX_TIMER = 3650L * 86_400 * 1_000_000_000L;

    private static OptionalLong optDuration(YMap m, String key) {
        return m.get(key).map(n -> {
            long v = n.duration();
            if (v > MAX_TIMER) {
                throw n.error(key + " " + n.string() + " is longer than 3650 days", "Use at most 3650d (it need not outlast the run).");
            }
            return OptionalLong.of(v);
        }).orElse(OptionalLong.empty());
    }

    /** The overrides must keep the relations WireGuard's timers rely on (checked by wg-model). */
    private static void checkTimers(YMap w, TimerSpec timers) {
        try {
            dev.wgsim.scenario.sim.SpecToConfig.constants(timers);
        } catch (IllegalArgumentException e) {
            YNode at = w.present("rekey_after_time", "reject_after_time", "rekey_attempt_time", "rekey_timeout",
                    "keepalive_timeout", "rekey_after_messages", "reject_after_messages").stream().findFirst()
                    .flatMap(w::get).orElse(w.node());
            throw at.error("timer overrides are inconsistent: " + e.getMessage(),
                    "Keep the relations WireGuard needs (e.g. reject_after_time above rekey_after_time + keepalive_timeout + rekey_timeout).");
        }
    }

    private static OptionalLong optCount(YMap m, String key) {
        return m.get(key).map(n -> OptionalLong.of(n.integer(1, Long.MAX_VALUE))).orElse(OptionalLong.empty());
    }

    /** Reads a peer added to {@code nodeName} by a {@code peer_add} event. */
    PeerSpec eventPeer(String nodeName, YNode p) {
        Draft d = drafts.get(nodeName);
        if (d.wg == null) {
            throw p.error("node '" + nodeName + "' has no wireguard block", "Add peers only to WireGuard nodes.");
        }
        PeerSpec peer = peer(d, p);
        if (peerIdentity(peer).equals(d.name)) {
            throw p.error("this public key is node " + d.name + "'s own", "A node cannot be its own peer: give another node's key.");
        }
        return peer; // whether it is already a peer at that time: EventParser, in time order
    }

    /** Reads one peer entry of node {@code d}. */
    private PeerSpec peer(Draft d, YNode p) {
        YMap m = p.map(ScenarioKeys.PEER);
        String which = m.exactlyOne("node", "public_key");
        Optional<String> node = Optional.empty();
        Optional<PublicKey> pub = Optional.empty();
        String name;
        List<IpPrefix> allowed;
        if (which.equals("node")) {
            YNode ref = m.require("node");
            String other = ctx.nodeNames.ref(ref);
            Draft od = drafts.get(other);
            if (other.equals(d.name)) {
                throw ref.error("a node cannot be its own peer", "Name another node.");
            }
            if (od.wg == null) {
                throw ref.error("node '" + other + "' has no wireguard block", "Add 'wireguard:' to node " + other
                        + ", or give this peer a public_key.");
            }
            node = Optional.of(other);
            name = m.get("name").map(YNode::name).orElse(other);
            allowed = m.has("allowed_ips") ? prefixes(m) : hostRoutes(od);
        } else {
            pub = Optional.of(m.require("public_key").convert("a key", t -> PublicKey.of(Key32.parseBase64(t).bytes())));
            name = m.get("name").map(YNode::name).orElse("peer-" + pub.get().toBase64().substring(0, 8).replaceAll("[^A-Za-z0-9]", "_"));
            if (!m.has("allowed_ips")) {
                throw m.missing("allowed_ips");
            }
            allowed = prefixes(m);
        }
        Optional<Endpoint> endpoint = m.get("endpoint").flatMap(n -> endpoint(d, n));
        Optional<PresharedKey> psk = m.get("preshared_key")
                .map(k -> k.convert("a key", t -> PresharedKey.of(Key32.parseBase64(t).bytes())));
        long keepalive = m.get("persistent_keepalive").map(NodeParser::keepalive).orElse(0L);
        return new PeerSpec(name, node, pub, allowed, endpoint, psk, keepalive);
    }

    static long keepalive(YNode n) {
        String s = n.string();
        if (s.equals("0") || s.equalsIgnoreCase("off")) {
            return 0;
        }
        long v = n.duration();
        if (v % 1_000_000_000L != 0 || v > 65535L * 1_000_000_000L) {
            throw n.error("persistent keepalive " + s + " is not a whole number of seconds up to 65535s",
                    "WireGuard counts it in seconds: write e.g. 25s, or off.");
        }
        return v;
    }

    private static List<IpPrefix> prefixes(YMap m) {
        List<IpPrefix> out = new ArrayList<>();
        for (YNode n : m.require("allowed_ips").list()) {
            out.add(n.convert("a prefix", AddressSyntax::prefix));
        }
        return out;
    }

    /** The node's tunnel host routes and advertised prefixes, built once (a mesh asks N times per node). */
    private static List<IpPrefix> hostRoutes(Draft od) {
        if (od.hostRoutes == null) {
            List<IpPrefix> out = new ArrayList<>();
            od.wg.addresses().forEach(a -> out.add(IpPrefix.host(a.address())));
            out.addAll(od.wg.advertise());
            od.hostRoutes = List.copyOf(out);
        }
        return od.hostRoutes;
    }

    private Optional<Endpoint> endpoint(Draft d, YNode n) {
        String s = n.string();
        if (s.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (drafts.containsKey(s)) {
            Draft od = drafts.get(s);
            return Optional.of(endpointOf(d, od, n));
        }
        if (!s.contains(":") && !s.matches("[0-9.]+")) {
            throw n.error("no node named '" + s + "' and not an address:port",
                    dev.wgsim.scenario.yaml.Suggest.fixFor(s, drafts.keySet(), "node names (or write address:port)"));
        }
        Endpoint e = n.convert("an endpoint", AddressSyntax::endpoint);
        if (!reaches(d, e.address())) {
            throw n.error("endpoint " + e + " is IPv" + (e.address().isV6() ? 6 : 4) + " but node '" + d.name
                    + "' has no IPv" + (e.address().isV6() ? 6 : 4) + " address to reach it from",
                    "Give node " + d.name + " an address of that family, or use the peer's other address.");
        }
        return Optional.of(e);
    }

    /** Node {@code od}'s endpoint as {@code from} reaches it: its first outer address of a family {@code from} has. */
    private static Endpoint endpointOf(Draft from, Draft od, YNode at) {
        if (od.addresses.isEmpty() || od.wg == null || od.wg.listenPort() == 0) {
            throw at.error("node '" + od.name + "' has no outer address and listen port to send to",
                    "Give node " + od.name + " an address and a wireguard listen_port, or write address:port here.");
        }
        for (IpAddress a : od.addresses) {
            if (reaches(from, a)) {
                return new Endpoint(a, od.wg.listenPort());
            }
        }
        throw at.error("node '" + od.name + "' has only IPv" + (od.addresses.get(0).isV6() ? 6 : 4) + " addresses and node '"
                + from.name + "' has none of that family", "Give both nodes an address of one family.");
    }

    private void addPeer(Draft d, PeerSpec peer, YNode at) {
        addPeer(d, peer, at, List.of(), Where.of(at));
    }

    private void addPeer(Draft d, PeerSpec peer, YNode at, List<YNode> prefixNodes, Where where0) {
        checkNewPeer(d, peer, at);
        String existing = d.peerNames.get(peer.name());
        if (existing == null && peer.node().isPresent()) {
            existing = d.peerNodes.get(peer.node().get());
        }
        if (existing == null && peer.publicKey().isPresent()) {
            existing = d.peerKeys.get(peer.publicKey().get());
        }
        if (existing != null) {
            throw at.error("node '" + d.name + "' already has peer '" + existing + "'", "List each peer once per node.");
        }
        // Prefixes may nest across peers (a /32 inside another peer's /24 or 0.0.0.0/0): WireGuard
        // sends each packet to the longest match. Only the very same prefix on two peers is
        // ambiguous in a scenario file (wg would silently give it to whichever is configured last).
        for (int i = 0; i < peer.allowedIps().size(); i++) {
            IpPrefix p = peer.allowedIps().get(i);
            YNode where = i < prefixNodes.size() ? prefixNodes.get(i) : at;
            Located l = d.allowed.putIfAbsent(p, new Located(p, peer.name(), where));
            if (l != null && !l.peer.equals(peer.name())) {
                throw where.error("allowed IP " + p + " of peer '" + peer.name() + "' is already an allowed IP of peer '"
                                + l.peer + "' (line " + l.at.line() + ")",
                        "A prefix routes to one peer: remove it from one of the two (nested prefixes, such as a /32"
                                + " inside another peer's /24, are fine and the longest match wins).");
            }
        }
        d.peerNames.put(peer.name(), peer.name());
        d.peersByName.put(peer.name(), peer);
        d.peerWhere.put(peer.name(), where0);
        peer.node().ifPresent(n -> d.peerNodes.put(n, peer.name()));
        peer.publicKey().ifPresent(k -> d.peerKeys.put(k, peer.name()));
        if (peer.node().isEmpty()) { // a peer named by node is found through peerNodes
            d.peerIdentities.put(peerIdentity(peer), peer.name());
        }
        d.peers.add(peer);
    }

    private void topology(YNode t) {
        YMap m = t.map(ScenarioKeys.TOPOLOGY);
        YNode typeNode = m.require("type");
        String type = typeNode.string();
        long keepalive = m.get("persistent_keepalive").map(NodeParser::keepalive).orElse(0L);
        List<String> members = new ArrayList<>();
        List<YNode> memberNodes = m.get("members").map(YNode::list).orElse(List.of());
        for (YNode mn : memberNodes) {
            members.add(wgNode(mn));
        }
        Optional<String> hub = m.get("hub").map(this::wgNode);
        if (memberNodes.isEmpty()) {
            drafts.values().stream().filter(d -> d.wg != null && hub.map(h -> !h.equals(d.name)).orElse(true))
                    .forEach(d -> members.add(d.name));
        }
        switch (type) {
            case "star" -> {
                String h = hub.orElseThrow(() -> m.missing("hub"));
                Draft hd = drafts.get(h);
                for (String member : members) {
                    if (member.equals(h)) {
                        continue;
                    }
                    Draft md = drafts.get(member);
                    addPeer(hd, generated(md, hostRoutes(md), Optional.empty(), 0), t);
                    List<IpPrefix> toHub = new ArrayList<>();
                    hd.wg.addresses().forEach(a -> toHub.add(a.subnet()));
                    toHub.addAll(hd.wg.advertise());
                    Optional<Endpoint> ep = Optional.of(endpointOf(md, hd, m.require("hub")));
                    addPeer(md, generated(hd, toHub, ep, keepalive), t);
                }
            }
            case "mesh", "site-to-site" -> {
                hub.ifPresent(members::add);
                if (type.equals("site-to-site") && members.size() != 2) {
                    throw t.error("site-to-site joins exactly two gateways, got " + members.size(),
                            "List the two gateway nodes under 'members:'.");
                }
                for (String a : members) {
                    for (String b : members) {
                        if (a.equals(b)) {
                            continue;
                        }
                        Draft bd = drafts.get(b);
                        Draft ad = drafts.get(a);
                        // The first of b's addresses that a has a family for (dual stack); none: learn it.
                        Optional<Endpoint> ep = bd.wg.listenPort() == 0 ? Optional.empty()
                                : bd.addresses.stream().filter(x -> reaches(ad, x)).findFirst()
                                        .map(x -> new Endpoint(x, bd.wg.listenPort()));
                        if (ep.isEmpty() && !bd.addresses.isEmpty() && !ad.addresses.isEmpty() && a.compareTo(b) < 0
                                && bd.addresses.stream().noneMatch(x -> reaches(ad, x))) {
                            ctx.warn(new ScenarioWarning(t.file(), t.line(), t.column(), t.path(), "nodes '" + a + "' and '" + b
                                    + "' have no address family in common, so their tunnel can never come up"));
                        }
                        addPeer(drafts.get(a), generated(bd, hostRoutes(bd), ep, keepalive), t);
                    }
                }
            }
            default -> throw typeNode.error("unknown topology type '" + type + "'",
                    dev.wgsim.scenario.yaml.Suggest.fixFor(type, List.of("star", "mesh", "site-to-site"), "topology types"));
        }
    }

    private String wgNode(YNode n) {
        String name = ctx.nodeNames.ref(n);
        if (drafts.get(name).wg == null) {
            throw n.error("node '" + name + "' has no wireguard block", "Add 'wireguard:' to node " + name + ".");
        }
        return name;
    }

    private static PeerSpec generated(Draft of, List<IpPrefix> allowed, Optional<Endpoint> ep, long keepalive) {
        return new PeerSpec(of.name, Optional.of(of.name), Optional.empty(), allowed, ep, Optional.empty(), keepalive);
    }
}
