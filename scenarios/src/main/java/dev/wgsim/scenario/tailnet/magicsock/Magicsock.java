package dev.wgsim.scenario.tailnet.magicsock;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.tailnet.control.Node;
import dev.wgsim.scenario.tailnet.disco.DiscoFrame;
import dev.wgsim.scenario.tailnet.disco.DiscoMessage;
import dev.wgsim.scenario.tailnet.disco.TxId;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One node's magicsock, sans-I/O. The WireGuard device hands it datagrams for a peer (identified by
 * node key, never by address: path choice is magicsock's, not WireGuard roaming's); it sends them
 * over the best trusted UDP path, or through the peer's home DERP region while there is none,
 * discovering paths with disco pings meanwhile. Datagrams from the shared UDP port and from DERP
 * come back in; WireGuard ones are handed up tagged with their peer.
 *
 * <p>The logic follows wgengine/magicsock/endpoint.go: {@code addrForSendLocked} (trusted best
 * address alone, else best address and DERP both), {@code sendDiscoPingsLocked} (at most one ping
 * per endpoint per 5 s, then CallMeMaybe through DERP), {@code handlePongConnLocked} and
 * {@code betterAddr} (latency points, private and IPv6 bonuses, 1% stickiness), {@code heartbeat}
 * (every 3 s until 45 s idle) and {@code handleCallMeMaybe} (reset ping limits, ping everything).
 */
public final class Magicsock {
    private static final long NEVER = Long.MIN_VALUE;
    /** Tailscale's DerpMagicIPAddr: the "source" a pong reports for a ping that came through DERP. */
    private static final IpAddress DERP_MAGIC_IP = IpAddress.parse("127.3.3.40");
    private static final List<IpPrefix> PRIVATE = List.of(IpPrefix.parse("10.0.0.0/8"), IpPrefix.parse("172.16.0.0/12"),
            IpPrefix.parse("192.168.0.0/16"), IpPrefix.parse("fc00::/7"));

    private final String node;
    private PublicKey nodeKey;
    private final DiscoFrame disco;
    private final MagicsockTimings t;
    private final Entropy entropy;
    private final Map<PublicKey, Peer> peers = new LinkedHashMap<>();
    private final Map<PublicKey, Peer> byDisco = new HashMap<>();
    private final Map<Endpoint, Peer> byAddr = new HashMap<>();
    private final Set<Peer> timed = new LinkedHashSet<>();
    private final Set<Peer> pendingCallMeMaybe = new LinkedHashSet<>();
    private final Map<String, Long> drops = new TreeMap<>();
    private final MagicOutput out = new MagicOutput();
    private List<Endpoint> localEndpoints = List.of();
    private Endpoint reflexive;
    private List<Endpoint> endpoints = List.of();
    private long endpointsAt = NEVER;
    private long reStunAt = Long.MAX_VALUE;

    private static final class EpState {
        long lastPing = NEVER;
        long lastGotPing = NEVER;
        TxId lastGotPingTx;
        long callMeMaybeTime = NEVER;
        boolean inNetmap;
    }

    private record SentPing(Endpoint to, long at, String purpose) {}

    /** Per-peer path state (magicsock's endpoint). */
    private static final class Peer {
        final PublicKey nodeKey;
        String name;
        PublicKey discoKey;
        int derpRegion;
        boolean expired;
        final LinkedHashMap<Endpoint, EpState> eps = new LinkedHashMap<>();
        /** Endpoints from the peer's latest CallMeMaybe; an immutable empty set until one arrives (most peers never send one). */
        Set<Endpoint> callMeMaybeEps = Set.of();
        Endpoint bestAddr;
        long bestLatency;
        long trustUntil = NEVER;
        long lastSend = NEVER;
        long lastFullPing = NEVER;
        long heartbeatAt = Long.MAX_VALUE;
        /** Pings awaiting a pong; an immutable empty map until the first ping (most peers of a big tailnet stay idle). */
        Map<TxId, SentPing> sentPings = Map.of();
        PathKind reported = PathKind.NONE;
        Endpoint reportedEp;
        long bytesDirect;
        long bytesRelayed;
        long packetsDirect;
        long packetsRelayed;

