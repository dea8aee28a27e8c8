package dev.wgsim.scenario.tailnet;

import dev.wgsim.engine.app.Stun;
import dev.wgsim.engine.app.StunClient;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.stream.StreamConfig;
import dev.wgsim.engine.stream.StreamConnection;
import dev.wgsim.engine.time.Wakeup;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.sim.AddressConversion;
import dev.wgsim.scenario.sim.Bind;
import dev.wgsim.scenario.sim.PeerSettings;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.tailnet.control.ControlClient;
import dev.wgsim.scenario.tailnet.control.ControlCodec;
import dev.wgsim.scenario.tailnet.control.ControlMessage;
import dev.wgsim.scenario.tailnet.control.NetmapListener;
import dev.wgsim.scenario.tailnet.control.Node;
import dev.wgsim.scenario.tailnet.magicsock.MagicEvent;
import dev.wgsim.scenario.tailnet.magicsock.MagicOutput;
import dev.wgsim.scenario.tailnet.magicsock.Magicsock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tailnet device in the engine: its magicsock is the {@link Bind} below its WireGuard interface
 * (tailscale0), sharing the UDP port with disco and STUN; its control client talks to the
 * coordination server over a TLS stream and turns netmap changes into WireGuard peers and magicsock
 * peers; its relay link carries DERP.
 *
 * <p>WireGuard sees each peer at a fixed alias endpoint, {@code [fd00::ID]:12345} with the peer's
 * node id, as wireguard-go sees a magicsock peer's fake address: the device never roams, magicsock
 * alone picks the path.
 */
final class Device implements Bind, NetmapListener {
    static final int PORT = 41641;
    static final int ALIAS_PORT = 12345;
    private static final long STUN_TIMEOUT = 3_000_000_000L;
    private static final long RECONNECT_MIN = 1_000_000_000L;
    private static final long RECONNECT_MAX = 30_000_000_000L;

    final TailnetSpec.Device spec;
    final Host host;
    private final Network net;
    private final Simulation sim;
    private final Endpoint controlEndpoint;
    private final Endpoint stunServer;
    private final String authKey;
    final Magicsock sock;
    final ControlClient control;
    private RelayLink relay;
    private final StunClient stun;
    private UdpSocket socket;
    private Bind.Receiver receiver;
    private StreamConnection controlConn;
    private long reconnectDelay = RECONNECT_MIN;
    private boolean stunPending;
    private final Wakeup wakeup;
    private final Map<dev.wgsim.wg.crypto.PublicKey, Node> peersByKey = new HashMap<>();
    private final Map<InetSocketAddress, dev.wgsim.wg.crypto.PublicKey> aliasPeer = new HashMap<>();
    private final Map<dev.wgsim.wg.crypto.PublicKey, InetSocketAddress> peerAlias = new HashMap<>();
    private Endpoint portMapped;
    /** When the first WireGuard datagram from each peer reached this device (any path). */
    final Map<dev.wgsim.wg.crypto.PublicKey, Long> firstFrom = new HashMap<>();
    /** When WireGuard first handed this device a datagram for each peer (any path). */
    final Map<dev.wgsim.wg.crypto.PublicKey, Long> firstTo = new HashMap<>();
    private boolean interfaceUp;

    /** Shared by the simulation's devices: canonical netmap values, and each node id's alias address. */
    private final dev.wgsim.scenario.tailnet.control.NetmapInterner interner;
    private final Map<Long, InetSocketAddress> aliases;

    Device(Simulation sim, TailnetSpec.Device spec, Magicsock sock, dev.wgsim.wg.crypto.PublicKey nodeKey, String authKey,
           Endpoint controlEndpoint, Endpoint stunServer, dev.wgsim.scenario.tailnet.control.NetmapInterner interner,
           Map<Long, InetSocketAddress> aliases) {
        this.interner = interner;
        this.aliases = aliases;
        this.sim = sim;
        this.spec = spec;
        this.net = sim.network();
        this.host = sim.outerNetwork().host(spec.name());
        this.sock = sock;
        this.wakeup = new Wakeup(net.loop(), () -> handle(sock.handleTimeout(net.now())));
        this.controlEndpoint = controlEndpoint;
        this.stunServer = stunServer;
        this.authKey = authKey;
        this.control = new ControlClient(spec.name(), nodeKey, sock.discoKey(), authKey, this);
        this.stun = StunClient.unbound(host, spec.name());
    }

