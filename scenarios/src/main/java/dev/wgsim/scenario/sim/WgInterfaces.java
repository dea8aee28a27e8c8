package dev.wgsim.scenario.sim;

import dev.wgsim.engine.nat.Nat;
import dev.wgsim.engine.nat.NatConfig;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.engine.net.TunnelInterface;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The simulation's WireGuard interfaces: for each node one {@link WgTunnel} with its device, its
 * routes (as wg-quick sets them up) and its peers. Every change checks its request first and
 * changes nothing when it throws; every change is traced.
 */
final class WgInterfaces {
    private final Network net;
    private final OuterNetwork wiring;
    private final long wallEpochUnixNanos;
    private final Simulation.KeyLogListenerFactory keyLog;
    private final Map<String, WgTunnel> tunnels = new LinkedHashMap<>();
    private final Map<String, WireGuardSpec> specs = new HashMap<>();

    WgInterfaces(Network net, OuterNetwork wiring, long wallEpochUnixNanos, Simulation.KeyLogListenerFactory keyLog) {
        this.net = net;
        this.wiring = wiring;
        this.wallEpochUnixNanos = wallEpochUnixNanos;
        this.keyLog = keyLog;
    }

    Map<String, WgTunnel> tunnels() {
        return Collections.unmodifiableMap(tunnels);
    }

    boolean has(String node) {
        return tunnels.containsKey(node);
    }

    WgTunnel tunnel(String node) {
        WgTunnel t = tunnels.get(node);
        if (t == null) {
            throw new IllegalArgumentException("node '" + node + "' has no WireGuard interface; nodes with one: "
                    + String.join(", ", tunnels.keySet()));
        }
        return t;
    }

    // ---- interfaces ----

    /**
     * Creates {@code w}'s interface on {@code node}'s host without its peers: the tunnel interface
     * with its addresses and MTU, the listen port opened on {@code bind} (null: the host's UDP
     * port), fwmark, forwarding or masquerade, and the device. Throws IllegalArgumentException for a request that cannot be met (a second interface,
     * a bound port, timers that contradict each other) before changing anything.
     */
    WgTunnel add(String node, WireGuardSpec w, Bind bind) {
        if (tunnels.containsKey(node)) {
            throw new IllegalArgumentException("node '" + node + "' already has WireGuard interface "
                    + specs.get(node).interfaceName() + " (one per node)");
        }
        Host host = wiring.host(node);
        if (bind == null && w.listenPort() != 0 && host.isBound(w.listenPort())) {
            throw new IllegalArgumentException("node '" + node + "': UDP port " + w.listenPort() + " is already bound");
        }
        PhysicalInterface outside = wiring.active.get(node);
        if (w.masquerade() && outside == null) {
            throw new IllegalArgumentException("node '" + node + "' has no outer interface to masquerade behind");
        }
        Constants constants = SpecToConfig.constants(w.timers());
        TunnelInterface tun = host.addTunnel(w.interfaceName(), w.addresses().isEmpty() ? null : w.addresses().get(0));
        for (int i = 1; i < w.addresses().size(); i++) {
            host.addAddress(tun, w.addresses().get(i));
        }
        tun.setMtu(w.mtu() != WireGuardSpec.MTU_AUTO ? w.mtu() : autoMtu(node));
        WgTunnel t = new WgTunnel(node, host, tun, bind != null ? bind : new UdpBind(host), new HashMap<>());
        int port = t.bind(w.listenPort());
        if (w.fwmark() != 0) {
            t.setFwmark(w.fwmark());
        }
        if (w.masquerade()) {
            // iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE: Linux conntrack keeps the port when
            // it can and lets in only replies (endpoint-independent mapping, address-and-port filtering).
            new Nat(net, node + "-masquerade", host, outside, NatConfig.linuxMasquerade());
        } else if (w.forward()) {
            host.setForwarding(true);
        }
        t.attach(newDevice(node, PrivateKey.of(w.privateKey().bytes()), port, constants));
        tunnels.put(node, t);
        specs.put(node, w);
        trace(new ChangeTraceEvents.InterfaceAdded(net.now(), node, w.interfaceName(), t.device().publicKey().toBase64(), port));
        return t;
    }

