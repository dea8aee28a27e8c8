package dev.wgsim.scenario.sim;

import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.engine.metrics.TimeBins;
import dev.wgsim.engine.metrics.TraceMetricsListener;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.random.RandomStreams;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.engine.trace.Trace;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.KeyLogListener;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A scenario wired into a live simulation: the engine's network with a {@link WgTunnel} behind
 * every WireGuard interface, the traffic applications, and the scheduled events. Build it, subscribe
 * to its trace, then {@link #run}.
 *
 * <h2>Changing the simulation while it runs</h2>
 * Between two steps of the clock (or from an action scheduled with {@code network().at(...)}), the
 * simulation can be changed as an operator changes a network: {@link #addNode}/{@link #removeNode},
 * {@link #addWireGuard}/{@link #removeWireGuard}, {@link #addPeer}/{@link #updatePeer}/{@link #removePeer},
 * {@link #changePrivateKey}, {@link #addTraffic}/{@link #removeTraffic}/{@link #setTrafficRunning}.
 * Each takes effect at the current virtual time, writes one trace event ({@code node.added},
 * {@code wg.peer.added}, ... see docs/results-format.md), and draws randomness only from the
 * seeded streams named after what it touches ({@code node/NAME/wg}, {@code link/NAME/...}, the
 * flow's), so the same calls at the same times give the same event log. A request that cannot be met (an unknown node, a name, key or allowed IP already taken)
 * throws {@link IllegalArgumentException} naming what is wrong, and changes nothing.
 * The scenario file's timed events ({@link EventSpec}) are applied through these same methods.
 */
public final class Simulation {
    private final Scenario scenario;
    private final Network net;
    private final OuterNetwork wiring;
    private final WgInterfaces interfaces;
    private final TrafficFlows flows;
    private final long wallEpochUnixNanos;

    /** Receives handshake secrets per node for the Wireshark keylog. */
    @FunctionalInterface
    public interface KeyLogListenerFactory {
        KeyLogListener forNode(String node);
    }

    private Simulation(Scenario scenario, KeyLogListenerFactory keyLog) {
        this.scenario = scenario;
        this.net = new Network(new EventLoop(), new RandomStreams(scenario.seed()), new Trace(),
                new MetricsRecorder(new TimeBins(0, scenario.metricsBin())));
        this.wallEpochUnixNanos = scenario.epoch().getEpochSecond() * 1_000_000_000L + scenario.epoch().getNano();
        this.wiring = new OuterNetwork(net, scenario);
        this.interfaces = new WgInterfaces(net, wiring, wallEpochUnixNanos, keyLog);
        this.flows = new TrafficFlows(net);
        // Drop and NAT metrics (drops.csv, nat.csv, summary drops) are derived from the trace.
        net.trace().subscribeProtocol(new TraceMetricsListener(net.metrics()));
    }

    /** Builds the network, devices, applications and scheduled events; nothing runs yet. */
    public static Simulation build(Scenario scenario) {
        return build(scenario, null);
    }

    /** {@link #build(Scenario)}, with every device's handshake secrets going to {@code keyLog} (may be null). */
    public static Simulation build(Scenario scenario, KeyLogListenerFactory keyLog) {
        Simulation sim = new Simulation(scenario, keyLog);
        for (NodeSpec n : scenario.nodes()) {
            n.addresses().forEach(a -> sim.flows.claim(a, n.name()));
            n.wireguard().ifPresent(w -> w.addresses().forEach(a -> sim.flows.claim(a.address(), n.name())));
        }
        // Tailnet devices get their interfaces when they join (dev.wgsim.scenario.tailnet); their
        // addresses are known from the file, so flows to them are checked like any other.
        scenario.tailnet().ifPresent(t -> t.devices().forEach(d -> {
            sim.flows.claim(d.tailnetV4(), d.name());
            sim.flows.claim(d.tailnetV6(), d.name());
        }));
        for (NodeSpec n : scenario.nodes()) {
            n.wireguard().ifPresent(w -> sim.addInterfaceFromFile(n, w));
        }
        for (NodeSpec n : scenario.nodes()) {
            n.wireguard().ifPresent(w -> w.peers().forEach(p -> sim.addPeer(n.name(), sim.settings(p))));
        }
        for (TrafficSpec t : scenario.traffic()) {
            if (sim.flows.ownerOf(t.dst()) == null) {
                throw new ScenarioException(scenario.file(), 0, 0, "traffic." + t.name() + ".to",
                        "no node has address " + t.dst(), "Send to a node's tunnel or outer address.");
            }
            sim.startFlow(t);
        }
        for (EventSpec e : scenario.events()) {
            sim.net.at(e.at(), () -> sim.apply(e));
        }
        return sim;
    }

    private void addInterfaceFromFile(NodeSpec n, WireGuardSpec w) {
        String field = "nodes." + n.name() + ".wireguard";
        try {
            SpecToConfig.constants(w.timers());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(scenario.file(), 0, 0, field, "timer overrides are inconsistent: " + e.getMessage(),
                    "Keep the relations WireGuard needs (e.g. reject_after_time above rekey_after_time).");
        }
        if (w.masquerade() && wiring.active.get(n.name()) == null) {
            throw new ScenarioException(scenario.file(), 0, 0, field + ".masquerade", "node '" + n.name()
                    + "' has no outer interface to masquerade behind", "Link the node to the network.");
        }
        interfaces.add(n.name(), w, null);
    }

    /** The scenario as read from its file (nodes and flows added at run time are not in it). */
    public Scenario scenario() {
        return scenario;
    }

    public Network network() {
        return net;
    }

    /** Every WireGuard interface now in the simulation, by node, in the order they were added. */
    public Map<String, WgTunnel> tunnels() {
        return interfaces.tunnels();
    }

    public OuterNetwork outerNetwork() {
        return wiring;
    }

    public long wallEpochUnixNanos() {
        return wallEpochUnixNanos;
    }

    /**
     * Runs until {@code until} (virtual ns), reporting progress about every 1% of the way.
     */
    public void run(long until, LongConsumer progress) {
        EventLoop loop = net.loop();
        long step = Math.max(1, until / 100);
        for (long t = Math.min(until, loop.now() + step); ; t = Math.min(until, t + step)) {
            loop.runUntil(t);
            progress.accept(t);
            if (t >= until) {
                break;
            }
        }
    }

    // ---- nodes ----

    /**
     * Adds host {@code node} now, on link {@code link} to an existing router or NAT (the link's other
     * end; a node behind a NAT is translated by it). The node's outer addresses go on its end of the
     * link; routers learn the route to them. When {@code node} has a WireGuard interface, it is added
     * as by {@link #addWireGuard}. Traced as {@code node.added}.
     *
     * @return the new host (to bind sockets or send from)
     * @throws IllegalArgumentException for a name, link name or address already in use, a router, or
     *     a link that does not join the node to a router or a NAT
     */
    public Host addNode(NodeSpec node, LinkSpec link) {
        if (node.wireguard().isPresent()) {
            WireGuardSpec w = node.wireguard().get();
            SpecToConfig.constants(w.timers());
            w.peers().forEach(this::settings);
        }
        Host host = wiring.addStation(node, link);
        node.addresses().forEach(a -> flows.claim(a, node.name()));
        trace(new ChangeTraceEvents.NodeAdded(net.now(), node.name(), link.name(),
                link.a().equals(node.name()) ? link.b() : link.a()));
        node.wireguard().ifPresent(w -> addWireGuard(node.name(), w));
        return host;
    }

    /**
     * Removes host {@code node} now, with everything of it: its WireGuard interface (its timers are
     * cancelled), the flows it sends (every pending event of theirs is cancelled), its links (taken
     * down, so packets on them are dropped as {@code link_down}) and the routes to it. Nothing of the
     * node runs afterwards. Peers elsewhere that list it are left as they are: their handshakes go
     * unanswered, as on a real network. Traced as {@code node.removed}.
     *
     * @throws IllegalArgumentException for an unknown node, a router or a NAT
     */
    public void removeNode(String node) {
        wiring.checkRemovable(node);
        if (interfaces.has(node)) {
            removeWireGuard(node);
        }
        for (String f : flows.sentFrom(node)) {
            removeTraffic(f);
        }
        flows.dropSinksOf(node);
        flows.release(node);
        wiring.removeStation(node);
        trace(new ChangeTraceEvents.NodeRemoved(net.now(), node));
    }

    // ---- WireGuard interfaces ----

    /**
     * Brings up WireGuard interface {@code w} on {@code node} now, as {@code wg-quick up} does: the
     * tunnel interface with its addresses and MTU, the listen port, the device with {@code w}'s
     * private key and timers, and then its peers ({@code w.peers()}, whose {@code node} references
     * must name nodes that have an interface). Traced as {@code wg.interface.added}, then one
     * {@code wg.peer.added} per peer.
     *
     * @throws IllegalArgumentException for an unknown node, a node that already has an interface, a
     *     bound port, contradicting timers, or a peer that cannot be added
     */
    public WgTunnel addWireGuard(String node, WireGuardSpec w) {
        return addWireGuard(node, w, null);
    }

    /**
     * {@link #addWireGuard(String, WireGuardSpec)} with the device's datagrams going through
     * {@code bind} rather than the host's UDP port: the seam for a layer that owns path choice (a
     * tailnet client's magicsock). {@code bind} is opened on {@code w.listenPort()}.
     */
    public WgTunnel addWireGuard(String node, WireGuardSpec w, Bind bind) {
        host(node);
        SpecToConfig.constants(w.timers());
        w.peers().forEach(this::settings);
        WgTunnel t = interfaces.add(node, w, bind);
        w.addresses().forEach(a -> flows.claim(a.address(), node));
        w.peers().forEach(p -> addPeer(node, settings(p)));
        return t;
    }

    /**
     * Deletes {@code node}'s WireGuard interface now ({@code ip link del wg0}): its sessions, timers,
     * listen port and routes go. Traced as {@code wg.interface.removed}.
     *
     * @throws IllegalArgumentException when the node has no interface
     */
    public void removeWireGuard(String node) {
        interfaces.remove(node);
    }

    /** The public key of {@code node}'s WireGuard interface (what its peers list). */
    public PublicKey publicKey(String node) {
        return interfaces.tunnel(node).device().publicKey();
    }

    /**
     * Adds a peer to {@code node}'s interface now, as {@code wg set wg0 peer KEY ...} does, and
     * routes its allowed IPs into the interface as wg-quick would (by the interface's Table). With an
     * endpoint and traffic waiting, the first packet starts a handshake; with a persistent
     * keepalive, the first keepalive goes at once. Traced as {@code wg.peer.added}.
     *
     * @throws IllegalArgumentException for a node without an interface, the node's own key, a key
     *     or name already on the interface, or an allowed IP another peer has
     */
    public void addPeer(String node, PeerSettings peer) {
        interfaces.addPeer(node, peer);
    }

    /**
     * Gives the peer with {@code peer.publicKey()} these settings now: its name, preshared key,
     * allowed IPs (replacing the old ones), endpoint (only when given: an empty one keeps the
     * current, possibly learned, endpoint) and keepalive. Its sessions stay. Traced as
     * {@code wg.peer.updated}.
     *
     * @throws IllegalArgumentException for an unknown node or key, a name another peer has, or an
     *     allowed IP another peer has
     */
    public void updatePeer(String node, PeerSettings peer) {
        interfaces.updatePeer(node, peer);
    }

    /**
     * Removes the peer with key {@code peer} from {@code node}'s interface now
     * ({@code wg set wg0 peer KEY remove}): its sessions and timers go. Routes stay, as wg leaves
     * them, so packets for its allowed IPs are dropped by the interface as {@code no_route}; the
     * removed peer's packets still arriving are dropped as {@code unknown_index} (data) or
     * {@code unknown_peer} (handshakes). Traced as {@code wg.peer.removed}.
     *
     * @throws IllegalArgumentException for an unknown node or key
     */
    public void removePeer(String node, PublicKey peer) {
        interfaces.removePeer(node, peer);
    }

    /** The key of the peer called {@code peerName} on {@code node}'s interface; IllegalArgumentException if none. */
    public PublicKey peerKey(String node, String peerName) {
        return interfaces.peerKey(node, peerName);
    }

    /**
     * {@code node}'s interface takes private key {@code key} now, as {@code wg set wg0 private-key}
     * does in wireguard-go (docs/measurements/wg-set-private-key.md): peers, endpoints, allowed IPs
     * and timers stay; current sessions still receive but no longer send, so the node's next packet
     * starts a handshake under the new key. Peers that still list the old public key drop those
     * initiations ({@code unknown_peer}), and the node drops theirs ({@code bad_mac1}), until they are
     * given the new key. A peer whose public key is the new one is removed, as wireguard-go does.
     * Traced as {@code wg.key.changed} with the new public key.
     *
     * @throws IllegalArgumentException for a node without an interface
     */
    public void changePrivateKey(String node, PrivateKey key) {
        interfaces.changeKey(node, key);
    }

    // ---- traffic ----

    /**
     * Attaches flow {@code t} now: its application on host {@code t.from()} starts at
     * {@code t.start()} (now, if that is past) and a sink listens on the destination's port. Traced
     * as {@code traffic.added}.
     *
     * @throws IllegalArgumentException for a flow name in use, an unknown sender, or a destination
     *     address no node holds
     */
    public void addTraffic(TrafficSpec t) {
        if (flows.has(t.name())) {
            throw new IllegalArgumentException("a flow named '" + t.name() + "' already exists");
        }
        host(t.from());
        if (flows.ownerOf(t.dst()) == null) {
            throw new IllegalArgumentException("flow " + t.name() + ": no node has address " + t.dst());
        }
        startFlow(t);
        trace(new ChangeTraceEvents.TrafficAdded(net.now(), t.name(), t.from(), t.dst().toString()));
    }

    private void startFlow(TrafficSpec t) {
        flows.add(t, wiring.hosts.get(t.from()), wiring.hosts.get(flows.ownerOf(t.dst())));
    }

    /**
     * Detaches flow {@code flow} now: its application stops and every event it has pending is
     * cancelled. Traced as {@code traffic.removed}.
     *
     * @throws IllegalArgumentException for an unknown flow
     */
    public void removeTraffic(String flow) {
        requireFlow(flow);
        flows.remove(flow);
        trace(new ChangeTraceEvents.TrafficRemoved(net.now(), flow));
    }

    /**
     * Pauses ({@code false}) or resumes ({@code true}) flow {@code flow} now; a resumed flow still
     * ends at its stop time. A bulk transfer has a size rather than a span and is left alone.
     * Traced as {@code traffic.state}.
     *
     * @throws IllegalArgumentException for an unknown flow
     */
    public void setTrafficRunning(String flow, boolean running) {
        requireFlow(flow);
        if (running) {
            flows.resume(flow);
        } else {
            flows.pause(flow);
        }
        trace(new ChangeTraceEvents.TrafficState(net.now(), flow, running));
    }

    private void requireFlow(String flow) {
        if (!flows.has(flow)) {
            throw new IllegalArgumentException("no flow named '" + flow + "'");
        }
    }

    // ---- scheduled events ----

    /** Applies a scenario event now rather than at its time (the demo's Roam button does). */
    public void apply(EventSpec e) {
        if (e instanceof EventSpec.Roam r) {
            host(r.node());
            wiring.roam(r.node(), r.address(), r.link().orElse(null));
        } else if (e instanceof EventSpec.LinkState l) {
            link(l.link()).setUp(l.up());
        } else if (e instanceof EventSpec.LinkChange c) {
            link(c.link()).aToB().setConfig(SpecToConfig.link(c.aToB()));
            link(c.link()).bToA().setConfig(SpecToConfig.link(c.bToA()));
        } else if (e instanceof EventSpec.NatReboot n) {
            dev.wgsim.engine.nat.Nat nat = wiring.nat(n.nat());
            if (nat == null) {
                throw new IllegalArgumentException("no NAT named '" + n.nat() + "'");
            }
            nat.reboot();
        } else if (e instanceof EventSpec.PeerAdd p) {
            addPeer(p.node(), settings(p.peer()));
        } else if (e instanceof EventSpec.PeerRemove p) {
            removePeer(p.node(), peerKey(p.node(), p.peer()));
        } else if (e instanceof EventSpec.KeyChange k) {
            changePrivateKey(k.node(), PrivateKey.of(k.privateKey().bytes()));
        } else if (e instanceof EventSpec.TrafficState s) {
            setTrafficRunning(s.flow(), s.start());
        }
    }

    /**
     * A file's peer in the API's terms: a peer given as a node takes that node's current public
     * key; its keepalive goes from nanoseconds to wg's whole seconds.
     */
    private PeerSettings settings(PeerSpec p) {
        PublicKey key = p.node().map(n -> {
            if (!interfaces.has(n)) {
                throw new IllegalArgumentException("peer " + p.name() + ": node '" + n + "' has no WireGuard interface");
            }
            return publicKey(n);
        }).orElseGet(() -> p.publicKey().get());
        PresharedKey psk = p.presharedKey().orElse(PresharedKey.NONE);
        return new PeerSettings(p.name(), key, psk, p.allowedIps(), p.endpoint(),
                (int) (p.persistentKeepalive() / 1_000_000_000L));
    }

    private Host host(String node) {
        Host h = wiring.hosts.get(node);
        if (h == null) {
            throw new IllegalArgumentException("no node named '" + node + "'; nodes: " + String.join(", ", wiring.hosts.keySet()));
        }
        return h;
    }

    private dev.wgsim.engine.link.Link link(String name) {
        dev.wgsim.engine.link.Link l = wiring.link(name);
        if (l == null) {
            throw new IllegalArgumentException("no link named '" + name + "'");
        }
        return l;
    }

    private void trace(TraceEvent e) {
        if (net.trace().active()) {
            net.trace().emit(e);
        }
    }
}