        Peer(PublicKey nodeKey) {
            this.nodeKey = nodeKey;
        }
    }

    /** Bytes and packets of WireGuard datagrams sent to one peer, by path. */
    public record PeerStats(String peer, PathKind path, long bytesDirect, long bytesRelayed,
                            long packetsDirect, long packetsRelayed) {}

    public Magicsock(String node, PublicKey nodeKey, DiscoFrame disco, MagicsockTimings timings, Entropy entropy) {
        this.node = node;
        this.nodeKey = nodeKey;
        this.disco = disco;
        this.t = timings;
        this.entropy = entropy;
    }

    /** Re-authentication: disco pings from now on name {@code key} as our node key. */
    public void setNodeKey(PublicKey key) {
        this.nodeKey = key;
    }

    public String node() {
        return node;
    }

    public PublicKey discoKey() {
        return disco.publicKey();
    }

    /** Our endpoints as advertised to control and in CallMeMaybe: local addresses, then the STUN one. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Drops by reason so far. */
    public Map<String, Long> drops() {
        return java.util.Collections.unmodifiableMap(drops);
    }

    public PathKind path(PublicKey peer) {
        Peer p = peers.get(peer);
        return p == null ? PathKind.NONE : p.reported;
    }

    public Endpoint bestEndpoint(PublicKey peer) {
        Peer p = peers.get(peer);
        return p == null ? null : p.reportedEp;
    }

    public List<PeerStats> stats() {
        List<PeerStats> s = new ArrayList<>(peers.size());
        for (Peer p : peers.values()) {
            s.add(new PeerStats(p.name, p.reported, p.bytesDirect, p.bytesRelayed, p.packetsDirect, p.packetsRelayed));
        }
        return s;
    }

    // ---- our own endpoints ----

    /** The addresses of our interfaces with the bound port (host candidates). */
    public MagicOutput setLocalEndpoints(long now, List<Endpoint> local) {
        out.clear();
        localEndpoints = List.copyOf(local);
        recomputeEndpoints(now);
        return out;
    }

    /**
     * A STUN round finished: {@code seen} is our reflexive endpoint (null when no server answered).
     * CallMeMaybes that waited for fresh endpoints go out now.
     */
    public MagicOutput stunResult(long now, Endpoint seen) {
        out.clear();
        reflexive = seen;
        recomputeEndpoints(now);
        endpointsAt = now;
        for (Peer p : pendingCallMeMaybe) {
            if (peers.get(p.nodeKey) == p) {
                sendCallMeMaybe(now, p);
            }
        }
        pendingCallMeMaybe.clear();
        return out;
    }

    /**
     * The network changed under us (a roam, a new address): no path stays trusted, endpoints are
     * stale until the next STUN, which is asked for now (magicsock's link-change ReSTUN).
     */
    public MagicOutput noteConnectivityChange(long now) {
        out.clear();
        for (Peer p : peers.values()) {
            p.trustUntil = NEVER;
            reportPath(now, p);
        }
        endpointsAt = NEVER;
        out.wantStun = true;
        return out;
    }

    private void recomputeEndpoints(long now) {
        List<Endpoint> e = new ArrayList<>(localEndpoints);
        if (reflexive != null && !e.contains(reflexive)) {
            e.add(reflexive);
        }
        if (!e.equals(endpoints)) {
            endpoints = List.copyOf(e);
            out.endpointsChanged = true;
        }
    }

    // ---- the netmap ----

    /** A peer from the netmap appeared or changed: disco key, home DERP, endpoints, expiry. */
    public MagicOutput upsertPeer(long now, Node n) {
        out.clear();
        Peer p = peers.computeIfAbsent(n.nodeKey(), Peer::new);
        p.name = n.name();
        p.expired = n.expired();
        if (n.discoKey() != null && !n.discoKey().equals(p.discoKey)) {
            if (p.discoKey != null) {
                byDisco.remove(p.discoKey);
                disco.forget(p.discoKey);
            }
            p.discoKey = n.discoKey();
            byDisco.put(p.discoKey, p);
            reset(p);
        }
        p.derpRegion = n.homeDerp();
        for (EpState st : p.eps.values()) {
            st.inNetmap = false;
        }
        for (Endpoint e : n.endpoints()) {
            p.eps.computeIfAbsent(e, k -> new EpState()).inNetmap = true;
        }
        for (Endpoint e : List.copyOf(p.eps.keySet())) {
            if (shouldDelete(now, p.eps.get(e))) {
                deleteEndpoint(p, e);
            }
        }
        reportPath(now, p);
        return out;
    }

