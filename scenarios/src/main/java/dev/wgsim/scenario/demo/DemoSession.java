package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.sim.PeerSettings;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.WgDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's one door into the simulation: it owns a scenario's live {@link Simulation} (see
 * {@link DemoScenario}: no traffic or scheduled events, so the clock moves only when the user acts)
 * and carries out the page's actions on the WireGuard interface on show through the simulation's
 * run-time API. Every figure in {@link #state()} is read from the real {@link WgDevice}
 * ({@link DemoStateView}); every log line comes from the simulation's trace ({@link DemoTraceLog}).
 * All methods are synchronized: the web server calls from many threads.
 */
public final class DemoSession {
    /** The UDP port the demo's packets go to (discard): every host listens on it to see deliveries. */
    public static final int DEMO_PORT = 9;
    /** How far each Send, Recv or Spoof runs the clock: ample for a handshake round trip here. */
    public static final long ACTION_STEP_NANOS = 1_000_000_000L;
    /** The longest single advance the page may ask for. */
    public static final long MAX_ADVANCE_NANOS = 3600L * 1_000_000_000L;
    private static final int SOURCE_PORT = 40000;

    private final DemoScenario demo;
    private final String wgNode;
    private final WireGuardSpec wgSpec;
    private final DemoEventBuffer log = new DemoEventBuffer();
    private final DemoPeers peers = new DemoPeers();
    private final DemoStateView view;
    private final WgTableView table;

    private Simulation sim;
    private Network net;
    private Host wgHost;
    private DemoCapture capture;
    private DemoTraceLog traceLog;
    private AddressPool pool;
    /** Peers added from the page with a generated key: each is a node of the simulation too. */
    private final Set<String> added = new HashSet<>();
    private final Map<String, Integer> roams = new HashMap<>();
    private int packetCount;
    private Flight flight;
    private DemoState.Packet lastPacket;
    private String message;

    /** In a tailnet demo, the tailnet's session (the fields above then stay unset); else null. */
    private final TailnetDemo tailnet;

    /**
     * A demo over {@code scenario}; the interface shown is that of the WireGuard node with most peers,
     * or, for a scenario with a {@code tailnet:} block, a tailnet device's tailscale0 ({@link TailnetDemo}).
     */
    public DemoSession(Scenario scenario) {
        if (scenario.tailnet().isPresent()) {
            this.tailnet = new TailnetDemo(scenario, log);
            this.demo = null;
            this.wgNode = null;
            this.wgSpec = null;
            this.view = null;
            this.table = null;
            return;
        }
        this.tailnet = null;
        this.demo = DemoScenario.of(scenario);
        this.wgNode = demo.wgNode();
        this.wgSpec = demo.wgSpec();
        this.view = new DemoStateView(demo, peers);
        this.table = new WgTableView(this::device, peers, demo);
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
        if (tailnet != null) {
            return tailnet.device(tailnet.selected());
        }
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
        Scenario s = demo.runnable();
        DemoCapture cap = new DemoCapture(s.epoch().getEpochSecond() * 1_000_000_000L + s.epoch().getNano());
        capture = cap;
        sim = Simulation.build(s, node -> node.equals(wgNode) ? cap : null);
        net = sim.network();
        pool = new AddressPool();
        peers.clear();
        added.clear();
        roams.clear();
        packetCount = 0;
        flight = null;
        lastPacket = null;
        traceLog = new DemoTraceLog(log, wgNode, new DemoTraceLog.Session() {
            public Flight flight() { return flight; }

            public String shortSessionKey(String peer) { return table.shortSessionKey(peer); }

            public int nextCapture() { return capture.nextIndex(); }

            public Integer lastCaptured() { return DemoSession.this.lastCaptured(); }
        });
        net.trace().subscribe(traceLog);
        wgHost = net.host(wgNode);
        wgHost.addObserver(cap);
        listen(wgHost);
        for (PeerSpec p : wgSpec.peers()) {
            String node = p.node().filter(sim.tunnels()::containsKey).orElse(null);
            if (node != null) {
                peers.add(new DemoPeer(p.name(), sim.publicKey(node), node, demo.innerAddressOf(node)));
                listen(net.host(node));
            } else {
                peers.add(new DemoPeer(p.name(), p.publicKey().get(), null, null));
            }
        }
        message = "Scenario " + demo.original().name() + " loaded: " + wgSpec.interfaceName() + " on " + wgNode + " with "
                + peers.size() + " peers. The clock moves only when you act.";
        log.add(net.now(), "info", "", message);
    }

    /** Every host listens on the demo port, so a delivered demo packet shows in the log and ends its flight. */
    private void listen(Host h) {
        String host = h.name();
        h.bind(DEMO_PORT, (now, src, dst, payload) -> {
            String text = new String(payload, StandardCharsets.UTF_8);
            String peer = host.equals(wgNode) ? peers.sendingFrom(src.address()) : host;
            // At wg0 the transport packet that carried it is the one just captured; at a peer, wg0's latest data packet.
            Integer packet = host.equals(wgNode) ? lastCaptured() : capture.lastSentBy(wgEndpoint());
            log.add(now, "delivered", peer, "delivered: " + host + " received “" + text + "” from " + src.address(), packet);
            if (flight != null) {
                flight.deliveredAt(host, packet);
            }
        });
    }

    // ------------------------------------------------------------------ packets from and to wg0

    /** wg0 sends one UDP packet to an address in the peer's allowed IPs; the clock runs one step. */
    public synchronized DemoState send(String peerName) {
        classic("Send");
        DemoPeer p = peers.get(peerName);
        IpAddress dst = table.sendTarget(p);
        IpAddress src = demo.wgAddress();
        byte[] payload = payload("hello " + p.name() + " #" + (++packetCount) + " from " + wgSpec.interfaceName());
        String to = p.host() != null && dst.equals(p.tunnelAddress()) ? p.host() : p.name();
        flight = new Flight("send", wgNode, to, p.name(), src, dst, capture.nextIndex(),
                RouteLesson.explain(device(), dst, peers::nameOf));
        log.add(net.now(), "send", p.name(), "Send: " + wgSpec.interfaceName() + " " + src + " → " + dst + " (" + p.name()
                + "), " + payload.length + " bytes over UDP");
        wgHost.send(IpPacket.udp(src, SOURCE_PORT, dst, DEMO_PORT, IpPacket.DEFAULT_TTL, payload));
        return finish();
    }

    /** The peer sends one UDP packet from its own inner address to wg0; the clock runs one step. */
    public synchronized DemoState recv(String peerName) {
        classic("Recv");
        DemoPeer p = peers.get(peerName).requireSimulated("Recv");
        return fromPeer(p, p.tunnelAddress(), "recv", "Recv: " + p.name() + " sends " + p.tunnelAddress() + " → "
                + demo.wgAddress());
    }

    /** The peer sends a packet claiming another peer's inner address: wg0 must drop it. */
    public synchronized DemoState spoof(String peerName) {
        classic("Spoof");
        DemoPeer p = peers.get(peerName).requireSimulated("Spoof");
        IpAddress claimed = null;
        String victim = null;
        for (DemoPeer o : peers.all()) {
            if (!o.name().equals(p.name())) {
                IpAddress t = table.firstAllowed(o);
                if (t != null) {
                    claimed = t;
                    victim = o.name();
                    break;
                }
            }
        }
        if (claimed == null) {
            claimed = table.freeInnerAddress();
            victim = "nobody";
        }
        return fromPeer(p, claimed, "spoof", "Spoof: " + p.name() + " sends a packet claiming to be " + claimed + " (" + victim + ")");
    }

    private DemoState fromPeer(DemoPeer p, IpAddress src, String action, String logText) {
        IpAddress dst = demo.wgAddress();
        byte[] payload = payload("hello " + wgSpec.interfaceName() + " #" + (++packetCount) + " from " + p.name());
        flight = new Flight(action, p.host(), wgNode, p.name(), src, dst, capture.nextIndex(), null);
        log.add(net.now(), action, p.name(), logText);
        net.host(p.host()).send(IpPacket.udp(src, SOURCE_PORT, dst, DEMO_PORT, IpPacket.DEFAULT_TTL, payload));
        return finish();
    }

    /**
     * An attacker at the peer's current outer address sends a copy of the peer's latest data packet
     * with one ciphertext byte changed: wg0 drops it (the tag fails) and the endpoint stays put.
     */
    public synchronized DemoState forge(String peerName) {
        classic("Forge");
        DemoPeer p = peers.get(peerName).requireSimulated("Forge");
        // Among the latest 200 packets (older data is not worth a copy).
        DemoCapture.Captured copy = inspector().latestDataFrom(capture.packets(), p.name(), 200);
        if (copy == null) {
            throw new DemoInputException("peer", "Forge copies a data packet of " + p.name() + "'s: press Recv on "
                    + p.name() + " first");
        }
        IpPacket original = IpPacket.decode(copy.bytes()).packet();
        byte[] forged = original.payload().clone();
        forged[forged.length - 20] ^= 0x01; // one bit of the ciphertext
        IpAddress from = outerAddress(p.host());
        String before = table.endpointOf(p);
        flight = new Flight("forge", p.host(), wgNode, p.name(), from, outerAddress(wgNode), capture.nextIndex(), null);
        log.add(net.now(), "forge", p.name(), "Forge: someone at " + from + " sends a copy of " + p.name() + "'s packet #"
                + copy.index() + " with one bit changed", copy.index());
        net.host(p.host()).send(IpPacket.udp(from, original.sourcePort(), outerAddress(wgNode), device().listenPort(),
                IpPacket.DEFAULT_TTL, forged));
        DemoState s = finish();
        String after = table.endpointOf(p);
        message = "Forge from " + from + ": " + lastPacket.detail() + ". " + p.name() + "'s endpoint "
                + (Objects.equals(before, after) ? "stays " + before + ": only an authenticated packet moves it."
                        : "moved to " + after + ".");
        return new DemoState(s.scenario(), s.description(), s.nowNanos(), s.iface(), s.peers(), s.topology(), s.lastPacket(),
                message);
    }

    /** Runs the clock one action step and records what became of the packet in flight. */
    private DemoState finish() {
        net.loop().runUntil(net.now() + ACTION_STEP_NANOS);
        Flight f = flight;
        flight = null;
        lastPacket = f.outcome(capturedSince(f.firstCapture));
        message = f.action.substring(0, 1).toUpperCase() + f.action.substring(1) + " " + f.src + " → " + f.dst + ": "
                + f.summary();
        return stateNow();
    }

    // ------------------------------------------------------------------ the network and the clock

    /** The peer moves to a new outer address (a phone from Wi-Fi to LTE). The clock does not move. */
    public synchronized DemoState roam(String peerName) {
        classic("Roam");
        DemoPeer p = peers.get(peerName).requireSimulated("Roam");
        IpAddress before = outerAddress(p.host());
        sim.apply(nextRoam(p));
        message = "Roam: " + p.name() + " moved from " + before + " to " + outerAddress(p.host()) + "; "
                + wgSpec.interfaceName() + " keeps its old endpoint until an authenticated packet arrives from the new address.";
        log.add(net.now(), "roam", p.name(), message);
        return stateNow();
    }

    /**
     * Where the peer roams: a node of the file with a scripted roam goes there and back in turn;
     * others (and peers added from the page) move to a fresh pool address on the same link.
     */
    private EventSpec.Roam nextRoam(DemoPeer p) {
        Optional<EventSpec.Roam> scripted = added.contains(p.name()) ? Optional.empty() : demo.scriptedRoam(p.host());
        if (scripted.isEmpty()) {
            return new EventSpec.Roam(net.now(), p.host(), pool.nextOuter(net), Optional.empty(), "demo roam");
        }
        int k = roams.merge(p.name(), 1, Integer::sum);
        if (k % 2 == 1) {
            return new EventSpec.Roam(net.now(), p.host(), scripted.get().address(), scripted.get().link(), "demo roam");
        }
        NodeSpec n = demo.original().node(p.host()).get();
        return new EventSpec.Roam(net.now(), p.host(), n.addresses().get(0), demo.firstLinkOf(p.host()), "demo roam");
    }

    /** Runs the clock forward by {@code nanos} (timers fire: keepalives, retries, rekeys, expiry). */
    public synchronized DemoState advance(long nanos) {
        if (nanos <= 0 || nanos > MAX_ADVANCE_NANOS) {
            throw new DemoInputException("seconds", "advance the clock by more than 0 s and at most 1 h");
        }
        if (tailnet != null) {
            DemoState st = tailnet.advance(nanos);
            log.add(st.nowNanos(), "clock", "", st.message());
            return st;
        }
        traceLog.forgetMoved();
        net.loop().runUntil(net.now() + nanos);
        message = "Clock advanced by " + formatSeconds(nanos) + ".";
        DemoTraceLog.Moved moved = traceLog.moved();
        DemoPeer p = moved == null ? null : peers.find(moved.peer());
        if (p != null && p.host() != null) {
            // The causal packet of a live endpoint change (a roamed peer's keepalive): draw it.
            lastPacket = new DemoState.Packet("endpoint", p.host(), wgNode, String.valueOf(outerAddress(p.host())),
                    String.valueOf(outerAddress(wgNode)), "delivered", null, moved.text(), null,
                    moved.packet() == null ? List.of() : List.of(moved.packet()), moved.packet());
            message += " " + moved.text().replace("➜ ", "") + ".";
        }
        log.add(net.now(), "clock", "", message);
        return stateNow();
    }

    /** Throws the session away and builds the scenario afresh (log cleared, clock at 0). */
    public synchronized DemoState reset() {
        log.clear();
        if (tailnet != null) {
            tailnet.build();
            return tailnet.state();
        }
        build();
        return stateNow();
    }

    // ------------------------------------------------------------------ wg0's configuration

    /**
     * Adds a peer to wg0 from the form. Every field is checked before anything changes; the first
     * problem throws {@link DemoInputException} naming the field.
     */
    public synchronized DemoState addPeer(AddPeerRequest req) {
        classic("Add peer");
        PeerForm.Checked c = PeerForm.check(req, new PeerFormTable(this::device, () -> net, peers, table, demo),
                demo.original().seed(), peers.defaultName(n -> PeerFormTable.hostExists(net, n)));
        PublicKey key = c.publicKey();
        String host = null;
        IpAddress inner = c.tunnelAddress();
        if (c.privateKey().isPresent()) {
            addPeerNode(c, inner);
            host = c.name();
        }
        sim.addPeer(wgNode, new PeerSettings(c.name(), key, PresharedKey.NONE, c.allowedIps(), c.endpoint(), 0));
        peers.add(new DemoPeer(c.name(), key, host, inner));
        message = "Peer " + c.name() + " added (" + (host != null ? "generated key, simulated device sending from " + inner
                : "pasted key: no simulated device holds its private key") + "), allowed IPs "
                + (c.allowedIps().isEmpty() ? "none" : String.join(", ", c.allowedIps().stream().map(IpPrefix::toString).toList()))
                + ", endpoint " + c.endpoint().map(Object::toString).orElse("none (learned from its first packet)") + ".";
        log.add(net.now(), "peer", c.name(), message);
        return stateNow();
    }

    /** The far side of a peer added with a generated key: a node of the simulation holding the key. */
    private void addPeerNode(PeerForm.Checked c, IpAddress inner) {
        IpAddress outer = c.endpoint().map(Endpoint::address).orElseGet(() -> pool.nextOuter(net));
        int port = c.endpoint().map(Endpoint::port).orElse(wgSpec.listenPort());
        Endpoint wg0At = new Endpoint(outerAddress(wgNode), device().listenPort());
        sim.addNode(PeerNode.node(c.name(), c.privateKey().get(), outer, port, inner, wgNode, wgSpec, wg0At),
                PeerNode.link(c.name(), demo.routerOf(wgNode)));
        added.add(c.name());
        listen(net.host(c.name()));
    }

    /**
     * Sets wg0's REKEY_AFTER_MESSAGES live: once a session has sent more than {@code messages}
     * packets, the next Send starts a new handshake (a rotation by count).
     */
    public synchronized DemoState rekeyAfterMessages(long messages) {
        classic("Rekey after");
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

    // ------------------------------------------------------------------ capture

    /** The packet inspector's view of captured datagram {@code index} (wg0's host, both ways). */
    public synchronized PacketInspector.Inspection inspect(int index) {
        classic("The packet inspector");
        DemoCapture.Captured c = capture.get(index);
        if (c == null) {
            throw new DemoInputException("packet", "no captured packet #" + index + " (captured: "
                    + (capture.nextIndex() == 0 ? "none yet" : "up to #" + (capture.nextIndex() - 1)) + ")");
        }
        return inspector().inspect(capture.packets(), c);
    }

    private PacketInspector inspector() {
        return new PacketInspector(device().privateKey(), capture.keys(), peers::nameOf, sim.wallEpochUnixNanos())
                .wgAt(wgEndpoint());
    }

    /** The session so far as a pcap of wg0's host (raw IP, nanosecond timestamps at the scenario's epoch). */
    public synchronized byte[] pcap() {
        classic("The capture download");
        return capture.pcap();
    }

    /** The Wireshark keylog for {@link #pcap()}: wg0's static and ephemeral private keys (simulated keys). */
    public synchronized String keylog() {
        classic("The keylog download");
        return capture.keylog();
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
        if (tailnet != null) {
            return tailnet.state();
        }
        return view.project(device(), sim.outerNetwork(), net.now(), lastPacket, message);
    }

    // ------------------------------------------------------------------ the tailnet demo

    /** Whether this is a tailnet demo (tailscale0 tables, Add device) rather than the cryptokey-routing one. */
    public boolean isTailnet() {
        return tailnet != null;
    }

    /** Shows {@code device}'s tailscale0 table (tailnet demo only). */
    public synchronized DemoState selectDevice(String device) {
        return tailnetOnly().select(device);
    }

    /**
     * Adds a machine to the tailnet now (tailnet demo only): on a public address ({@code behind}
     * empty) or behind device {@code behind}'s NAT, pinging device {@code pingTo} (empty: no traffic)
     * once a second. An empty {@code name} picks {@code newN}.
     */
    public synchronized DemoState addDevice(String name, String behind, String pingTo) {
        return tailnetOnly().addDevice(name, behind, pingTo);
    }

    /** Tailnet demo only: {@code device} rotates its node key now and re-registers with control. */
    public synchronized DemoState reauthenticate(String device) {
        return tailnetOnly().reauthenticate(device);
    }

    private TailnetDemo tailnetOnly() {
        if (tailnet == null) {
            throw new DemoInputException("tailnet", "this scenario has no tailnet: block; open a tailnet scenario such as"
                    + " scenarios/examples/tailnet.yaml");
        }
        return tailnet;
    }

    private void classic(String action) {
        if (tailnet != null) {
            throw new DemoInputException("tailnet", action + " belongs to the cryptokey-routing demo; in a tailnet the"
                    + " coordination server configures every table: use Add device, pick a device, and run the clock");
        }
    }

    // ------------------------------------------------------------------ helpers

    private IpAddress outerAddress(String node) {
        return sim.outerNetwork().outerAddress(node);
    }

    private String wgEndpoint() {
        return new Endpoint(outerAddress(wgNode), device().listenPort()).toString();
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String formatSeconds(long nanos) {
        long s = nanos / 1_000_000_000L;
        return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
    }
}
