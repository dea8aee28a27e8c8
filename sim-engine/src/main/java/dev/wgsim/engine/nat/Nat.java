package dev.wgsim.engine.nat;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.NetInterface;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.Translator;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.engine.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 4787 NAT on a forwarding host: UDP, TCP (RFC 5382: the same mapping and filtering
 * behaviours, its own longer timeout) and ICMP echo (the identifier acts as the port, as in
 * RFC 5508) from inside interfaces leaving through the outside interface get the outside address and
 * a mapped port; inbound packets to that address are filtered and translated back. Stack NATs by
 * putting one box's outside link on another box's inside (home NAT behind a CGNAT).
 *
 * <p>NAT metrics (nat.csv) are derived from the trace events by {@code metrics.TraceMetricsListener}.
 *
 * <p>Timers are one event per mapping: refreshing only moves the deadline, and the expiry event
 * re-arms itself if the deadline moved, so a busy mapping costs no events per packet.
 */
public final class Nat implements Translator {
    private final Network network;
    private final String name;
    private final Host box;
    private final NetInterface outside;
    private final NatConfig config;
    private final EventLoop loop;
    private final Trace trace;
    private final RandomStream portRng;
    private final Map<Object, Mapping> byKey = new HashMap<>();
    private final Map<Long, Mapping> byExternal = new HashMap<>();
    private int nextSequential;
    /** Live leased port mappings; while 0 the outbound path skips the lease lookup. */
    private int leases;
    private IpAddress oneToOneInside;

    /** Installs a NAT on {@code box} (which becomes a router) translating to {@code outside}'s address. */
    public Nat(Network network, String name, Host box, NetInterface outside, NatConfig config) {
        if (network == null || name == null || name.isEmpty() || box == null || outside == null || config == null) {
            throw new IllegalArgumentException("a NAT needs a network, a name, a host, its outside interface and a config");
        }
        this.network = network;
        this.name = name;
        this.box = box;
        this.outside = outside;
        this.config = config;
        this.loop = network.loop();
        this.trace = network.trace();
        this.portRng = network.random().stream("nat/" + name + "/ports");
        this.nextSequential = config.portLow();
        box.setTranslator(this);
    }

    public String name() {
        return name;
    }

    public Host box() {
        return box;
    }

    public NatConfig config() {
        return config;
    }

    @Override
    public NetInterface outside() {
        return outside;
    }

    /** Live mappings (for one-to-one: 1 once the inside host is known). */
    public int activeMappings() {
        return config.oneToOne() ? (oneToOneInside == null ? 0 : 1) : byKey.size();
    }

    /** The external endpoint currently mapped for a UDP flow from {@code internal} to {@code remote}, or null. */
    public Endpoint externalEndpointFor(Endpoint internal, Endpoint remote) {
        Mapping m = byKey.get(keyOf(IpPacket.PROTO_UDP, internal.address(), internal.port(), remote.address(), remote.port()));
        return m == null || m.removed || loop.now() >= m.expiresAt ? null : external(m);
    }

    /** Loses every mapping now, as a power cycle does. */
    public void reboot() {
        long now = loop.now();
        int lost = activeMappings();
        for (Mapping m : byKey.values()) {
            m.removed = true;
            loop.cancel(m.expiryHandle);
        }
        byKey.clear();
        byExternal.clear();
        leases = 0;
        oneToOneInside = null;
        nextSequential = config.portLow();
        if (trace.active()) {
            trace.emit(new NatRebooted(now, name, lost));
        }
    }

    /** Schedules {@link #reboot()} at {@code atNanos}. */
    public void scheduleReboot(long atNanos) {
        network.at(atNanos, this::reboot);
    }

    // ---- port mapping (UPnP IGD / NAT-PMP / PCP) ----

    private record LeaseKey(int protocol, IpAddress internal, int port) {
    }

    private Mapping liveLease(int proto, IpAddress internal, int port, long now) {
        Mapping m = byKey.get(new LeaseKey(proto, internal, port));
        if (m != null && now >= m.expiresAt) {
            expire(m, now);
            return null;
        }
        return m;
    }

