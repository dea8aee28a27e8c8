package dev.wgsim.scenario.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.NetInterface;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.LinkDirectionSpec;
import dev.wgsim.scenario.model.LossSpec;
import dev.wgsim.scenario.model.TimerSpec;
import dev.wgsim.scenario.sim.PeerSettings;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.PeerSnapshot;
import dev.wgsim.wg.device.WgDevice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's one door into the simulation: it owns a scenario's live {@link Simulation} (its
 * traffic and scheduled events left out, so the clock moves only when the user acts) and offers
 * the page's actions on the WireGuard interface on show ({@code wg0} of the node with most peers).
 * Every figure in {@link #state()} is read from the real {@link WgDevice}; every log line comes
 * from the simulation's trace. All methods are synchronized: the web server calls from many threads.
 */
public final class DemoSession {
    /** The UDP port the demo's packets go to (discard): every host listens on it to see deliveries. */
    public static final int DEMO_PORT = 9;
    /** How far each Send, Recv or Spoof runs the clock: ample for a handshake round trip here. */
    public static final long ACTION_STEP_NANOS = 1_000_000_000L;
    /** The longest single advance the page may ask for. */
    public static final long MAX_ADVANCE_NANOS = 3600L * 1_000_000_000L;
    private static final int SOURCE_PORT = 40000;
    /** Fresh outer addresses for roams and added peers: RFC 2544's benchmarking block, unused by examples. */
    private static final IpAddress ROAM_POOL = IpAddress.parse("198.18.0.1");
    /** The link from a peer added with a generated key to wg0's router: one way, 10 ms. */
    private static final long ADDED_LINK_DELAY_NANOS = 10_000_000L;

    private final Scenario scenario;
    private final Scenario original;
    private final String wgNode;
    private final WireGuardSpec wgSpec;
    private final DemoEventBuffer log = new DemoEventBuffer();
    private final ObjectMapper json = new ObjectMapper();

    private Simulation sim;
    private Network net;
    private Host wgHost;
    private final Map<String, PeerInfo> peers = new LinkedHashMap<>();
    /** Peers added from the page with a generated key: each is a node of the simulation too. */
    private final java.util.Set<String> added = new java.util.HashSet<>();
    private final Map<String, Integer> roams = new HashMap<>();
    private int packetCount;
    private int poolNext;
    private Flight flight;
    private DemoState.Packet lastPacket;
    private String message;
    private DemoCapture capture;
    /** An endpoint change seen while no demo packet was in flight (a keepalive after a roam): peer and packet. */
    private String movedPeer;
    private Integer movedPacket;
    private String movedText;

    /** A row: its name, key, the host that holds its private key (null when pasted), and its inner address. */
    private record PeerInfo(String name, PublicKey key, String host, IpAddress tunnelAddress) {}

    /** The demo packet in flight during one action. */
    private static final class Flight {
        final String action;
        final String from;
        final String to;
        final String peer;
        final IpAddress src;
        final IpAddress dst;
        boolean delivered;
        String dropAt;
        String detail;
        int firstCapture;
        DemoState.Route route;
        Integer carrier;

        Flight(String action, String from, String to, String peer, IpAddress src, IpAddress dst) {
            this.action = action;
            this.from = from;
            this.to = to;
            this.peer = peer;
            this.src = src;
            this.dst = dst;
        }
    }

    /** A demo over {@code scenario}; the interface shown is that of the WireGuard node with most peers. */
    public DemoSession(Scenario scenario) {
        this.original = scenario;
        this.scenario = new Scenario(scenario.name(), scenario.description(), scenario.file(), scenario.seed(),
                scenario.duration(), scenario.epoch(), scenario.metricsBin(), scenario.nodes(), scenario.links(),
                scenario.nats(), List.of(), List.of(), scenario.capture(), List.of());
        NodeSpec best = null;
        for (NodeSpec n : scenario.nodes()) {
            if (n.wireguard().isPresent() && (best == null
                    || n.wireguard().get().peers().size() > best.wireguard().get().peers().size())) {
                best = n;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no WireGuard node to show");
        }
        this.wgNode = best.name();
        this.wgSpec = best.wireguard().get();
        build();
    }

    /** Parses {@code file} (a bad file throws the parser's ScenarioException) and starts a demo over it. */
    public static DemoSession open(Path file) {
        return new DemoSession(ScenarioParser.parse(file));
    }

    public DemoEventBuffer log() {
        return log;
    }

    /** The device on show; package-private because its snapshot carries the private key (tests only). */
    synchronized WgDevice device() {
        return sim.tunnels().get(wgNode).device();
    }

    /** Every private key alive in the simulation: wg0's, the other nodes', added peers' (tests look for leaks). */
    synchronized List<PrivateKey> privateKeys() {
        List<PrivateKey> keys = new ArrayList<>();
        sim.tunnels().values().forEach(t -> keys.add(t.device().privateKey()));
        return keys;
    }

    /** wg0's handshake secrets as captured for the keylog (tests look for leaks). */
    synchronized List<dev.wgsim.wg.device.HandshakeKeyMaterial> capturedKeys() {
        return capture.keys();
    }

    /** The simulation's network (tests capture packets on it). */
    synchronized Network network() {
        return net;
    }

    // ------------------------------------------------------------------ building

    private void build() {
        long epoch = scenario.epoch().getEpochSecond() * 1_000_000_000L + scenario.epoch().getNano();
        DemoCapture cap = new DemoCapture(epoch);
        capture = cap;
        sim = Simulation.build(scenario, node -> node.equals(wgNode) ? cap : null);
        net = sim.network();
        peers.clear();
        added.clear();
        roams.clear();
        packetCount = 0;
        poolNext = 0;
        flight = null;
        lastPacket = null;
        net.trace().subscribe(this::onTrace);
        wgHost = net.host(wgNode);
        wgHost.addObserver(cap);
        listen(wgHost);
        for (PeerSpec p : wgSpec.peers()) {
            PublicKey key;
            String host = null;
            IpAddress inner = null;
            if (p.node().isPresent() && sim.tunnels().containsKey(p.node().get())) {
                String node = p.node().get();
                key = sim.tunnels().get(node).device().publicKey();
                host = node;
                WireGuardSpec w = original.node(node).get().wireguard().get();
                inner = w.addresses().isEmpty() ? null : w.addresses().get(0).address();
                listen(net.host(node));
            } else {
                key = PublicKey.of(p.publicKey().get().bytes());
            }
            peers.put(p.name(), new PeerInfo(p.name(), key, host, inner));
        }
        message = "Scenario " + original.name() + " loaded: " + wgSpec.interfaceName() + " on " + wgNode + " with "
                + peers.size() + " peers. The clock moves only when you act.";
        log.add(net.now(), "info", "", message);
    }

    private void listen(Host h) {
        String name = h.name();
        h.bind(DEMO_PORT, (now, src, dst, payload) -> delivered(name, now, src, payload));
    }

    private void delivered(String host, long now, Endpoint src, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        String peer = host.equals(wgNode) ? peerNameOf(src.address()) : host;
        // At wg0 the transport packet that carried it is the one just captured; at a peer, wg0's latest data packet.
        Integer packet = host.equals(wgNode) ? lastCaptured() : capture.lastSentBy(wgEndpoint());
        log.add(now, "delivered", peer, "delivered: " + host + " received “" + text + "” from " + src.address(), packet);
        if (flight != null && flight.to.equals(host)) {
            flight.delivered = true;
            flight.carrier = packet;
        }
    }

    private String peerNameOf(IpAddress inner) {
        for (PeerInfo p : peers.values()) {
            if (inner.equals(p.tunnelAddress)) {
                return p.name;
            }
        }
        return "";
    }

    private void onTrace(TraceEvent ev) {
        String kind = ev.kind();
        if (!kind.startsWith("wg.") && !kind.equals("packet.dropped")) {
            return; // packet.sent and the like: not log material, and not worth formatting
        }
        JsonNode node;
        try {
            node = json.readTree(JsonLines.toJson(ev));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace event did not format as JSON: " + ev.kind(), e);
        }
        EventWording.Line line = EventWording.describe(node, wgNode, new EventWording.Context() {
            @Override
            public String innerSourceFrom(String peer) {
                return flight != null && flight.peer.equals(peer) && !flight.from.equals(wgNode) ? flight.src.toString() : null;
            }

            @Override
            public String shortKey(String peer) {
                PeerSnapshot.Session s = sessionOf(peer);
                return s == null ? null : shorten(s.sendKeyBase64());
            }
        });
        if (line == null) {
            return;
        }
        String peer = node.path("peer").asText("");
        Integer packet = EventWording.packetOf(node, wgNode) ? (EventWording.sends(node) ? capture.nextIndex() : lastCaptured())
                : null;
        log.add(ev.timeNanos(), line.kind(), peer, line.text(), packet);
        if (kind.equals("wg.endpoint.changed") && node.path("node").asText().equals(wgNode) && flight == null) {
            movedPeer = peer;
            movedPacket = packet;
            movedText = line.text();
        }
        if (flight != null && flight.dropAt == null && !flight.delivered) {
            boolean wgDropOfOurs = ev.kind().equals("wg.dropped") && (flight.from.equals(wgNode) || flight.peer.equals(peer));
            if (wgDropOfOurs) {
                flight.dropAt = wgNode;
                flight.detail = line.text();
                flight.carrier = packet;
            } else if (ev.kind().equals("packet.dropped")) {
                flight.detail = line.text();
            }
        }
    }

    private PeerSnapshot.Session sessionOf(String peer) {
        PeerInfo p = peers.get(peer);
        if (p == null) {
            return null;
        }
        for (PeerSnapshot s : device().snapshot().peers()) {
            if (s.publicKey().equals(p.key)) {
                return s.currentSession();
            }
        }
        return null;
    }

    static String shorten(String key) {
        return key.substring(0, 8) + "…";
    }

    // ------------------------------------------------------------------ actions

    /** wg0 sends one UDP packet to an address in the peer's allowed IPs; the clock runs one step. */
    public synchronized DemoState send(String peerName) {
        PeerInfo p = peer(peerName);
        IpAddress dst = sendTarget(p);
        IpAddress src = wgAddress();
        byte[] payload = payload("hello " + p.name + " #" + (++packetCount) + " from " + wgSpec.interfaceName());
        String to = p.host != null && dst.equals(p.tunnelAddress) ? p.host : p.name;
        flight = new Flight("send", wgNode, to, p.name, src, dst);
        flight.firstCapture = capture.nextIndex();
        flight.route = RouteLesson.explain(device(), dst, this::nameOf);
        log.add(net.now(), "send", p.name, "Send: " + wgSpec.interfaceName() + " " + src + " → " + dst + " (" + p.name
                + "), " + payload.length + " bytes over UDP");
        wgHost.send(IpPacket.udp(src, SOURCE_PORT, dst, DEMO_PORT, IpPacket.DEFAULT_TTL, payload));
        return finish();
    }

    /** The peer sends one UDP packet from its own inner address to wg0; the clock runs one step. */
    public synchronized DemoState recv(String peerName) {
        PeerInfo p = peer(peerName);
        requireSimulated(p, "Recv");
        return fromPeer(p, p.tunnelAddress, "recv", "Recv: " + p.name + " sends " + p.tunnelAddress + " → " + wgAddress());
    }

    /** The peer sends a packet claiming another peer's inner address: wg0 must drop it. */
    public synchronized DemoState spoof(String peerName) {
        PeerInfo p = peer(peerName);
        requireSimulated(p, "Spoof");
        IpAddress claimed = null;
        String victim = null;
        for (PeerInfo o : peers.values()) {
            if (o != p && !o.name.equals(p.name)) {
                IpAddress t = firstAllowed(o);
                if (t != null) {
                    claimed = t;
                    victim = o.name;
                    break;
                }
            }
        }
        if (claimed == null) {
            claimed = freeInnerAddress();
            victim = "nobody";
        }
        return fromPeer(p, claimed, "spoof", "Spoof: " + p.name + " sends a packet claiming to be " + claimed + " (" + victim + ")");
    }

    private DemoState fromPeer(PeerInfo p, IpAddress src, String action, String logText) {
        IpAddress dst = wgAddress();
        byte[] payload = payload("hello " + wgSpec.interfaceName() + " #" + (++packetCount) + " from " + p.name);
        flight = new Flight(action, p.host, wgNode, p.name, src, dst);
        flight.firstCapture = capture.nextIndex();
        log.add(net.now(), action, p.name, logText);
        net.host(p.host).send(IpPacket.udp(src, SOURCE_PORT, dst, DEMO_PORT, IpPacket.DEFAULT_TTL, payload));
        return finish();
    }

    private DemoState finish() {
        net.loop().runUntil(net.now() + ACTION_STEP_NANOS);
        Flight f = flight;
        flight = null;
        String outcome = f.delivered ? "delivered" : f.dropAt != null ? "dropped" : "lost";
        String detail = f.delivered ? "delivered to " + f.to : f.detail != null ? f.detail : "not delivered within 1 s";
        lastPacket = new DemoState.Packet(f.action, f.from, f.to, f.src.toString(), f.dst.toString(), outcome, f.dropAt, detail,
                f.route, capturedSince(f.firstCapture), f.carrier);
        message = f.action.substring(0, 1).toUpperCase() + f.action.substring(1) + " " + f.src + " → " + f.dst + ": " + detail;
        return stateNow();
    }

    /** The peer moves to a new outer address (a phone from Wi-Fi to LTE). The clock does not move. */
    public synchronized DemoState roam(String peerName) {
        PeerInfo p = peer(peerName);
        requireSimulated(p, "Roam");
        IpAddress before = outerAddress(net.host(p.host));
        if (added.contains(p.name)) {
            sim.apply(new EventSpec.Roam(net.now(), p.host, nextPoolAddress(), Optional.empty(), "demo roam"));
        } else {
            int k = roams.merge(p.name, 1, Integer::sum);
            EventSpec.Roam scripted = scriptedRoam(p.host);
            EventSpec.Roam move;
            if (scripted != null && k % 2 == 1) {
                move = new EventSpec.Roam(net.now(), p.host, scripted.address(), scripted.link(), "demo roam");
            } else if (scripted != null) {
                NodeSpec n = original.node(p.host).get();
                move = new EventSpec.Roam(net.now(), p.host, n.addresses().get(0), firstLinkOf(p.host), "demo roam");
            } else {
                move = new EventSpec.Roam(net.now(), p.host, nextPoolAddress(), Optional.empty(), "demo roam");
            }
            sim.apply(move);
        }
        IpAddress after = outerAddress(net.host(p.host));
        message = "Roam: " + p.name + " moved from " + before + " to " + after + "; " + wgSpec.interfaceName()
                + " keeps its old endpoint until an authenticated packet arrives from the new address.";
        log.add(net.now(), "roam", p.name, message);
        return stateNow();
    }

    private EventSpec.Roam scriptedRoam(String node) {
        for (EventSpec e : original.events()) {
            if (e instanceof EventSpec.Roam r && r.node().equals(node)) {
                return r;
            }
        }
        return null;
    }

    private Optional<String> firstLinkOf(String node) {
        for (LinkSpec l : original.links()) {
            if (l.a().equals(node) || l.b().equals(node)) {
                return Optional.of(l.name());
            }
        }
        return Optional.empty();
    }

    /** Runs the clock forward by {@code nanos} (timers fire: keepalives, retries, rekeys, expiry). */
    public synchronized DemoState advance(long nanos) {
        if (nanos <= 0 || nanos > MAX_ADVANCE_NANOS) {
            throw new DemoInputException("seconds", "advance the clock by more than 0 s and at most 1 h");
        }
        movedPeer = null;
        net.loop().runUntil(net.now() + nanos);
        message = "Clock advanced by " + formatSeconds(nanos) + ".";
        if (movedPeer != null && peers.containsKey(movedPeer) && peers.get(movedPeer).host != null) {
            // The causal packet of a live endpoint change (a roamed peer's keepalive): draw it.
            PeerInfo p = peers.get(movedPeer);
            String outer = String.valueOf(outerAddress(net.host(p.host)));
            lastPacket = new DemoState.Packet("endpoint", p.host, wgNode, outer, String.valueOf(outerAddress(wgHost)),
                    "delivered", null, movedText, null, movedPacket == null ? List.of() : List.of(movedPacket), movedPacket);
            message += " " + movedText.replace("➜ ", "") + ".";
        }
        log.add(net.now(), "clock", "", message);
        return stateNow();
    }

    /** Throws the session away and builds the scenario afresh (log cleared, clock at 0). */
    public synchronized DemoState reset() {
        log.clear();
        build();
        return stateNow();
    }

    /**
     * Adds a peer to wg0 from the form. Every field is checked before anything changes; the first
     * problem throws {@link DemoInputException} naming the field.
     */
    public synchronized DemoState addPeer(AddPeerRequest req) {
        PeerForm.Checked c = PeerForm.check(req, table(), original.seed(), defaultName());
        PublicKey key = PublicKey.of(c.publicKey().bytes());
        String host = null;
        IpAddress inner = c.tunnelAddress();
        if (c.privateKey().isPresent()) {
            addPeerNode(c, inner);
            host = c.name();
        }
        sim.addPeer(wgNode, new PeerSettings(c.name(), key, PresharedKey.NONE, c.allowedIps(), c.endpoint(), 0));
        peers.put(c.name(), new PeerInfo(c.name(), key, host, inner));
        message = "Peer " + c.name() + " added (" + (host != null ? "generated key, simulated device sending from " + inner
                : "pasted key: no simulated device holds its private key") + "), allowed IPs "
                + (c.allowedIps().isEmpty() ? "none" : String.join(", ", c.allowedIps().stream().map(IpPrefix::toString).toList()))
                + ", endpoint " + c.endpoint().map(Object::toString).orElse("none (learned from its first packet)") + ".";
        log.add(net.now(), "peer", c.name(), message);
        return stateNow();
    }

    /**
     * The far side of a peer added with a generated key: a node of its own on a 10 ms link to the
     * router wg0's node uses, whose wg0 has wg0's node as its one peer. It is what makes Recv
     * possible for such a peer (wg0 only ever sees its datagrams, as in life).
     */
    private void addPeerNode(PeerForm.Checked c, IpAddress inner) {
        IpAddress outer = c.endpoint().map(Endpoint::address).orElseGet(this::nextPoolAddress);
        int port = c.endpoint().map(Endpoint::port).orElse(wgSpec.listenPort());
        InterfaceAddress wgPrefix = wgSpec.addresses().get(0);
        PeerSpec toWg = new PeerSpec(wgNode, Optional.of(wgNode), Optional.empty(), List.of(wgPrefix.subnet()),
                Optional.of(new Endpoint(outerAddress(wgHost), device().listenPort())), Optional.empty(), 0);
        WireGuardSpec w = new WireGuardSpec(wgSpec.interfaceName(), c.privateKey().get(), false, port,
                List.of(new InterfaceAddress(inner, wgPrefix.prefixLength())), List.of(), List.of(toWg), TimerSpec.DEFAULTS,
                Optional.empty());
        LinkDirectionSpec tenMs = new LinkDirectionSpec(new DelaySpec.Fixed(ADDED_LINK_DELAY_NANOS), 0, 0,
                Defaults.LINK_QUEUE_PACKETS, new LossSpec.Bernoulli(0), 0, 0, Defaults.LINK_MTU);
        String router = routerOf(wgNode).name();
        sim.addNode(new NodeSpec(c.name(), List.of(outer), false, Optional.of(w)),
                new LinkSpec("demo-" + c.name(), c.name(), router, tenMs, tenMs, true));
        added.add(c.name());
        listen(net.host(c.name()));
    }

    /** The checks' read-only view of wg0 and the network. */
    private PeerForm.Table table() {
        return new PeerForm.Table() {
            @Override
            public boolean nameTaken(String name) {
                return peers.containsKey(name) || hostExists(name);
            }

            @Override
            public String holderOf(PublicKey key) {
                if (key.equals(device().publicKey())) {
                    return PeerForm.SELF;
                }
                return peers.values().stream().filter(p -> p.key.equals(key)).map(PeerInfo::name).findFirst().orElse(null);
            }

            @Override
            public Map<IpPrefix, String> ownedPrefixes() {
                Map<IpPrefix, String> owned = new LinkedHashMap<>();
                for (PeerSnapshot s : device().snapshot().peers()) {
                    for (dev.wgsim.wg.routing.IpPrefix a : s.allowedIps()) {
                        owned.put(engine(a), nameOf(s.publicKey()));
                    }
                }
                return owned;
            }

            @Override
            public boolean outerAddressInUse(IpAddress a) {
                return addressInUse(a);
            }

            @Override
            public boolean innerAddressInUse(IpAddress a) {
                return a.equals(wgAddress()) || peers.values().stream().anyMatch(p -> a.equals(p.tunnelAddress));
            }

            @Override
            public IpAddress freeInnerAddress() {
                return DemoSession.this.freeInnerAddress();
            }
        };
    }

    // ------------------------------------------------------------------ packets, keys, rekeying

    /** The packet inspector's view of captured datagram {@code index} (wg0's host, both ways). */
    public synchronized PacketInspector.Inspection inspect(int index) {
        DemoCapture.Captured c = capture.get(index);
        if (c == null) {
            throw new DemoInputException("packet", "no captured packet #" + index + " (captured: "
                    + (capture.nextIndex() == 0 ? "none yet" : "up to #" + (capture.nextIndex() - 1)) + ")");
        }
        return inspector().inspect(capture.packets(), c);
    }

    private PacketInspector inspector() {
        return new PacketInspector(device().privateKey(), capture.keys(), this::nameOf, sim.wallEpochUnixNanos())
                .wgAt(wgEndpoint());
    }

    /** The session so far as a pcap of wg0's host (raw IP, nanosecond timestamps at the scenario's epoch). */
    public synchronized byte[] pcap() {
        return capture.pcap();
    }

    /** The Wireshark keylog for {@link #pcap()}: wg0's static and ephemeral private keys (simulated keys). */
    public synchronized String keylog() {
        return capture.keylog();
    }

    /**
     * Sets wg0's REKEY_AFTER_MESSAGES live: once a session has sent more than {@code messages}
     * packets, the next Send starts a new handshake (a rotation by count).
     */
    public synchronized DemoState rekeyAfterMessages(long messages) {
        long max = 1L << 60;
        if (messages < 1 || messages > max) {
            throw new DemoInputException("messages", "rekey after 1 to 2^60 messages (2^60 is WireGuard's own value)");
        }
        device().setRekeyAfterMessages(messages);
        message = wgSpec.interfaceName() + " now starts a new handshake once a session has sent more than "
                + (messages == max ? "2^60 (WireGuard's default)" : String.valueOf(messages)) + " packets.";
        log.add(net.now(), "info", "", message);
        return stateNow();
    }

    /**
     * An attacker at the peer's current outer address sends a copy of the peer's latest data packet
     * with one ciphertext byte changed: wg0 drops it (the tag fails) and the endpoint stays put.
     */
    public synchronized DemoState forge(String peerName) {
        PeerInfo p = peer(peerName);
        requireSimulated(p, "Forge");
        // Among the latest 200 packets (older data is not worth a copy).
        DemoCapture.Captured copy = inspector().latestDataFrom(capture.packets(), p.name, 200);
        if (copy == null) {
            throw new DemoInputException("peer", "Forge copies a data packet of " + p.name + "'s: press Recv on "
                    + p.name + " first");
        }
        IpPacket original = IpPacket.decode(copy.bytes()).packet();
        byte[] forged = original.payload().clone();
        forged[forged.length - 20] ^= 0x01; // one bit of the ciphertext
        IpAddress from = outerAddress(net.host(p.host));
        String before = endpointOf(p);
        flight = new Flight("forge", p.host, wgNode, p.name, from, outerAddress(wgHost));
        flight.firstCapture = capture.nextIndex();
        log.add(net.now(), "forge", p.name, "Forge: someone at " + from + " sends a copy of " + p.name + "'s packet #"
                + copy.index() + " with one bit changed", copy.index());
        net.host(p.host).send(IpPacket.udp(from, original.sourcePort(), outerAddress(wgHost), device().listenPort(),
                IpPacket.DEFAULT_TTL, forged));
        DemoState s = finish();
        String after = endpointOf(p);
        message = "Forge from " + from + ": " + (lastPacket.detail()) + ". " + p.name + "'s endpoint "
                + (java.util.Objects.equals(before, after) ? "stays " + before + ": only an authenticated packet moves it."
                        : "moved to " + after + ".");
        return new DemoState(s.scenario(), s.description(), s.nowNanos(), s.iface(), s.peers(), s.topology(), s.lastPacket(),
                message);
    }

    private String endpointOf(PeerInfo p) {
        for (PeerSnapshot s : device().snapshot().peers()) {
            if (s.publicKey().equals(p.key)) {
                return s.endpoint() == null ? "(none)" : text(s.endpoint());
            }
        }
        return "(none)";
    }

    private String wgEndpoint() {
        return new Endpoint(outerAddress(wgHost), device().listenPort()).toString();
    }

    private Integer lastCaptured() {
        return capture.nextIndex() == 0 ? null : capture.nextIndex() - 1;
    }

    private List<Integer> capturedSince(int first) {
        List<Integer> out = new ArrayList<>();
        for (int i = Math.max(first, 0); i < capture.nextIndex(); i++) {
            out.add(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ state

    /** The page's whole view at the current virtual instant. */
    public synchronized DemoState state() {
        return stateNow();
    }

    private DemoState stateNow() {
        WgDevice dev = device();
        List<DemoState.Peer> rows = new ArrayList<>();
        for (PeerSnapshot s : dev.snapshot().peers()) {
            String name = nameOf(s.publicKey());
            PeerInfo info = peers.get(name);
            PeerSnapshot.Session session = s.currentSession();
            rows.add(new DemoState.Peer(name, s.publicKey().toBase64(),
                    s.allowedIps().stream().map(Object::toString).toList(),
                    s.endpoint() == null ? null : text(s.endpoint()),
                    session == null ? null : session.sendKeyBase64(),
                    session == null ? null : session.sendCounter(),
                    s.hasHandshake() ? s.latestHandshakeNanos() : -1,
                    s.rxBytes(), s.txBytes(), s.persistentKeepaliveSeconds(),
                    info != null && info.host != null,
                    info != null && info.host != null ? String.valueOf(outerAddress(net.host(info.host))) : null,
                    info != null && info.tunnelAddress != null ? info.tunnelAddress.toString() : null,
                    KeyAges.slots(dev, s.publicKey())));
        }
        InterfaceAddress wgAddr = wgSpec.addresses().isEmpty() ? null : wgSpec.addresses().get(0);
        Constants c = dev.constants();
        DemoState.Iface iface = new DemoState.Iface(wgSpec.interfaceName(), wgNode, wgAddr == null ? "" : wgAddr.toString(),
                dev.listenPort(), dev.publicKey().toBase64(), String.valueOf(outerAddress(wgHost)), c.rekeyAfterTime(),
                c.rejectAfterTime(), Long.toUnsignedString(c.rekeyAfterMessages()));
        return new DemoState(original.name(), original.description(), net.now(), iface, rows, topology(), lastPacket, message);
    }

    private List<DemoState.Node> topology() {
        List<DemoState.Node> out = new ArrayList<>();
        out.add(new DemoState.Node(wgNode, "wg", String.valueOf(outerAddress(wgHost))));
        out.add(new DemoState.Node(routerOf(wgNode).name(), "router", null));
        for (PeerInfo p : peers.values()) {
            if (p.host != null) {
                out.add(new DemoState.Node(p.host, "peer", String.valueOf(outerAddress(net.host(p.host)))));
            } else {
                out.add(new DemoState.Node(p.name, "unknown", null));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private PeerInfo peer(String name) {
        PeerInfo p = peers.get(name);
        if (p == null) {
            throw new DemoInputException("peer", "no peer named '" + name + "'; peers: " + String.join(", ", peers.keySet()));
        }
        return p;
    }

    private void requireSimulated(PeerInfo p, String action) {
        if (p.host == null || p.tunnelAddress == null) {
            throw new DemoInputException("peer", action + " needs " + p.name + "'s own device, but its key was pasted: no"
                    + " simulated device holds the private key, so nothing can send as " + p.name);
        }
    }

    private String nameOf(PublicKey key) {
        for (PeerInfo p : peers.values()) {
            if (p.key.equals(key)) {
                return p.name;
            }
        }
        return shorten(key.toBase64());
    }

    /** The peer's own inner address when its allowed IPs cover it, else the first address they cover. */
    private IpAddress sendTarget(PeerInfo p) {
        if (p.tunnelAddress != null) {
            for (PeerSnapshot s : device().snapshot().peers()) {
                if (s.publicKey().equals(p.key)) {
                    for (dev.wgsim.wg.routing.IpPrefix a : s.allowedIps()) {
                        if (engine(a).contains(p.tunnelAddress)) {
                            return p.tunnelAddress;
                        }
                    }
                }
            }
        }
        IpAddress first = firstAllowed(p);
        if (first == null) {
            throw new DemoInputException("peer", p.name + " has no allowed IPs, so " + wgSpec.interfaceName()
                    + " can route nothing to it");
        }
        return first;
    }

    private IpAddress firstAllowed(PeerInfo p) {
        for (PeerSnapshot s : device().snapshot().peers()) {
            if (s.publicKey().equals(p.key) && !s.allowedIps().isEmpty()) {
                return PeerForm.firstHost(engine(s.allowedIps().get(0)));
            }
        }
        return null;
    }

    private IpAddress wgAddress() {
        if (wgSpec.addresses().isEmpty()) {
            throw new DemoInputException("peer", wgSpec.interfaceName() + " has no address in this scenario");
        }
        return wgSpec.addresses().get(0).address();
    }

    /** An address in wg0's subnet used by nobody (for a spoof with no other peer, or a new peer). */
    private IpAddress freeInnerAddress() {
        IpPrefix net0 = wgSpec.addresses().get(0).subnet();
        for (long i = 2; i < Math.min(net0.size() - 1, 65536); i++) {
            IpAddress a = net0.address().plus(i);
            boolean used = a.equals(wgAddress()) || peers.values().stream().anyMatch(p -> a.equals(p.tunnelAddress));
            for (PeerSnapshot s : device().snapshot().peers()) {
                for (dev.wgsim.wg.routing.IpPrefix q : s.allowedIps()) {
                    used |= engine(q).contains(a);
                }
            }
            if (!used) {
                return a;
            }
        }
        throw new DemoInputException("tunnelAddress", "no free address left in " + net0);
    }

    private IpAddress nextPoolAddress() {
        while (true) {
            IpAddress a = ROAM_POOL.plus(poolNext++);
            if (!addressInUse(a)) {
                return a;
            }
        }
    }

    private boolean addressInUse(IpAddress a) {
        for (Host h : net.hosts()) {
            if (h.isLocal(a)) {
                return true;
            }
        }
        return false;
    }

    private boolean hostExists(String name) {
        return net.hosts().stream().anyMatch(h -> h.name().equals(name));
    }

    private String defaultName() {
        for (int i = peers.size() + 1; ; i++) {
            String n = "peer" + i;
            if (!peers.containsKey(n) && !hostExists(n)) {
                return n;
            }
        }
    }

    /** The router at the other end of the node's first link (where added peers are plugged in). */
    private Host routerOf(String node) {
        for (LinkSpec l : original.links()) {
            String other = l.a().equals(node) ? l.b() : l.b().equals(node) ? l.a() : null;
            if (other != null && original.node(other).map(NodeSpec::router).orElse(false)) {
                return net.host(other);
            }
        }
        throw new DemoInputException("peer", node + " is not linked to a router, so a new peer has nowhere to plug in");
    }

    private static IpAddress outerAddress(Host h) {
        for (NetInterface i : h.interfaces()) {
            // A roam leaves the old interface down with its address still on it.
            if (i instanceof PhysicalInterface && i.isUp() && i.address() != null) {
                return i.address();
            }
        }
        return null;
    }

    private static IpPrefix engine(dev.wgsim.wg.routing.IpPrefix p) {
        return new IpPrefix(IpAddress.fromBytes(p.address()), p.bits());
    }

    private static String text(InetSocketAddress a) {
        return new Endpoint(IpAddress.fromBytes(a.getAddress().getAddress()), a.getPort()).toString();
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String formatSeconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }
}
