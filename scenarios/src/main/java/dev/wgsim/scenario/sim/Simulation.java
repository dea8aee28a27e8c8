package dev.wgsim.scenario.sim;

import dev.wgsim.engine.app.BulkTransfer;
import dev.wgsim.engine.app.FlowHeader;
import dev.wgsim.engine.app.FlowSink;
import dev.wgsim.engine.app.PingApp;
import dev.wgsim.engine.app.UdpSource;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.TunnelInterface;
import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.engine.metrics.TimeBins;
import dev.wgsim.engine.random.Distributions;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.random.RandomStreams;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.engine.trace.Trace;
import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.Key32;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.KeyLogListener;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A scenario wired into a live simulation: the engine's network with a {@link WgTunnel} behind
 * every WireGuard interface, the traffic applications, and the scheduled events. Build it, subscribe
 * to its trace, then {@link #run}.
 */
public final class Simulation {
    private final Scenario scenario;
    private final Network net;
    private final OuterNetwork wiring;
    private final Map<String, WgTunnel> tunnels = new LinkedHashMap<>();
    private final Map<String, Runnable[]> flowControls = new HashMap<>();
    private final Map<String, FlowSink> sinks = new HashMap<>();
    private final long wallEpochUnixNanos;
    private KeyLogListenerFactory keyLog;
    private Map<IpAddress, String> owners;

    /** Receives handshake secrets per node for the Wireshark keylog. */
    @FunctionalInterface
    public interface KeyLogListenerFactory {
        KeyLogListener forNode(String node);
    }

    private Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.net = new Network(new EventLoop(), new RandomStreams(scenario.seed()), new Trace(),
                new MetricsRecorder(new TimeBins(0, scenario.metricsBin())));
        this.wallEpochUnixNanos = scenario.epoch().getEpochSecond() * 1_000_000_000L + scenario.epoch().getNano();
        this.wiring = new OuterNetwork(net, scenario);
        // Drop and NAT metrics (drops.csv, nat.csv, summary drops) are derived from the trace.
        net.trace().subscribe(new dev.wgsim.engine.metrics.TraceMetricsListener(net.metrics()));
    }

    /** Builds the network, devices, applications and scheduled events; nothing runs yet. */
    public static Simulation build(Scenario scenario) {
        return build(scenario, null);
    }

    public static Simulation build(Scenario scenario, KeyLogListenerFactory keyLog) {
        Simulation sim = new Simulation(scenario);
        sim.keyLog = keyLog;
        for (NodeSpec n : scenario.nodes()) {
            n.wireguard().ifPresent(w -> sim.addTunnel(n, w));
        }
        for (NodeSpec n : scenario.nodes()) {
            n.wireguard().ifPresent(w -> sim.configurePeers(n, w));
        }
        for (TrafficSpec t : scenario.traffic()) {
            sim.addFlow(t);
        }
        for (EventSpec e : scenario.events()) {
            sim.net.at(e.at(), () -> sim.apply(e));
        }
        return sim;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Network network() {
        return net;
    }

    public Map<String, WgTunnel> tunnels() {
        return java.util.Collections.unmodifiableMap(tunnels);
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

    // ---- WireGuard ----

    private void addTunnel(NodeSpec n, WireGuardSpec w) {
        Host host = wiring.hosts.get(n.name());
        TunnelInterface tun = host.addTunnel(w.interfaceName(), w.addresses().isEmpty() ? null : w.addresses().get(0));
        for (int i = 1; i < w.addresses().size(); i++) {
            host.addAddress(tun, w.addresses().get(i));
        }
        tun.setMtu(w.mtu() != WireGuardSpec.MTU_AUTO ? w.mtu() : autoMtu(n.name()));
        WgTunnel t = new WgTunnel(n.name(), host, tun, new HashMap<>());
        int port = t.bind(w.listenPort());
        if (w.fwmark() != 0) {
            t.setFwmark(w.fwmark());
        }
        if (w.masquerade()) {
            dev.wgsim.engine.net.PhysicalInterface outside = wiring.active.get(n.name());
            if (outside == null) {
                throw new ScenarioException(scenario.file(), 0, 0, "nodes." + n.name() + ".wireguard.masquerade",
                        "node '" + n.name() + "' has no outer interface to masquerade behind", "Link the node to the network.");
            }
            // iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE: Linux conntrack keeps the port when
            // it can and lets in only replies (endpoint-independent mapping, address-and-port filtering).
            new dev.wgsim.engine.nat.Nat(net, n.name() + "-masquerade", host, outside,
                    dev.wgsim.engine.nat.NatConfig.linuxMasquerade());
        } else if (w.forward()) {
            host.setForwarding(true);
        }
        t.attach(newDevice(n.name(), w.privateKey(), port, w));
        tunnels.put(n.name(), t);
    }

    /**
     * wg-quick's MTU when none is given (set_mtu_up): the MTU of the device the endpoints are routed
     * through (here: the node's uplink, its link's outbound MTU), or 1500 without one, minus 80.
     */
    private int autoMtu(String node) {
        dev.wgsim.engine.net.PhysicalInterface up = wiring.active.get(node);
        int mtu = 1500;
        if (up != null) {
            for (dev.wgsim.scenario.model.LinkSpec l : scenario.links()) {
                if (l.name().equals(up.name())) {
                    mtu = (l.a().equals(node) ? l.aToB() : l.bToA()).mtu();
                }
            }
        }
        return Math.max(576, mtu - WireGuardSpec.OVERHEAD);
    }

    private WgDevice newDevice(String node, Key32 key, int port, WireGuardSpec w) {
        RandomStream stream = net.random().stream("node/" + node + "/wg");
        Entropy entropy = new Entropy() {
            @Override
            public void nextBytes(byte[] b) {
                stream.nextBytes(b);
            }

            @Override
            public int nextInt(int bound) {
                return stream.nextInt(bound);
            }
        };
        Constants c;
        try {
            c = SpecToConfig.constants(w.timers());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(scenario.file(), 0, 0, "nodes." + node + ".wireguard", "timer overrides are inconsistent: "
                    + e.getMessage(), "Keep the relations WireGuard needs (e.g. reject_after_time above rekey_after_time).");
        }
        WgDevice dev = new WgDevice(PrivateKey.of(key.bytes()), port, c, entropy, wallEpochUnixNanos);
        if (keyLog != null) {
            dev.setKeyLogListener(keyLog.forNode(node));
        }
        return dev;
    }

    PublicKey publicKeyOf(String node) {
        return tunnels.get(node).device().publicKey();
    }

    private void configurePeers(NodeSpec n, WireGuardSpec w) {
        WgTunnel t = tunnels.get(n.name());
        Host host = wiring.hosts.get(n.name());
        TunnelInterface tun = (TunnelInterface) host.iface(w.interfaceName());
        for (PeerSpec p : w.peers()) {
            addPeer(t, host, tun, w, p);
        }
    }

    /**
     * Routes an allowed IP into the tunnel as wg-quick(8) does on Linux: with Table = off nowhere; with
     * a table number into that table (no rule is added, as wg-quick adds none); with Table = auto a
     * prefix into the main table, and a default route (/0) into its own table numbered by the
     * interface's FwMark (51820, or the next table that is free, when none is set, which then also
     * becomes the FwMark) with the two rules wg-quick adds: {@code not fwmark M lookup M} and
     * {@code lookup main suppress_prefixlength 0}. WireGuard's own datagrams carry the mark, so they
     * keep leaving by the main table's default route.
     */
    private void route(WgTunnel t, Host host, TunnelInterface tun, WireGuardSpec w, IpPrefix a) {
        if (w.table() == WireGuardSpec.TABLE_OFF) {
            return;
        }
        if (w.table() != WireGuardSpec.TABLE_AUTO) {
            host.table((int) w.table()).add(a, tun);
            return;
        }
        if (a.length() > 0) {
            host.addRoute(a, tun);
            return;
        }
        long mark = t.fwmark();
        if (mark == 0) {
            mark = 51820;
            while (host.table((int) mark).size() > 0) {
                mark++;
            }
            t.setFwmark(mark);
        }
        int family = a.isV6() ? 6 : 4;
        boolean installed = false;
        int lowest = Host.MAIN_RULE_PRIORITY;
        for (dev.wgsim.engine.net.RouteRule r : host.rules()) {
            if (r.family() == family || r.family() == 0) {
                lowest = Math.min(lowest, r.priority());
                installed |= r.table() == mark && r.invert() && r.fwmark() == mark;
            }
        }
        if (!installed) {
            // ip rule add without a priority takes the one below the lowest existing rule.
            host.addRule(new dev.wgsim.engine.net.RouteRule(lowest - 1, family, mark, true, (int) mark, -1));
            host.addRule(new dev.wgsim.engine.net.RouteRule(lowest - 2, family, -1, false, Host.MAIN_TABLE, 0));
        }
        host.table((int) mark).add(a, tun);
    }

    private void addPeer(WgTunnel t, Host host, TunnelInterface tun, WireGuardSpec w, PeerSpec p) {
        WgDevice dev = t.device();
        PublicKey key = p.node().map(this::publicKeyOf).orElseGet(() -> PublicKey.of(p.publicKey().get().bytes()));
        t.namePeer(key, p.name());
        WgPeer peer = dev.addPeer(key, p.presharedKey().map(k -> PresharedKey.of(k.bytes())).orElse(PresharedKey.NONE));
        p.endpoint().ifPresent(e -> dev.setEndpoint(peer, AddressConversion.toSocketAddress(e)));
        for (IpPrefix a : p.allowedIps()) {
            dev.addAllowedIp(peer, AddressConversion.toWgPrefix(a));
            route(t, host, tun, w, a);
        }
        if (p.persistentKeepalive() > 0) {
            int seconds = (int) (p.persistentKeepalive() / 1_000_000_000L);
            // Scheduled rather than done now: at build time nobody listens to the trace yet, and
            // enabling a keepalive may send at once.
            net.at(net.now(), () -> t.apply(net.now(), () -> t.device().setPersistentKeepalive(net.now(), peer, seconds)));
        }
    }

    // ---- traffic ----

    private void addFlow(TrafficSpec t) {
        Host from = wiring.hosts.get(t.from());
        String owner = ownerOf(t.dst());
        if (owner == null) {
            throw new ScenarioException(scenario.file(), 0, 0, "traffic." + t.name() + ".to",
                    "no node has address " + t.dst(), "Send to a node's tunnel or outer address.");
        }
        Host to = wiring.hosts.get(owner);
        Endpoint dst = new Endpoint(t.dst(), t.port());
        int size = (int) t.size();
        Runnable[] controls;
        switch (t.kind()) {
            case PING -> {
                int count = (int) Math.min(65536, Math.max(1, (t.stop() - t.start()) / t.interval()));
                PingApp app = new PingApp(from, t.name(), dst.address(), t.interval(), count, size);
                if (t.srcAddr() != null) {
                    app.setSource(t.srcAddr());
                }
                app.start(t.start());
                net.at(t.stop(), app::stop);
                controls = new Runnable[] {() -> app.start(net.now()), app::stop};
            }
            case BULK -> {
                sink(to, t.port(), true);
                BulkTransfer app = new BulkTransfer(from, t.name(), dst, t.total(), size, Defaults.BULK_WINDOW, Defaults.BULK_TIMEOUT);
                app.start(t.start());
                controls = new Runnable[] {() -> { }, () -> { }};
            }
            default -> {
                sink(to, t.port(), false);
                if (t.srcAddr() != null) {
                    controls = spoofed(from, t, dst);
                } else {
                    long interval = Math.max(1, size * 8L * 1_000_000_000L / t.rate());
                    UdpSource src = switch (t.kind()) {
                        case POISSON -> UdpSource.poisson(from, t.name(), dst, size, interval);
                        case ONOFF -> UdpSource.onOff(from, t.name(), dst, size, interval,
                                Distributions.exponential(t.on()), Distributions.exponential(t.off()));
                        default -> UdpSource.constantRate(from, t.name(), dst, size, t.rate());
                    };
                    src.start(t.start(), t.stop());
                    controls = new Runnable[] {() -> src.start(net.now(), t.stop()), src::stop};
                }
            }
        }
        flowControls.put(t.name(), controls);
    }

    /**
     * A constant-rate flow whose packets carry a chosen inner source address (to show WireGuard
     * dropping a source outside the sender's allowed IPs); sent as raw IP into the host's routing.
     */
    private Runnable[] spoofed(Host from, TrafficSpec t, Endpoint dst) {
        int flowId = net.flowId(t.name());
        IpAddress src = t.srcAddr();
        long interval = Math.max(1, t.size() * 8L * 1_000_000_000L / t.rate());
        long[] seq = {0};
        boolean[] running = {true};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            long now = net.now();
            if (!running[0] || now >= t.stop()) {
                return;
            }
            byte[] payload = FlowHeader.payload((int) t.size(), flowId, seq[0]++, now);
            net.flowMetrics(flowId).recordSent(now, payload.length);
            from.send(IpPacket.udp(src, t.port(), dst.address(), dst.port(), IpPacket.DEFAULT_TTL, payload));
            net.loop().scheduleAfter(interval, tick[0]);
        };
        net.at(t.start(), tick[0]);
        return new Runnable[] {() -> {
            running[0] = true;
            net.loop().scheduleAfter(0, tick[0]);
        }, () -> running[0] = false};
    }

    private void sink(Host host, int port, boolean ack) {
        String key = host.name() + ":" + port;
        FlowSink existing = sinks.get(key);
        // A port bound but not by a sink is the host's WireGuard socket (tunnels are wired first):
        // the flow's datagrams go to WireGuard, which drops them by reason, as a real one would.
        if (existing == null && !host.isBound(port)) {
            sinks.put(key, new FlowSink(host, port, ack));
        }
    }

    /** The node holding address {@code a} (outer or tunnel); the first in file order when several do. */
    private String ownerOf(IpAddress a) {
        if (owners == null) {
            // One pass over the nodes, then a lookup per flow: a scan per flow is quadratic in a
            // star of 100,000 spokes that each send one flow.
            owners = new HashMap<>();
            for (NodeSpec n : scenario.nodes()) {
                for (IpAddress x : n.addresses()) {
                    owners.putIfAbsent(x, n.name());
                }
                n.wireguard().ifPresent(w -> w.addresses().forEach(x -> owners.putIfAbsent(x.address(), n.name())));
            }
        }
        return owners.get(a);
    }

    // ---- scheduled events ----

    /** Applies a scenario event now rather than at its time (the demo's Roam and Add peer buttons). */
    public void apply(EventSpec e) {
        if (e instanceof EventSpec.Roam r) {
            wiring.roam(r.node(), r.address(), r.link().orElse(null));
        } else if (e instanceof EventSpec.LinkState l) {
            wiring.links.get(l.link()).setUp(l.up());
        } else if (e instanceof EventSpec.LinkChange c) {
            wiring.links.get(c.link()).aToB().setConfig(SpecToConfig.link(c.aToB()));
            wiring.links.get(c.link()).bToA().setConfig(SpecToConfig.link(c.bToA()));
        } else if (e instanceof EventSpec.NatReboot n) {
            wiring.nats.get(n.nat()).reboot();
        } else if (e instanceof EventSpec.PeerAdd p) {
            WgTunnel t = tunnels.get(p.node());
            Host host = wiring.hosts.get(p.node());
            WireGuardSpec w = scenario.node(p.node()).get().wireguard().get();
            addPeer(t, host, (TunnelInterface) host.iface(w.interfaceName()), w, p.peer());
        } else if (e instanceof EventSpec.PeerRemove p) {
            WgTunnel t = tunnels.get(p.node());
            for (WgPeer peer : List.copyOf(t.device().peers())) {
                if (t.peerName(peer.publicKey()).equals(p.peer())) {
                    t.device().removePeer(peer);
                }
            }
        } else if (e instanceof EventSpec.KeyChange k) {
            changeKey(k);
        } else if (e instanceof EventSpec.TrafficState s) {
            flowControls.get(s.flow())[s.start() ? 0 : 1].run();
        }
    }

    /**
     * A node takes a new private key: its device is replaced (a key is the device's identity), with
     * the same peers, endpoints and allowed IPs. Peers that still know the old public key can no
     * longer complete handshakes with it, exactly as on a real network.
     */
    private void changeKey(EventSpec.KeyChange k) {
        WgTunnel t = tunnels.get(k.node());
        WgDevice old = t.device();
        WireGuardSpec w = scenario.node(k.node()).get().wireguard().get();
        WgDevice dev = newDevice(k.node(), k.privateKey(), old.listenPort(), w);
        for (WgPeer p : old.peers()) {
            WgPeer np = dev.addPeer(p.publicKey(), p.presharedKey());
            if (p.endpoint() != null) {
                dev.setEndpoint(np, p.endpoint());
            }
            old.allowedIps(p).forEach(a -> dev.addAllowedIp(np, a));
            if (p.persistentKeepaliveSeconds() > 0) {
                dev.setPersistentKeepalive(net.now(), np, p.persistentKeepaliveSeconds());
            }
        }
        t.replaceDevice(dev);
    }
}