    public MagicOutput removePeer(long now, PublicKey key) {
        out.clear();
        Peer p = peers.remove(key);
        if (p != null) {
            if (p.discoKey != null) {
                byDisco.remove(p.discoKey);
                disco.forget(p.discoKey);
            }
            for (Endpoint e : List.copyOf(p.eps.keySet())) {
                deleteEndpoint(p, e);
            }
            timed.remove(p);
            pendingCallMeMaybe.remove(p);
        }
        return out;
    }

    private void reset(Peer p) {
        p.lastSend = NEVER;
        p.lastFullPing = NEVER;
        p.bestAddr = null;
        p.trustUntil = NEVER;
        for (EpState st : p.eps.values()) {
            st.lastPing = NEVER;
        }
        p.sentPings = Map.of();
    }

    // ---- sending ----

    /** WireGuard wants {@code bytes} sent to {@code peer} (conn.Endpoint's send). */
    public MagicOutput send(long now, PublicKey peer, byte[] bytes) {
        out.clear();
        Peer p = peers.get(peer);
        if (p == null || p.expired) {
            drop(p == null ? "" : p.name, p == null ? "magicsock-unknown-peer" : "magicsock-peer-expired", bytes.length);
            return out;
        }
        Endpoint udp = p.bestAddr;
        boolean trusted = udp != null && now < p.trustUntil;
        if (udp == null && p.derpRegion == 0) {
            drop(p.name, "magicsock-no-path", bytes.length);
        }
        if (udp != null) {
            out.udp.add(new MagicOutput.Udp(udp, bytes, false));
            p.bytesDirect += bytes.length;
            p.packetsDirect++;
        }
        if (!trusted && p.derpRegion != 0) {
            out.derp.add(new MagicOutput.Derp(p.derpRegion, p.nodeKey, bytes, false));
            p.bytesRelayed += bytes.length;
            p.packetsRelayed++;
        }
        // Discovery after the packet, as magicsock's send does (the CallMeMaybe is enqueued, the
        // packet written at once): the peer sees our packet first, answers it, and starts its own
        // discovery before our CallMeMaybe resets its ping limits.
        if (!trusted) {
            sendDiscoPings(now, p, true);
        }
        noteActive(now, p);
        reportPath(now, p);
        return out;
    }

    private void noteActive(long now, Peer p) {
        p.lastSend = now;
        if (p.heartbeatAt == Long.MAX_VALUE) {
            p.heartbeatAt = now + t.heartbeat();
            timed.add(p);
        }
        if (reStunAt == Long.MAX_VALUE) {
            reStunAt = now + reStunDelay();
        }
    }

    private long reStunDelay() {
        long span = t.reStunMax() - t.reStunMin();
        return t.reStunMin() + (span <= 0 ? 0 : (long) entropy.nextInt((int) (span / 1_000_000L)) * 1_000_000L);
    }

    private void sendDiscoPings(long now, Peer p, boolean callMeMaybe) {
        if (p.discoKey == null) {
            return;
        }
        p.lastFullPing = now;
        boolean sentAny = false;
        for (Endpoint e : List.copyOf(p.eps.keySet())) {
            EpState st = p.eps.get(e);
            if (shouldDelete(now, st)) {
                deleteEndpoint(p, e);
                continue;
            }
            if (st.lastPing != NEVER && now - st.lastPing < t.discoPingInterval()) {
                continue;
            }
            sentAny = true;
            startPing(now, p, e, "discovery");
        }
        if (sentAny && callMeMaybe && p.derpRegion != 0) {
            if (endpointsAt == NEVER || now - endpointsAt > t.endpointsFresh()) {
                // magicsock's enqueueCallMeMaybe: re-STUN first so the CallMeMaybe names a live mapping.
                pendingCallMeMaybe.add(p);
                out.wantStun = true;
            } else {
                sendCallMeMaybe(now, p);
            }
        }
    }