    void setRelay(RelayLink relay) {
        this.relay = relay;
    }

    /** Interface up: local endpoints, port mapping, STUN, then log in to control. */
    void start() {
        interfaceUp = true;
        long now = net.now();
        List<Endpoint> local = new ArrayList<>();
        local.add(new Endpoint(spec.lan(), socket.port()));
        if (spec.portMapping() && spec.nat() != null) {
            // NAT-PMP on the home router: a leased external port open to anyone (Tailscale's "portmapped").
            portMapped = sim.outerNetwork().nat(spec.nat()).addPortMapping(dev.wgsim.engine.net.IpPacket.PROTO_UDP,
                    new Endpoint(spec.lan(), socket.port()), socket.port(), 7_200_000_000_000L);
            if (portMapped != null) {
                local.add(portMapped);
            }
        }
        handle(sock.setLocalEndpoints(now, local));
        runStun();
        connectControl();
    }

    /**
     * The host's address changed (a roam to another network): new local endpoints, no path trusted,
     * a re-STUN, then fresh discovery and CallMeMaybe with the new endpoints (magicsock's
     * link-change handling). A port mapping on the old network is not carried over.
     */
    void linkChanged(IpAddress now4) {
        if (!interfaceUp) {
            return;
        }
        long now = net.now();
        handle(sock.setLocalEndpoints(now, List.of(new Endpoint(now4, socket.port()))));
        handle(sock.noteConnectivityChange(now));
    }

    // ---- Bind: below WireGuard ----

    @Override
    public int open(int port, Bind.Receiver r) {
        this.receiver = r;
        socket = host.bind(port, (now, source, destination, payload) -> onUdp(now, source, payload));
        return socket.port();
    }

    @Override
    public void send(long now, InetSocketAddress to, byte[] datagram) {
        dev.wgsim.wg.crypto.PublicKey peer = aliasPeer.get(to);
        if (peer == null) {
            emit(new TailnetTraceEvents.Dropped(now, spec.name(), "", "magicsock-not-an-alias", datagram.length));
            return;
        }
        firstTo.putIfAbsent(peer, now);
        handle(sock.send(now, peer, datagram));
    }

    @Override
    public void setMark(long mark) {
        socket.setMark(mark);
    }