    /**
     * Takes {@code node}'s interface down for good ({@code ip link del wg0}): its wake-up is
     * cancelled, its port unbound, its routes removed; peers elsewhere that still list it go
     * unanswered, as they would on a real network.
     */
    void remove(String node) {
        WgTunnel t = tunnel(node);
        WireGuardSpec w = specs.remove(node);
        tunnels.remove(node);
        t.close();
        t.host().removeInterface(w.interfaceName());
        trace(new ChangeTraceEvents.InterfaceRemoved(net.now(), node, w.interfaceName()));
    }

    /**
     * wg-quick's MTU when none is given (set_mtu_up): the MTU of the device the endpoints are routed
     * through (here: the node's uplink, its link's outbound MTU), or 1500 without one, minus 80.
     */
    private int autoMtu(String node) {
        PhysicalInterface up = wiring.active.get(node);
        int mtu = up == null ? 1500 : wiring.outboundMtu(node, up.name());
        return Math.max(576, mtu - WireGuardSpec.OVERHEAD);
    }

    private WgDevice newDevice(String node, PrivateKey key, int port, Constants c) {
        // One named stream per node: adding or removing another node never changes this one's draws.
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
        WgDevice dev = new WgDevice(key, port, c, entropy, wallEpochUnixNanos);
        if (keyLog != null) {
            dev.setKeyLogListener(keyLog.forNode(node));
        }
        return dev;
    }

    // ---- peers ----

    /** Adds {@code p} to {@code node}'s interface and routes its allowed IPs into the interface. */
    void addPeer(String node, PeerSettings p) {
        WgTunnel t = tunnel(node);
        WgDevice dev = t.device();
        if (p.publicKey().equals(dev.publicKey())) {
            throw new IllegalArgumentException("peer " + p.name() + " on " + node + ": that is " + node
                    + "'s own public key");
        }
        WgPeer existing = dev.peer(p.publicKey());
        if (existing != null) {
            throw new IllegalArgumentException("peer " + p.name() + " on " + node + ": the key is already there as peer '"
                    + t.peerName(existing.publicKey()) + "' (update that peer instead)");
        }
        if (t.hasPeerNamed(p.name())) {
            throw new IllegalArgumentException("node '" + node + "' already has a peer named '" + p.name() + "'");
        }
        checkPrefixesFree(t, p, null);
        t.namePeer(p.publicKey(), p.name());
        WgPeer peer = dev.addPeer(p.publicKey(), p.presharedKey());
        p.endpoint().ifPresent(e -> dev.setEndpoint(peer, AddressConversion.toSocketAddress(e)));
        WireGuardSpec w = specs.get(node);
        for (IpPrefix a : p.allowedIps()) {
            dev.addAllowedIp(peer, a);
            WgQuickRoutes.route(t, w, a);
        }
        keepalive(t, peer, p.persistentKeepaliveSeconds());
        trace(peerSet(true, node, p));
    }

    /**
     * Gives the peer with {@code p}'s key {@code p}'s settings: name, preshared key, allowed IPs
     * (replaced), endpoint (when given; else kept), keepalive. Sessions stay, as with {@code wg set}.
     */
    void updatePeer(String node, PeerSettings p) {
        WgTunnel t = tunnel(node);
        WgDevice dev = t.device();
        WgPeer peer = dev.peer(p.publicKey());
        if (peer == null) {
            throw new IllegalArgumentException("node '" + node + "' has no peer with key " + shortKey(p.publicKey())
                    + " to update; peers: " + peerNames(t));
        }
        String oldName = t.peerName(p.publicKey());
        if (!oldName.equals(p.name()) && t.hasPeerNamed(p.name())) {
            throw new IllegalArgumentException("node '" + node + "' already has a peer named '" + p.name() + "'");
        }
        checkPrefixesFree(t, p, peer);
        t.namePeer(p.publicKey(), p.name());
        dev.setPresharedKey(peer, p.presharedKey());
        p.endpoint().ifPresent(e -> dev.setEndpoint(peer, AddressConversion.toSocketAddress(e)));
        dev.clearAllowedIps(peer);
        WireGuardSpec w = specs.get(node);
        for (IpPrefix a : p.allowedIps()) {
            dev.addAllowedIp(peer, a);
            WgQuickRoutes.route(t, w, a);
        }
        if (p.persistentKeepaliveSeconds() != peer.persistentKeepaliveSeconds()) {
            keepalive(t, peer, p.persistentKeepaliveSeconds());
        }
        trace(peerSet(false, node, p));
    }