    private void sendCallMeMaybe(long now, Peer p) {
        if (p.discoKey == null || p.derpRegion == 0) {
            return;
        }
        byte[] f = disco.seal(p.discoKey, new DiscoMessage.CallMeMaybe(endpoints));
        out.derp.add(new MagicOutput.Derp(p.derpRegion, p.nodeKey, f, true));
        out.events.add(new MagicEvent.CallMeMaybe(p.name, true, endpoints.size()));
    }

    private void startPing(long now, Peer p, Endpoint to, String purpose) {
        EpState st = p.eps.get(to);
        if (st == null || p.discoKey == null) {
            return;
        }
        st.lastPing = now;
        byte[] tx = new byte[TxId.LENGTH];
        entropy.nextBytes(tx);
        TxId id = TxId.of(tx);
        if (p.sentPings.isEmpty()) {
            p.sentPings = new LinkedHashMap<>();
        }
        p.sentPings.put(id, new SentPing(to, now, purpose));
        byte[] f = disco.seal(p.discoKey, new DiscoMessage.Ping(id, nodeKey, 0));
        out.udp.add(new MagicOutput.Udp(to, f, true));
        out.events.add(new MagicEvent.PingSent(p.name, to, false, purpose));
    }

    // ---- receiving ----

    /** A datagram arrived on the shared UDP port from {@code from} (STUN already taken out by the caller). */
    public MagicOutput receiveUdp(long now, Endpoint from, byte[] d) {
        out.clear();
        if (DiscoFrame.hasMagic(d, 0, d.length)) {
            handleDisco(now, from, d, null);
            return out;
        }
        Peer p = byAddr.get(from);
        if (p == null) {
            // No disco exchange has tied this source to a peer yet (magicsock's peerMap lookup fails).
            drop("", "magicsock-unknown-source", d.length);
            return out;
        }
        out.delivered.add(new MagicOutput.Delivered(p.nodeKey, d));
        return out;
    }

    /** A DERP frame arrived from the client holding node key {@code src}. */
    public MagicOutput receiveDerp(long now, PublicKey src, byte[] d) {
        out.clear();
        if (DiscoFrame.hasMagic(d, 0, d.length)) {
            handleDisco(now, null, d, src);
            return out;
        }
        Peer p = peers.get(src);
        if (p == null) {
            drop("", "magicsock-derp-unknown-peer", d.length);
            return out;
        }
        out.delivered.add(new MagicOutput.Delivered(p.nodeKey, d));
        return out;
    }

    private void handleDisco(long now, Endpoint from, byte[] d, PublicKey derpSrc) {
        DiscoFrame.Opened o = disco.open(d, 0, d.length, byDisco::containsKey);
        if (o.drop() != null) {
            Peer p = o.sender() == null ? null : byDisco.get(o.sender());
            drop(p == null ? "" : p.name, o.drop().label(), d.length);
            return;
        }
        Peer p = byDisco.get(o.sender());
        boolean viaDerp = derpSrc != null;
        if (viaDerp && !derpSrc.equals(p.nodeKey)) {
            drop(p.name, "disco-derp-key-mismatch", d.length);
            return;
        }
        if (o.message() instanceof DiscoMessage.Ping m) {
            handlePing(now, p, m, from, viaDerp);
        } else if (o.message() instanceof DiscoMessage.Pong m) {
            handlePong(now, p, m, from, viaDerp);
        } else if (o.message() instanceof DiscoMessage.CallMeMaybe m) {
            if (!viaDerp) {
                // Only DERP vouches for a CallMeMaybe's sender (magicsock ignores one over UDP).
                drop(p.name, "disco-call-me-maybe-not-via-derp", d.length);
                return;
            }
            handleCallMeMaybe(now, p, m);
        }
    }