    /**
     * Leases an external port to {@code internal} for {@code leaseNanos} (or {@link NatConfig#NO_EXPIRY}),
     * as a NAT-PMP or UPnP IGD request does: the port is open to any remote (it acts as
     * endpoint-independent mapping and filtering whatever this NAT's behaviours are) and the
     * internal endpoint's own outbound packets leave from it. The lease ends at its deadline,
     * however busy the port is; a reboot loses it. Gets {@code wantedPort} when free, else a port as
     * the NAT's allocator picks one (NAT-PMP may answer with another port).
     *
     * @param protocol {@link IpPacket#PROTO_UDP} (or 6 for TCP)
     * @return the external endpoint, or null when no port is free
     */
    public Endpoint addPortMapping(int protocol, Endpoint internal, int wantedPort, long leaseNanos) {
        if (internal == null || leaseNanos <= 0 || wantedPort < 1 || wantedPort > 65535) {
            throw new IllegalArgumentException("a port mapping needs an internal endpoint, a port 1..65535 and a lease > 0");
        }
        if (config.oneToOne()) {
            throw new IllegalStateException(name + " is one-to-one: every port is already open");
        }
        IpAddress external = outside.address(internal.address().isV6());
        if (external == null) {
            throw new IllegalStateException(name + " has no outside address of " + internal.address() + "'s family");
        }
        long now = loop.now();
        LeaseKey key = new LeaseKey(protocol, internal.address(), internal.port());
        Mapping old = byKey.get(key);
        if (old != null) {
            expire(old, now); // a renewal replaces the lease
        }
        int port = portFree(protocol, wantedPort) ? wantedPort : allocatePort(protocol, wantedPort);
        if (port < 0) {
            return null;
        }
        Endpoint anyone = new Endpoint(external.isV6() ? IpAddress.v6(0, 0) : IpAddress.v4(0), 0);
        Mapping m = new Mapping(protocol, internal.address(), internal.port(), port, key, anyone);
        m.leased = true;
        m.expiresAt = deadline(now, leaseNanos);
        m.lastRefreshTraced = now;
        armExpiry(m);
        byKey.put(key, m);
        byExternal.put(externalKey(protocol, port), m);
        leases++;
        Endpoint ext = new Endpoint(external, port);
        if (trace.active()) {
            trace.emit(new NatMappingEvent(now, NatMappingEvent.CREATED, name, internal, ext, anyone));
        }
        return ext;
    }

    // ---- translation ----

    @Override
    public IpPacket outbound(long now, IpPacket p) {
        IpAddress external = outside.address(p.isV6());
        if (external == null) {
            box.drop(DropReason.NO_ROUTE, p);
            return null;
        }
        if (config.oneToOne()) {
            if (!p.source().equals(oneToOneInside)) {
                oneToOneInside = p.source();
                traceMapping(NatMappingEvent.CREATED, now, p.source(), localPort(p), remoteOf(p));
            }
            return p.withSource(external, localPort(p));
        }
        if (!p.hasPorts() && p.kind() != IpPacket.Kind.ECHO_REQUEST) {
            box.drop(DropReason.UNSUPPORTED, p);
            return null;
        }
        int proto = p.protocol();
        int localPort = localPort(p);
        Endpoint remote = remoteOf(p);
        Object key = switch (config.mapping()) {
            case ENDPOINT_INDEPENDENT -> keyOf(proto, p.source(), localPort, null, -1);
            case ADDRESS_DEPENDENT -> keyOf(proto, p.source(), localPort, remote.address(), -1);
            case ADDRESS_AND_PORT_DEPENDENT -> keyOf(proto, p.source(), localPort, remote.address(), remote.port());
        };
        Mapping m = leases == 0 ? null : liveLease(proto, p.source(), localPort, now);
        if (m != null) {
            m.contactedAddresses.add(remote.address());
            m.contactedEndpoints.add(remote);
            return p.withSource(external, m.externalPort);
        }
        m = byKey.get(key);
        if (m != null && now >= m.expiresAt) {
            expire(m, now);
            m = null;
        }
        if (m == null) {
            int port = allocatePort(proto, localPort);
            if (port < 0) {
                box.drop(DropReason.NAT_PORTS_EXHAUSTED, p);
                return null;
            }
            m = new Mapping(proto, p.source(), localPort, port, key, remote);
            m.expiresAt = deadline(now, timeoutOf(proto));
            m.lastRefreshTraced = now;
            armExpiry(m);
            byKey.put(key, m);
            byExternal.put(externalKey(proto, port), m);
            if (trace.active()) {
                trace.emit(new NatMappingEvent(now, NatMappingEvent.CREATED, name, m.internal(), new Endpoint(external, port), remote));
            }
        } else {
            refresh(m, now, remote);
        }
        m.contactedAddresses.add(remote.address());
        m.contactedEndpoints.add(remote);
        return p.withSource(external, m.externalPort);
    }

