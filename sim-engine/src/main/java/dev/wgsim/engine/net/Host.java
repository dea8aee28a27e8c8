package dev.wgsim.engine.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated machine: interfaces, a routing table, UDP sockets, an ICMP echo responder, and
 * optionally IP forwarding (a router) with a {@link Translator} (a NAT box).
 *
 * <p>Follows the weak host model: a packet addressed to any of the host's addresses is local,
 * whichever interface it arrived on. Everything runs at the network's current virtual time.
 *
 * <p>Routing follows Linux: the main table ({@link #routes()}) alone, until policy rules are added
 * ({@link #addRule}); then the rules are tried in priority order, with the main table's own rule at
 * 32766, each looking up its table for the packet's destination and firewall mark. Sockets may mark
 * their datagrams ({@link UdpSocket#setMark}), as WireGuard marks its own with the interface's FwMark
 * so that a default route through the tunnel does not swallow them.
 */
public final class Host {
    private static final int EPHEMERAL_LOW = 49152;
    /** The main routing table's number, as in {@code /etc/iproute2/rt_tables}. */
    public static final int MAIN_TABLE = 254;
    /** The priority of the main table's rule, as Linux sets it up. */
    public static final int MAIN_RULE_PRIORITY = 32766;

    private final Network network;
    private final String name;
    private final Map<String, NetInterface> interfaces = new LinkedHashMap<>();
    private final RoutingTable routes = new RoutingTable();
    private final Map<Integer, RoutingTable> tables = new HashMap<>(Map.of(MAIN_TABLE, routes));
    /** Empty: the main table alone. Otherwise every rule in priority order, the main one included. */
    private RouteRule[] rules = new RouteRule[0];
    /** Each local address and on how many interfaces it is, so {@link #isLocal} is one hash lookup. */
    private final Map<IpAddress, Integer> local = new HashMap<>();
    private final IntMap<UdpSocket> sockets = new IntMap<>();
    private final IntMap<EchoListener> echoListeners = new IntMap<>();
    private final IntMap<TcpReceiver> tcpPorts = new IntMap<>();
    private int nextTcpEphemeral = EPHEMERAL_LOW;
    private PacketObserver[] observers = new PacketObserver[0];
    private boolean forwarding;
    private Translator translator;
    private int nextEphemeral = EPHEMERAL_LOW;
    private int nextEchoId = 1;

    Host(Network network, String name) {
        this.network = network;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Network network() {
        return network;
    }

    // ---- interfaces and routes ----

    /** Adds a physical interface; its subnet becomes a connected route. {@code address} may be null. */
    public PhysicalInterface addInterface(String ifName, InterfaceAddress address) {
        return addIface(new PhysicalInterface(this, checkNewName(ifName), address));
    }

    /** Adds a tunnel interface (e.g. {@code wg0}); its subnet becomes a connected route. */
    public TunnelInterface addTunnel(String ifName, InterfaceAddress address) {
        return addIface(new TunnelInterface(this, checkNewName(ifName), address));
    }

    private String checkNewName(String ifName) {
        if (interfaces.containsKey(ifName)) {
            throw new IllegalArgumentException(name + " already has an interface named " + ifName);
        }
        return ifName;
    }

    private <T extends NetInterface> T addIface(T iface) {
        interfaces.put(iface.name(), iface);
        for (InterfaceAddress a : iface.addresses()) {
            routes.add(a.subnet(), iface);
            addLocal(a.address());
        }
        return iface;
    }

    private void addLocal(IpAddress a) {
        local.merge(a, 1, Integer::sum);
    }

    private void removeLocal(IpAddress a) {
        local.computeIfPresent(a, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Removes an interface now, as {@code ip link del} does: its addresses stop being local, and every
     * route through it leaves every table. A link it was attached to keeps its other end; take the
     * link down first so packets in flight are dropped rather than delivered here.
     */
    public void removeInterface(String ifName) {
        NetInterface iface = iface(ifName);
        interfaces.remove(ifName);
        for (InterfaceAddress a : iface.addresses()) {
            removeLocal(a.address());
        }
        for (RoutingTable t : tables.values()) {
            for (RoutingTable.Route r : t.routes()) {
                if (r.iface() == iface) {
                    t.remove(r.prefix());
                }
            }
        }
    }

    /** The interface named {@code ifName}. */
    public NetInterface iface(String ifName) {
        NetInterface i = interfaces.get(ifName);
        if (i == null) {
            throw new IllegalArgumentException(name + " has no interface named " + ifName);
        }
        return i;
    }

    public List<NetInterface> interfaces() {
        return List.copyOf(interfaces.values());
    }

    /** The main routing table. */
    public RoutingTable routes() {
        return routes;
    }

    /** Routing table {@code id} ({@link #MAIN_TABLE} is {@link #routes()}), created empty when new. */
    public RoutingTable table(int id) {
        if (id <= 0 || id > 0x7fffffff) {
            throw new IllegalArgumentException("routing table " + id + " outside 1.." + 0x7fffffff);
        }
        return tables.computeIfAbsent(id, k -> new RoutingTable());
    }

    /** Adds a policy rule; the main table's rule (priority 32766) is implied. Equal priorities keep insertion order. */
    public void addRule(RouteRule rule) {
        table(rule.table());
        List<RouteRule> all = new ArrayList<>(List.of(rules));
        if (all.isEmpty()) {
            all.add(new RouteRule(MAIN_RULE_PRIORITY, 0, -1, false, MAIN_TABLE, -1));
        }
        int i = 0;
        while (i < all.size() && all.get(i).priority() <= rule.priority()) {
            i++;
        }
        all.add(i, rule);
        rules = all.toArray(new RouteRule[0]);
    }

    /** The policy rules in the order they are tried (empty: the main table alone). */
    public List<RouteRule> rules() {
        return List.of(rules);
    }

    /**
     * The interface a packet to {@code destination} carrying firewall mark {@code mark} leaves by,
     * after the policy rules; null without a route.
     */
    public NetInterface route(IpAddress destination, long mark) {
        RouteRule[] rs = rules;
        if (rs.length == 0) {
            return routes.lookup(destination);
        }
        boolean v6 = destination.isV6();
        for (RouteRule r : rs) {
            if (!r.matches(v6, mark)) {
                continue;
            }
            RoutingTable.Route hit = tables.get(r.table()).lookupRoute(destination);
            if (hit != null && hit.prefix().length() > r.suppressPrefixLength()) {
                return hit.iface();
            }
        }
        return null;
    }

    /** Adds (or replaces) a route. */
    public void addRoute(IpPrefix prefix, NetInterface iface) {
        requireOwn(iface);
        routes.add(prefix, iface);
    }

    /**
     * Routes everything without a more specific route through {@code iface}, for each address family
     * the interface has (IPv4 when it has none yet).
     */
    public void setDefaultRoute(NetInterface iface) {
        requireOwn(iface);
        if (iface.address(false) != null || iface.address(true) == null) {
            routes.add(IpPrefix.parse("0.0.0.0/0"), iface);
        }
        if (iface.address(true) != null) {
            routes.add(IpPrefix.parse("::/0"), iface);
        }
    }

    private void requireOwn(NetInterface iface) {
        if (iface == null || iface.host() != this) {
            throw new IllegalArgumentException(iface + " is not an interface of " + name);
        }
    }

    /** Lets this host route packets that are not addressed to it (a router, a NAT box). */
    public void setForwarding(boolean forwarding) {
        this.forwarding = forwarding;
    }

    public boolean isForwarding() {
        return forwarding;
    }

    /** Installs a NAT on this host; implies forwarding. */
    public void setTranslator(Translator translator) {
        if (this.translator != null) {
            throw new IllegalStateException(name + " already has a NAT");
        }
        requireOwn(translator.outside());
        this.translator = translator;
        this.forwarding = true;
    }

    /**
     * Sets an interface's address of {@code address}'s family now, replacing the previous one of that
     * family (roaming: Wi-Fi to LTE, a new DHCP lease; or adding IPv6 to make it dual-stack). The
     * connected route follows; sockets stay bound, and new packets carry the new source address.
     */
    public void setAddress(NetInterface iface, InterfaceAddress address) {
        requireOwn(iface);
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        InterfaceAddress old = iface.setAddressInternal(address);
        if (old != null) {
            removeLocal(old.address());
            routes.remove(old.subnet());
        }
        addLocal(address.address());
        routes.add(address.subnet(), iface);
        if (network.trace().active()) {
            network.trace().emit(new HostAddressChanged(network.now(), name, iface.name(),
                    old == null ? "" : old.toString(), address == null ? "" : address.toString()));
        }
    }

    /**
     * Adds a further address to an interface (a second IPv6 address, a dual-stack tunnel), with its
     * connected route, as {@code ip addr add} does; an address the interface already has is ignored.
     */
    public void addAddress(NetInterface iface, InterfaceAddress address) {
        requireOwn(iface);
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        if (iface.addAddressInternal(address)) {
            addLocal(address.address());
            if (routes.get(address.subnet()) == null) {
                routes.add(address.subnet(), iface);
            }
        }
    }

    /** Schedules {@link #setAddress} at virtual time {@code atNanos}. */
    public void scheduleAddressChange(long atNanos, NetInterface iface, InterfaceAddress address) {
        requireOwn(iface);
        network.at(atNanos, () -> setAddress(iface, address));
    }

    /**
     * Moves this host to another interface now, as a phone leaving Wi-Fi for LTE: {@code from} goes
     * down and the default route moves to {@code to}. Sockets stay bound; new packets leave through
     * {@code to} with its address.
     */
    public void roam(NetInterface from, NetInterface to) {
        requireOwn(from);
        requireOwn(to);
        from.setUp(false);
        to.setUp(true);
        setDefaultRoute(to);
        if (network.trace().active()) {
            network.trace().emit(new HostAddressChanged(network.now(), name, to.name(),
                    from.interfaceAddress() == null ? "" : from.interfaceAddress().toString(),
                    to.interfaceAddress() == null ? "" : to.interfaceAddress().toString()));
        }
    }

    /** Schedules {@link #roam} at virtual time {@code atNanos}. */
    public void scheduleRoam(long atNanos, NetInterface from, NetInterface to) {
        requireOwn(from);
        requireOwn(to);
        network.at(atNanos, () -> roam(from, to));
    }

    /** True when {@code a} is the address of one of this host's interfaces. */
    public boolean isLocal(IpAddress a) {
        return local.containsKey(a);
    }

    // ---- capture ----

    /** Shows every packet crossing this host's physical interfaces (both ways) to {@code observer}. */
    public void addObserver(PacketObserver observer) {
        PacketObserver[] next = java.util.Arrays.copyOf(observers, observers.length + 1);
        next[observers.length] = observer;
        observers = next;
    }

    void observeOut(PhysicalInterface iface, IpPacket packet) {
        long now = network.now();
        for (PacketObserver o : observers) {
            o.onPacket(now, packet);
        }
        if (network.trace().packetsActive()) {
            network.trace().emit(new PacketSent(now, name, iface.name(), packet));
        }
    }

    void observeIn(IpPacket packet) {
        if (observers.length != 0) {
            long now = network.now();
            for (PacketObserver o : observers) {
                o.onPacket(now, packet);
            }
        }
    }

    // ---- sockets ----

    /** Binds UDP {@code port} (0 picks a free ephemeral port from 49152 up). */
    public UdpSocket bind(int port, UdpReceiver receiver) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver is null");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
        if (port == 0) {
            port = freeEphemeralPort();
        } else if (sockets.get(port) != null) {
            throw new IllegalStateException("port " + port + " of " + name + " is already bound");
        }
        UdpSocket socket = new UdpSocket(this, port, receiver);
        sockets.put(port, socket);
        return socket;
    }

    private int freeEphemeralPort() {
        for (int tries = 0; tries <= 65535 - EPHEMERAL_LOW; tries++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65535 ? EPHEMERAL_LOW : p + 1;
            if (sockets.get(p) == null) {
                return p;
            }
        }
        throw new IllegalStateException(name + " has no free ephemeral UDP port");
    }

    /** True when UDP {@code port} is bound on this host. */
    public boolean isBound(int port) {
        return port >= 0 && port <= 65535 && sockets.get(port) != null;
    }

    void unbind(int port) {
        sockets.remove(port);
    }

    /**
     * Sends a UDP datagram from local {@code sourcePort}. The route to the destination picks the
     * interface and so the source address. Without a route the packet is dropped as {@code no_route}.
     */
    public void sendUdp(int sourcePort, Endpoint destination, byte[] payload) {
        sendUdp(sourcePort, destination, payload, 0);
    }

    /** {@link #sendUdp(int, Endpoint, byte[])} for a datagram carrying firewall mark {@code mark}. */
    void sendUdp(int sourcePort, Endpoint destination, byte[] payload, long mark) {
        IpAddress dst = destination.address();
        NetInterface out = route(dst, mark);
        IpAddress src = out == null ? null : out.sourceFor(dst);
        if (src == null) {
            if (isLocal(dst)) {
                src = dst;
            } else {
                dropUnrouted(destination, sourcePort, payload);
                return;
            }
        }
        send(IpPacket.udp(src, sourcePort, dst, destination.port(), IpPacket.DEFAULT_TTL, payload), mark);
    }

    private void dropUnrouted(Endpoint destination, int sourcePort, byte[] payload) {
        IpAddress placeholder = destination.address().isV6() ? IpAddress.v6(0, 0) : IpAddress.v4(0);
        drop(DropReason.NO_ROUTE, IpPacket.udp(placeholder, sourcePort, destination.address(), destination.port(),
                IpPacket.DEFAULT_TTL, payload));
    }

    /** Sends a locally generated IP packet (its source is used as is): local, or routed out. */
    public void send(IpPacket packet) {
        send(packet, 0);
    }

    private void send(IpPacket packet, long mark) {
        IpAddress dst = packet.destination();
        if (isLocal(dst)) {
            network.loop().scheduleAfter(0, () -> deliverLocal(packet));
            return;
        }
        NetInterface out = route(dst, mark);
        if (out == null) {
            drop(DropReason.NO_ROUTE, packet);
            return;
        }
        out.transmit(packet);
    }

    // ---- TCP ports (the engine's stream package runs the protocol) ----

    /**
     * Hands every TCP segment to local {@code port} to {@code receiver} (0 picks a free ephemeral port
     * from 49152 up); returns the port.
     */
    public int bindTcp(int port, TcpReceiver receiver) {
        if (receiver == null) {
            throw new IllegalArgumentException("receiver is null");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
        if (port == 0) {
            for (int tries = 0; tries <= 65535 - EPHEMERAL_LOW && port == 0; tries++) {
                int p = nextTcpEphemeral;
                nextTcpEphemeral = p == 65535 ? EPHEMERAL_LOW : p + 1;
                if (tcpPorts.get(p) == null) {
                    port = p;
                }
            }
            if (port == 0) {
                throw new IllegalStateException(name + " has no free ephemeral TCP port");
            }
        } else if (tcpPorts.get(port) != null) {
            throw new IllegalStateException("TCP port " + port + " of " + name + " is already bound");
        }
        tcpPorts.put(port, receiver);
        return port;
    }

    /** Releases a TCP port; later segments to it are answered with a reset. */
    public void unbindTcp(int port) {
        tcpPorts.remove(port);
    }

    public boolean isTcpBound(int port) {
        return port >= 0 && port <= 65535 && tcpPorts.get(port) != null;
    }

    /**
     * RFC 793's reply to a segment for no connection: a reset, with the sequence number the segment
     * acknowledged, or acknowledging everything it carried. Never answers a reset.
     */
    public void refuseTcp(IpPacket p) {
        byte[] in = p.payload();
        int flags = in[9] & 0x3F;
        if ((flags & 0x04) != 0) {
            return;
        }
        int dataOffset = ((in[8] & 0xFF) >>> 4) * 4;
        long seq = IpAddress.readInt(in, 0) & 0xFFFFFFFFL;
        long len = Math.max(0, in.length + IpPacket.TCP_PORTS - dataOffset) + ((flags & 0x02) != 0 ? 1 : 0) + ((flags & 0x01) != 0 ? 1 : 0);
        byte[] out = new byte[IpPacket.TCP_HEADER - IpPacket.TCP_PORTS];
        int outFlags;
        if ((flags & 0x10) != 0) {
            IpAddress.writeInt(out, 0, IpAddress.readInt(in, 4));
            outFlags = 0x04;
        } else {
            IpAddress.writeInt(out, 4, (int) (seq + len));
            outFlags = 0x14;
        }
        out[8] = (byte) (5 << 4);
        out[9] = (byte) outFlags;
        send(IpPacket.tcp(p.destination(), p.destinationPort(), p.source(), p.sourcePort(), IpPacket.DEFAULT_TTL, out));
    }

    // ---- ICMP echo ----

    /** A fresh echo identifier for a ping process on this host. */
    public int allocateEchoIdentifier() {
        for (int tries = 0; tries < 65535; tries++) {
            int id = nextEchoId;
            nextEchoId = id == 65535 ? 1 : id + 1;
            if (echoListeners.get(id) == null) {
                return id;
            }
        }
        throw new IllegalStateException(name + " has no free echo identifier");
    }

    /** Routes echo replies carrying {@code identifier} to {@code listener}. */
    public void registerEcho(int identifier, EchoListener listener) {
        if (echoListeners.get(identifier) != null) {
            throw new IllegalStateException("echo identifier " + identifier + " of " + name + " is in use");
        }
        echoListeners.put(identifier, listener);
    }

    public void unregisterEcho(int identifier) {
        echoListeners.remove(identifier);
    }

    /** The source address the host would use towards {@code destination}, or null without a route. */
    public IpAddress sourceAddressFor(IpAddress destination) {
        if (isLocal(destination)) {
            return destination;
        }
        NetInterface out = route(destination, 0);
        return out == null ? null : out.sourceFor(destination);
    }

    // ---- the receive path ----

    /** A packet arrived on {@code in} (from a link or out of a tunnel). */
    public void receive(NetInterface in, IpPacket packet) {
        IpPacket p = packet;
        if (translator != null) {
            NetInterface outside = translator.outside();
            IpAddress outsideAddress = outside.address(p.isV6());
            if (outsideAddress != null && p.destination().equals(outsideAddress)) {
                long now = network.now();
                p = in == outside ? translator.inbound(now, p) : translator.hairpin(now, p);
                if (p == null) {
                    return;
                }
            }
        }
        if (isLocal(p.destination())) {
            deliverLocal(p);
        } else if (forwarding) {
            forward(in, p);
        } else {
            drop(DropReason.NOT_FOR_HOST, p);
        }
    }

    private void forward(NetInterface in, IpPacket packet) {
        if (packet.ttl() <= 1) {
            drop(DropReason.TTL_EXPIRED, packet);
            return;
        }
        NetInterface out = route(packet.destination(), 0);
        if (out == null) {
            drop(DropReason.NO_ROUTE, packet);
            return;
        }
        IpPacket p = packet.withTtl(packet.ttl() - 1);
        if (translator != null && out == translator.outside() && in != out) {
            p = translator.outbound(network.now(), p);
            if (p == null) {
                return;
            }
        }
        out.transmit(p);
    }

    private void deliverLocal(IpPacket p) {
        switch (p.kind()) {
            case UDP -> {
                UdpSocket socket = sockets.get(p.destinationPort());
                if (socket == null) {
                    drop(DropReason.PORT_UNREACHABLE, p);
                    return;
                }
                delivered(p);
                socket.receiver().receive(network.now(), p.sourceEndpoint(), p.destinationEndpoint(), p.payload());
            }
            case TCP -> {
                TcpReceiver r = tcpPorts.get(p.destinationPort());
                if (r == null) {
                    drop(DropReason.TCP_NO_CONNECTION, p);
                    refuseTcp(p);
                    return;
                }
                delivered(p);
                r.receive(network.now(), p);
            }
            case ECHO_REQUEST -> {
                delivered(p);
                send(IpPacket.echoReply(p.destination(), p.source(), p.echoIdentifier(), p.echoSequence(), p.payload()));
            }
            case ECHO_REPLY -> {
                EchoListener listener = echoListeners.get(p.echoIdentifier());
                if (listener == null) {
                    drop(DropReason.PORT_UNREACHABLE, p);
                    return;
                }
                delivered(p);
                listener.onEchoReply(network.now(), p);
            }
            case OTHER -> drop(DropReason.UNSUPPORTED, p);
        }
    }

    private void delivered(IpPacket p) {
        if (network.trace().packetsActive()) {
            network.trace().emit(new PacketDelivered(network.now(), name, p));
        }
    }

    /** Counts and traces a drop attributed to this host. */
    public void drop(DropReason reason, IpPacket packet) {
        network.drop(name, false, reason, packet);
    }

    @Override
    public String toString() {
        return name;
    }
}