    private void handlePing(long now, Peer p, DiscoMessage.Ping m, Endpoint from, boolean viaDerp) {
        if (m.nodeKey() != null && !m.nodeKey().equals(p.nodeKey)) {
            drop(p.name, "disco-ping-node-key-mismatch", 0);
            return;
        }
        if (!viaDerp) {
            EpState st = p.eps.get(from);
            if (st == null) {
                st = new EpState();
                st.lastGotPing = now;
                p.eps.put(from, st);
                out.events.add(new MagicEvent.CandidateLearned(p.name, from));
            } else if (st.lastGotPing != NEVER) {
                st.lastGotPing = now;
            }
            st.lastGotPingTx = m.txId();
            byAddr.put(from, p);
            byte[] f = disco.seal(p.discoKey, new DiscoMessage.Pong(m.txId(), from));
            out.udp.add(new MagicOutput.Udp(from, f, true));
        } else if (p.derpRegion != 0) {
            byte[] f = disco.seal(p.discoKey, new DiscoMessage.Pong(m.txId(), new Endpoint(DERP_MAGIC_IP, p.derpRegion)));
            out.derp.add(new MagicOutput.Derp(p.derpRegion, p.nodeKey, f, true));
        }
    }

    private void handlePong(long now, Peer p, DiscoMessage.Pong m, Endpoint from, boolean viaDerp) {
        SentPing sp = p.sentPings.isEmpty() ? null : p.sentPings.remove(m.txId());
        if (sp == null) {
            drop(p.name, "disco-pong-unknown-tx", 0);
            return;
        }
        long latency = now - sp.at();
        if (viaDerp) {
            return;
        }
        if (!p.eps.containsKey(sp.to())) {
            return;
        }
        byAddr.put(from, p);
        out.events.add(new MagicEvent.PongReceived(p.name, from, latency, m.src()));
        // A best address whose trust has lapsed failed to answer: its old latency no longer counts,
        // so any path that answers now replaces it (else a roamed peer's dead, once-fast address
        // would keep winning betterAddr and the pair could never go direct again).
        boolean stale = p.bestAddr != null && now >= p.trustUntil;
        if (stale || betterAddr(sp.to(), latency, p.bestAddr, p.bestLatency)) {
            p.bestAddr = sp.to();
            p.bestLatency = latency;
        }
        if (sp.to().equals(p.bestAddr)) {
            p.bestLatency = latency;
            p.trustUntil = now + t.trustUdpAddr();
            timed.add(p);
        }
        reportPath(now, p);
    }

    private void handleCallMeMaybe(long now, Peer p, DiscoMessage.CallMeMaybe m) {
        out.events.add(new MagicEvent.CallMeMaybe(p.name, false, m.myNumber().size()));
        Set<Endpoint> fresh = new LinkedHashSet<>(m.myNumber());
        for (Endpoint e : fresh) {
            p.eps.computeIfAbsent(e, k -> new EpState()).callMeMaybeTime = now;
        }
        for (Endpoint e : List.copyOf(p.callMeMaybeEps)) {
            if (!fresh.contains(e)) {
                EpState st = p.eps.get(e);
                if (st != null) {
                    st.callMeMaybeTime = NEVER;
                    if (shouldDelete(now, st)) {
                        deleteEndpoint(p, e);
                    }
                }
            }
        }
        p.callMeMaybeEps = fresh.isEmpty() ? Set.of() : fresh;
        for (EpState st : p.eps.values()) {
            st.lastPing = NEVER;
        }
        sendDiscoPings(now, p, false);
    }

    // ---- timers ----

    public MagicOutput handleTimeout(long now) {
        out.clear();
        for (Peer p : List.copyOf(timed)) {
            if (now >= p.heartbeatAt) {
                heartbeat(now, p);
            }
            reportPath(now, p);
            if (p.heartbeatAt == Long.MAX_VALUE && !(p.reported == PathKind.DIRECT || p.reported == PathKind.LOCAL)) {
                timed.remove(p);
            }
        }
        if (now >= reStunAt) {
            boolean active = false;
            for (Peer p : timed) {
                active |= p.lastSend != NEVER && now - p.lastSend <= t.sessionActive();
            }
            if (active) {
                out.wantStun = true;
                reStunAt = now + reStunDelay();
            } else {
                reStunAt = Long.MAX_VALUE;
            }
        }
        return out;
    }