    @Override
    public IpPacket inbound(long now, IpPacket p) {
        if (config.oneToOne()) {
            if (oneToOneInside == null) {
                return unmapped(p);
            }
            return p.withDestination(oneToOneInside, p.hasPorts() ? p.destinationPort() : p.echoIdentifier());
        }
        if (!p.hasPorts() && p.kind() != IpPacket.Kind.ECHO_REPLY) {
            return unmapped(p);
        }
        int extPort = p.hasPorts() ? p.destinationPort() : p.echoIdentifier();
        Mapping m = byExternal.get(externalKey(p.protocol(), extPort));
        if (m != null && now >= m.expiresAt) {
            expire(m, now);
            m = null;
        }
        if (m == null) {
            return unmapped(p);
        }
        Endpoint remote = new Endpoint(p.source(), p.hasPorts() ? p.sourcePort() : 0);
        boolean allowed = m.leased || switch (config.filtering()) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> m.contactedAddresses.contains(remote.address());
            case ADDRESS_AND_PORT_DEPENDENT -> m.contactedEndpoints.contains(remote);
        };
        if (!allowed) {
            box.drop(DropReason.NAT_FILTERED, p);
            return null;
        }
        if (config.inboundRefreshes() && !m.leased) {
            refresh(m, now, remote);
        }
        return p.withDestination(m.internalAddress, m.internalPort);
    }

    /** No mapping: the box itself answers pings and its own bound ports; anything else is dropped. */
    private IpPacket unmapped(IpPacket p) {
        if (p.kind() == IpPacket.Kind.ECHO_REQUEST || (p.isUdp() && box.isBound(p.destinationPort())) || (p.isTcp() && box.isTcpBound(p.destinationPort()))) {
            return p;
        }
        box.drop(DropReason.NAT_NO_MAPPING, p);
        return null;
    }

    @Override
    public IpPacket hairpin(long now, IpPacket p) {
        if (!config.hairpinning()) {
            // Without a hairpin translation the box is just the destination, as Linux delivers a
            // packet to its own address that no conntrack entry redirects: it answers pings and its
            // own bound ports (a VPN server's clients reaching it by its public address).
            if (p.kind() == IpPacket.Kind.ECHO_REQUEST || (p.isUdp() && box.isBound(p.destinationPort())) || (p.isTcp() && box.isTcpBound(p.destinationPort()))) {
                return p;
            }
            box.drop(DropReason.NAT_NO_HAIRPIN, p);
            return null;
        }
        // RFC 4787 REQ-9: the receiver sees the sender's external endpoint, so translate the source first.
        IpPacket translated = outbound(now, p);
        return translated == null ? null : inbound(now, translated);
    }

    // ---- helpers ----

    private static int localPort(IpPacket p) {
        return p.hasPorts() ? p.sourcePort() : p.echoIdentifier();
    }

    private static Endpoint remoteOf(IpPacket p) {
        return new Endpoint(p.destination(), p.hasPorts() ? p.destinationPort() : 0);
    }

    private record Key(int protocol, IpAddress internal, int port, IpAddress remote, int remotePort) {
    }

    private static Object keyOf(int proto, IpAddress internal, int port, IpAddress remote, int remotePort) {
        return new Key(proto, internal, port, remote, remotePort);
    }

    private static Long externalKey(int proto, int port) {
        return ((long) proto << 16) | port;
    }

    private boolean portFree(int proto, int port) {
        return !byExternal.containsKey(externalKey(proto, port));
    }

    private int allocatePort(int proto, int wanted) {
        int low = config.portLow();
        int high = config.portHigh();
        int span = high - low + 1;
        switch (config.ports()) {
            case PRESERVE -> {
                int start = wanted >= low && wanted <= high ? wanted : low;
                return scan(proto, start, span);
            }
            case SEQUENTIAL -> {
                int port = scan(proto, nextSequential, span);
                if (port >= 0) {
                    nextSequential = port == high ? low : port + 1;
                }
                return port;
            }
            case RANDOM -> {
                for (int tries = 0; tries < 64; tries++) {
                    int port = low + portRng.nextInt(span);
                    if (portFree(proto, port)) {
                        return port;
                    }
                }
                return scan(proto, low + portRng.nextInt(span), span);
            }
            default -> throw new IllegalStateException();
        }
    }

    private int scan(int proto, int start, int span) {
        int port = start;
        for (int i = 0; i < span; i++) {
            if (portFree(proto, port)) {
                return port;
            }
            port = port == config.portHigh() ? config.portLow() : port + 1;
        }
        return -1;
    }

    /** {@code now + timeout}, saturating: {@link NatConfig#NO_EXPIRY} never comes. */
    private static long deadline(long now, long timeout) {
        return timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
    }

    private void armExpiry(Mapping m) {
        if (m.expiresAt != Long.MAX_VALUE) {
            m.expiryHandle = loop.schedule(m.expiresAt, () -> onExpiryTimer(m));
        }
    }

    private long timeoutOf(int proto) {
        return proto == IpPacket.PROTO_TCP ? config.tcpTimeoutNanos() : config.mappingTimeoutNanos();
    }

    private void refresh(Mapping m, long now, Endpoint remote) {
        long timeout = timeoutOf(m.protocol);
        if (NatConfig.never(timeout)) {
            return;
        }
        m.expiresAt = deadline(now, timeout);
        if (trace.active() && now - m.lastRefreshTraced >= config.refreshTraceIntervalNanos()) {
            m.lastRefreshTraced = now;
            trace.emit(new NatMappingEvent(now, NatMappingEvent.REFRESHED, name, m.internal(),
                    external(m), remote));
        }
    }

    private void onExpiryTimer(Mapping m) {
        if (m.removed) {
            return;
        }
        long now = loop.now();
        if (now < m.expiresAt) {
            m.expiryHandle = loop.schedule(m.expiresAt, () -> onExpiryTimer(m));
            return;
        }
        expire(m, now);
    }

    private void expire(Mapping m, long now) {
        if (m.removed) {
            return;
        }
        m.removed = true;
        loop.cancel(m.expiryHandle);
        byKey.remove(m.key);
        if (m.leased) {
            leases--;
        }
        byExternal.remove(externalKey(m.protocol, m.externalPort));
        if (trace.active()) {
            trace.emit(new NatMappingEvent(now, NatMappingEvent.EXPIRED, name, m.internal(), external(m), m.firstRemote));
        }
    }

    private void traceMapping(String kind, long now, IpAddress inside, int port, Endpoint remote) {
        if (trace.active()) {
            trace.emit(new NatMappingEvent(now, kind, name, new Endpoint(inside, port), new Endpoint(outsideOrInside(inside), port), remote));
        }
    }

    /** The outside address of the mapping's family (the internal one if the outside lost it, for traces). */
    private IpAddress outsideOrInside(IpAddress internal) {
        IpAddress a = outside.address(internal.isV6());
        return a == null ? internal : a;
    }

    private Endpoint external(Mapping m) {
        return new Endpoint(outsideOrInside(m.internalAddress), m.externalPort);
    }

    /** One live mapping as shown to users: internal endpoint, external endpoint, expiry deadline. */
    public record Binding(Endpoint internal, Endpoint external, long expiresAtNanos) {
    }

    /** The live mappings, ordered by external port (stable for reports and tests). */
    public List<Binding> mappings() {
        List<Binding> out = new ArrayList<>();
        for (Mapping m : byKey.values()) {
            if (!m.removed && loop.now() < m.expiresAt) {
                out.add(new Binding(m.internal(), external(m), m.expiresAt));
            }
        }
        out.sort(java.util.Comparator.comparingInt((Binding b) -> b.external().port()));
        return List.copyOf(out);
    }
}