    @Override
    public long mark() {
        return socket.mark();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void onUdp(long now, Endpoint from, byte[] payload) {
        if (Stun.looksLikeStun(payload)) {
            if (stun.onResponse(from, payload) && from.equals(stunServer)) {
                stunPending = false;
                handle(sock.stunResult(now, stun.reflexive(stunServer)));
            }
            return;
        }
        handle(sock.receiveUdp(now, from, payload));
    }

    void onDerp(dev.wgsim.wg.crypto.PublicKey from, byte[] payload) {
        handle(sock.receiveDerp(net.now(), from, payload));
    }

    // ---- magicsock outputs ----

    private void handle(MagicOutput o) {
        long now = net.now();
        // The output is reused by the next call, and delivering to WireGuard can call back in: copy first.
        List<MagicOutput.Udp> udp = o.udp().isEmpty() ? List.of() : List.copyOf(o.udp());
        List<MagicOutput.Derp> derp = o.derp().isEmpty() ? List.of() : List.copyOf(o.derp());
        List<MagicOutput.Delivered> delivered = o.delivered().isEmpty() ? List.of() : List.copyOf(o.delivered());
        List<MagicEvent> events = o.events().isEmpty() ? List.of() : List.copyOf(o.events());
        boolean wantStun = o.wantStun();
        boolean endpointsChanged = o.endpointsChanged();
        for (MagicEvent e : events) {
            event(now, e);
        }
        for (MagicOutput.Udp u : udp) {
            socket.send(u.to(), u.bytes());
        }
        for (MagicOutput.Derp d : derp) {
            if (relay != null) {
                relay.send(d.region(), d.to(), d.bytes());
            }
        }
        if (endpointsChanged) {
            emit(new TailnetTraceEvents.Endpoints(now, spec.name(), sock.endpoints().toString()));
            sendControl(control.setEndpoints(now, sock.endpoints(), spec.home()));
        }
        if (wantStun) {
            runStun();
        }
        for (MagicOutput.Delivered d : delivered) {
            firstFrom.putIfAbsent(d.peer(), now);
            InetSocketAddress alias = peerAlias.get(d.peer());
            if (alias != null && receiver != null) {
                receiver.receive(now, alias, d.bytes());
            }
        }
        rearm();
    }

    private void event(long now, MagicEvent e) {
        if (!net.trace().active()) {
            return;
        }
        if (e instanceof MagicEvent.PathChanged p) {
            emit(new TailnetTraceEvents.Path(now, spec.name(), p.peer(), p.from().label(), p.to().label(),
                    p.endpoint() == null ? "" : p.endpoint().toString(), p.region(), p.latencyNanos() / 1e6));
        } else if (e instanceof MagicEvent.CallMeMaybe c) {
            emit(new TailnetTraceEvents.CallMeMaybe(now, spec.name(), c.peer(), c.sent(), c.endpoints()));
        } else if (e instanceof MagicEvent.Dropped d) {
            emit(new TailnetTraceEvents.Dropped(now, spec.name(), d.peer(), d.reason(), d.length()));
        }
    }

    private void emit(TraceEvent e) {
        if (net.trace().active()) {
            net.trace().emit(e);
        }
    }

    private void rearm() {
        wakeup.at(sock.nextTimeout());
    }

    /** One STUN round against the home region's server; a missing answer after 3 s counts as none. */
    private void runStun() {
        if (stunPending || socket == null) {
            return;
        }
        stunPending = true;
        socket.send(stunServer, stun.request(stunServer));
        net.loop().scheduleAfter(STUN_TIMEOUT, () -> {
            if (stunPending) {
                stunPending = false;
                handle(sock.stunResult(net.now(), null));
            }
        });
    }

    // ---- control ----

    private void connectControl() {
        controlConn = StreamConnection.connect(host, controlEndpoint, StreamConfig.defaults(), new StreamConnection.Handler() {
            @Override
            public void onOpen(StreamConnection c) {
                reconnectDelay = RECONNECT_MIN;
                emit(new TailnetTraceEvents.ControlLink(net.now(), spec.name(), true, ""));
                sendControl(control.connected(net.now()));
            }

            @Override
            public void onMessage(StreamConnection c, byte[] message) {
                ControlMessage m = ControlCodec.decode(message, interner);
                if (m == null) {
                    emit(new TailnetTraceEvents.Dropped(net.now(), spec.name(), "", "control-malformed-message", message.length));
                    return;
                }
                sendControl(control.receive(net.now(), m));
            }

            @Override
            public void onClose(StreamConnection c, String reason) {
                if (controlConn != c) {
                    return;
                }
                controlConn = null;
                control.disconnected(net.now());
                emit(new TailnetTraceEvents.ControlLink(net.now(), spec.name(), false, reason));
                long delay = reconnectDelay;
                reconnectDelay = Math.min(RECONNECT_MAX, reconnectDelay * 2);
                net.loop().scheduleAfter(delay, () -> {
                    if (controlConn == null && interfaceUp) {
                        connectControl();
                    }
                });
            }
        });
    }

    private void sendControl(List<ControlMessage> ms) {
        if (controlConn == null) {
            return;
        }
        for (ControlMessage m : ms) {
            controlConn.send(ControlCodec.encode(m));
        }
    }

    // ---- the netmap into WireGuard and magicsock ----

    @Override
    public void self(long now, Node self) {
    }

    @Override
    public void peer(long now, Node peer, Node previous) {
        if (previous != null && !previous.nodeKey().equals(peer.nodeKey())) {
            dropPeer(now, previous, "rekeyed");
        }
        handle(sock.upsertPeer(now, peer));
        boolean known = peersByKey.containsKey(peer.nodeKey());
        peersByKey.put(peer.nodeKey(), peer);
        if (peer.expired()) {
            // An expired peer stays in the map, flagged, but gets no WireGuard peer (its key is broken).
            if (known && wgHas(peer)) {
                sim.removePeer(spec.name(), peer.nodeKey());
            }
            emit(new TailnetTraceEvents.NetmapPeer(now, spec.name(), peer.name(), "expired"));
            return;
        }
        InetSocketAddress alias = alias(peer);
        PeerSettings ps = PeerSettings.of(peer.name(), peer.nodeKey(), peer.allowedIps())
                .withEndpoint(aliasEndpoint(alias));
        if (wgHas(peer)) {
            sim.updatePeer(spec.name(), ps);
            emit(new TailnetTraceEvents.NetmapPeer(now, spec.name(), peer.name(), "changed"));
        } else {
            sim.addPeer(spec.name(), ps);
            emit(new TailnetTraceEvents.NetmapPeer(now, spec.name(), peer.name(), "added"));
        }
    }

    @Override
    public void peerRemoved(long now, Node previous) {
        dropPeer(now, previous, "removed");
    }

    private void dropPeer(long now, Node previous, String what) {
        handle(sock.removePeer(now, previous.nodeKey()));
        peersByKey.remove(previous.nodeKey());
        if (wgHas(previous)) {
            sim.removePeer(spec.name(), previous.nodeKey());
        }
        InetSocketAddress a = peerAlias.remove(previous.nodeKey());
        if (a != null) {
            aliasPeer.remove(a);
        }
        emit(new TailnetTraceEvents.NetmapPeer(now, spec.name(), previous.name(), what));
    }

    private boolean wgHas(Node peer) {
        return sim.tunnels().get(spec.name()).device().peer(peer.nodeKey()) != null;
    }

    private InetSocketAddress alias(Node peer) {
        InetSocketAddress a = peerAlias.get(peer.nodeKey());
        if (a == null) {
            a = aliases.computeIfAbsent(peer.id(),
                    id -> inet(new Endpoint(IpAddress.v6(0xfd00_0000_0000_0000L, id), ALIAS_PORT)));
            peerAlias.put(peer.nodeKey(), a);
            aliasPeer.put(a, peer.nodeKey());
        }
        return a;
    }

    private static InetSocketAddress inet(Endpoint e) {
        return AddressConversion.toSocketAddress(e);
    }

    private static Endpoint aliasEndpoint(InetSocketAddress a) {
        return AddressConversion.toEndpoint(a);
    }

    boolean controlConnected() {
        return controlConn != null && control.isStreaming();
    }

    /** The netmap's peers with magicsock's path to each (see {@link Tailnet#paths}). */
    List<Tailnet.PeerPath> paths() {
        List<Tailnet.PeerPath> out = new ArrayList<>(peersByKey.size());
        List<Node> nodes = new ArrayList<>(peersByKey.values());
        nodes.sort(java.util.Comparator.comparingLong(Node::id));
        for (Node n : nodes) {
            Endpoint ep = sock.bestEndpoint(n.nodeKey());
            String path = sock.path(n.nodeKey()).label();
            out.add(new Tailnet.PeerPath(n.name(), n.nodeKey(), path,
                    ep == null || path.equals("relayed") || path.equals("none") ? null : ep.toString(), n.homeDerp()));
        }
        return out;
    }

    /**
     * Re-authentication with a new node key, as {@code tailscale up --force-reauth} after a key
     * expiry: tailscale0 takes the new private key at once (WireGuard's own sessions stop sending and
     * the next packet starts a handshake under it), magicsock and DERP speak for the new key, and
     * control is asked to re-register the node with its old key named, so it keeps its addresses and
     * every peer gets the new key in the next netmap batch.
     */
    void reauthenticate(dev.wgsim.wg.crypto.PrivateKey key) {
        long now = net.now();
        sim.changePrivateKey(spec.name(), key);
        sock.setNodeKey(key.publicKey());
        if (relay != null) {
            relay.rekey(key.publicKey());
        }
        sendControl(control.reauthenticate(now, key.publicKey(), authKey));
    }

    /** The peer's name as the netmap gave it, or null. */
    String peerName(dev.wgsim.wg.crypto.PublicKey key) {
        Node n = peersByKey.get(key);
        return n == null ? null : n.name();
    }

    /** The tunnel addresses this device's interface carries. */
    List<IpPrefix> addresses() {
        return List.of(IpPrefix.host(spec.tailnetV4()), IpPrefix.host(spec.tailnetV6()));
    }
}