    public long nextTimeout() {
        long next = reStunAt;
        for (Peer p : timed) {
            next = Math.min(next, p.heartbeatAt);
            if ((p.reported == PathKind.DIRECT || p.reported == PathKind.LOCAL) && p.trustUntil != NEVER) {
                next = Math.min(next, p.trustUntil);
            }
        }
        return next;
    }

    private void heartbeat(long now, Peer p) {
        p.heartbeatAt = Long.MAX_VALUE;
        if (p.lastSend == NEVER || now - p.lastSend > t.sessionActive()) {
            return;   // idle: heartbeats stop
        }
        for (Map.Entry<TxId, SentPing> e : List.copyOf(p.sentPings.entrySet())) {
            if (now - e.getValue().at() >= t.pingTimeout()) {
                p.sentPings.remove(e.getKey());
            }
        }
        if (p.bestAddr != null) {
            startPing(now, p, p.bestAddr, "heartbeat");
        }
        if (wantFullPing(now, p)) {
            sendDiscoPings(now, p, true);
        }
        p.heartbeatAt = now + t.heartbeat();
    }

    private boolean wantFullPing(long now, Peer p) {
        if (p.bestAddr == null || p.lastFullPing == NEVER) {
            return true;
        }
        if (now >= p.trustUntil) {
            return true;
        }
        if (p.bestLatency <= t.goodEnoughLatency()) {
            return false;
        }
        return now - p.lastFullPing >= t.upgradeInterval();
    }

    // ---- helpers ----

    private boolean shouldDelete(long now, EpState st) {
        if (st.callMeMaybeTime != NEVER) {
            return false;
        }
        if (st.lastGotPing == NEVER) {
            return !st.inNetmap;
        }
        return now - st.lastGotPing > t.sessionActive();
    }

    private void deleteEndpoint(Peer p, Endpoint e) {
        p.eps.remove(e);
        if (e.equals(p.bestAddr)) {
            p.bestAddr = null;
        }
        if (byAddr.get(e) == p) {
            byAddr.remove(e);
        }
    }

    private void reportPath(long now, Peer p) {
        PathKind k;
        Endpoint ep = null;
        if (p.bestAddr != null && now < p.trustUntil) {
            ep = p.bestAddr;
            k = isPrivate(ep.address()) ? PathKind.LOCAL : PathKind.DIRECT;
        } else if (p.derpRegion != 0 && !p.expired) {
            k = PathKind.RELAYED;
        } else {
            k = PathKind.NONE;
        }
        if (k != p.reported || (ep != null && !ep.equals(p.reportedEp))) {
            out.events.add(new MagicEvent.PathChanged(p.name, p.reported, k, ep, p.derpRegion, ep == null ? 0 : p.bestLatency));
            p.reported = k;
            p.reportedEp = ep;
        }
    }

    private static boolean isPrivate(IpAddress a) {
        for (IpPrefix p : PRIVATE) {
            if (p.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * magicsock's betterAddr: points for being faster (percent of the slower latency), 20 for a
     * private address, 10 for IPv6; no switch for under 1% gain.
     */
    static boolean betterAddr(Endpoint a, long aLatency, Endpoint b, long bLatency) {
        if (a.equals(b)) {
            return false;
        }
        if (b == null) {
            return true;
        }
        long aPoints = 0;
        long bPoints = 0;
        if (aLatency > bLatency && aLatency > 0) {
            bPoints = 100 - (bLatency * 100) / aLatency;
        } else if (bLatency > 0) {
            aPoints = 100 - (aLatency * 100) / bLatency;
        }
        if (isPrivate(a.address())) {
            aPoints += 20;
        }
        if (isPrivate(b.address())) {
            bPoints += 20;
        }
        if (a.address().isV6()) {
            aPoints += 10;
        }
        if (b.address().isV6()) {
            bPoints += 10;
        }
        if (aPoints <= 1 && bPoints == 0) {
            return false;
        }
        return aPoints > bPoints;
    }

    private void drop(String peer, String reason, int length) {
        drops.merge(reason, 1L, Long::sum);
        out.events.add(new MagicEvent.Dropped(peer, reason, length));
    }
}