    /**
     * Removes the peer ({@code wg set wg0 peer K remove}): its sessions and timers go with it; routes
     * stay, as wg set leaves them, so packets for its allowed IPs are dropped by the interface as
     * {@code no_route}, and its packets arriving later as {@code unknown_index} or {@code unknown_peer}.
     */
    void removePeer(String node, PublicKey key) {
        WgTunnel t = tunnel(node);
        WgPeer peer = t.device().peer(key);
        if (peer == null) {
            throw new IllegalArgumentException("node '" + node + "' has no peer with key " + shortKey(key)
                    + "; peers: " + peerNames(t));
        }
        String name = t.peerName(key);
        t.reconfigure(() -> t.device().removePeer(peer));
        t.forgetPeer(key);
        trace(new ChangeTraceEvents.PeerRemoved(net.now(), node, name));
    }

    /** The key of {@code node}'s peer named {@code name}. */
    PublicKey peerKey(String node, String name) {
        WgTunnel t = tunnel(node);
        for (WgPeer p : t.device().peers()) {
            if (t.peerName(p.publicKey()).equals(name)) {
                return p.publicKey();
            }
        }
        throw new IllegalArgumentException("node '" + node + "' has no peer named '" + name + "'; peers: " + peerNames(t));
    }

    /**
     * The node's interface takes a new private key as {@code wg set wg0 private-key} does
     * ({@link WgDevice#setPrivateKey}): peers, endpoints, allowed IPs and timers stay; the current
     * sessions still receive but no longer send, so the next packet starts a handshake under the new
     * key. A peer whose public key is the new one is removed (as wireguard-go does), traced as
     * {@code wg.peer.removed}.
     */
    void changeKey(String node, PrivateKey key) {
        WgTunnel t = tunnel(node);
        WgPeer clash = t.device().peer(key.publicKey());
        String clashName = clash == null ? null : t.peerName(clash.publicKey());
        trace(new ChangeTraceEvents.KeyChanged(net.now(), node, key.publicKey().toBase64()));
        t.apply(net.now(), () -> t.device().setPrivateKey(net.now(), key));
        if (clash != null) {
            t.forgetPeer(clash.publicKey());
            trace(new ChangeTraceEvents.PeerRemoved(net.now(), node, clashName));
        }
    }

    private void keepalive(WgTunnel t, WgPeer peer, int seconds) {
        if (seconds == 0 && peer.persistentKeepaliveSeconds() == 0) {
            return;
        }
        // Enabling a keepalive may send at once (as wg set ... persistent-keepalive does); it runs as an
        // event at this same instant, so whoever subscribes to the trace after building sees it.
        net.at(net.now(), () -> {
            if (tunnels.get(t.node()) == t && t.device().peer(peer.publicKey()) == peer) {
                t.apply(net.now(), () -> t.device().setPersistentKeepalive(net.now(), peer, seconds));
            }
        });
    }

    private void checkPrefixesFree(WgTunnel t, PeerSettings p, WgPeer self) {
        for (IpPrefix a : p.allowedIps()) {
            WgPeer owner = t.device().allowedIpOwner(a);
            if (owner != null && owner != self) {
                throw new IllegalArgumentException("peer " + p.name() + " on " + t.node() + ": allowed IP " + a
                        + " already belongs to peer '" + t.peerName(owner.publicKey()) + "'");
            }
        }
    }

    private ChangeTraceEvents.PeerSet peerSet(boolean added, String node, PeerSettings p) {
        return new ChangeTraceEvents.PeerSet(net.now(), added, node, p.name(), p.publicKey().toBase64(),
                p.allowedIps().stream().map(IpPrefix::toString).collect(Collectors.joining(",")),
                p.endpoint().map(Object::toString).orElse(""), p.persistentKeepaliveSeconds());
    }

    private static String peerNames(WgTunnel t) {
        List<String> names = new ArrayList<>();
        t.device().peers().forEach(p -> names.add(t.peerName(p.publicKey())));
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static String shortKey(PublicKey k) {
        return k.toBase64().substring(0, 8) + "...";
    }

    private void trace(TraceEvent e) {
        if (net.trace().active()) {
            net.trace().emit(e);
        }
    }
}
