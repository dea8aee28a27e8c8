package dev.wgsim.scenario.tailnet.control;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.tailnet.control.ControlMessage.MapRequest;
import dev.wgsim.scenario.tailnet.control.ControlMessage.MapResponse;
import dev.wgsim.scenario.tailnet.control.ControlMessage.PeerPatch;
import dev.wgsim.scenario.tailnet.control.ControlMessage.RegisterRequest;
import dev.wgsim.scenario.tailnet.control.ControlMessage.RegisterResponse;
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
 * The coordination server (Headscale's model) as a sans-I/O state machine. Sessions are numbered by
 * the transport that carries them; every call takes the virtual time and returns what to send.
 *
 * <p>Changes are not pushed one by one: they collect for {@link ControlConfig#batchDelay} from the
 * first, then every streaming session gets one delta (changed peers in full, endpoint-only changes
 * as patches, removed peers by id), so a peer sees a change about a second after it happens.
 */
public final class ControlServer {
    private final ControlConfig config;
    private final Entropy entropy;
    private final AddressPool pool = new AddressPool();
    private final Map<String, AuthKey> authKeys = new HashMap<>();
    private final Map<String, List<IpPrefix>> reserved = new HashMap<>();
    // Ordered by id so maps list peers in a stable order (determinism of the event log and sizes).
    private final TreeMap<Long, Node> nodes = new TreeMap<>();
    private final Map<PublicKey, Long> byKey = new HashMap<>();
    private final Map<Integer, Session> sessions = new LinkedHashMap<>();
    private final Set<Long> changedFull = new LinkedHashSet<>();
    private final Set<Long> changedEndpoints = new LinkedHashSet<>();
    private final Set<Long> removed = new LinkedHashSet<>();
    private long nextId = 1;
    private long flushAt = Long.MAX_VALUE;
    private final Output out = new Output();

    /** A pre-auth key (Headscale: single-use unless reusable; ephemeral nodes are deleted when they go). */
    public record AuthKey(String key, boolean reusable, boolean ephemeral, long expiresAt) {}

    private static final class Session {
        final int id;
        Long nodeId;
        boolean streaming;
        long keepaliveAt = Long.MAX_VALUE;

        Session(int id) {
            this.id = id;
        }
    }

    /** What one call produced: messages per session, sessions to close, events for the log. */
    public static final class Output {
        private final List<Integer> to = new ArrayList<>();
        private final List<ControlMessage> messages = new ArrayList<>();
        private final List<Integer> closes = new ArrayList<>();
        private final List<ControlEvent> events = new ArrayList<>();

        void send(int session, ControlMessage m) {
            to.add(session);
            messages.add(m);
        }

        public int size() {
            return messages.size();
        }

        public int session(int i) {
            return to.get(i);
        }

        public ControlMessage message(int i) {
            return messages.get(i);
        }

        public List<Integer> closes() {
            return List.copyOf(closes);
        }

        public List<ControlEvent> events() {
            return List.copyOf(events);
        }

        void clear() {
            to.clear();
            messages.clear();
            closes.clear();
            events.clear();
        }
    }

    public ControlServer(ControlConfig config, Entropy entropy) {
        this.config = config;
        this.entropy = entropy;
    }

    public void addAuthKey(AuthKey k) {
        authKeys.put(k.key(), k);
    }

    /**
     * Fixes the addresses a node of this hostname gets when it first registers (an admin's "edit
     * machine IP"); the sequential pool skips them.
     */
    public void reserve(String hostname, List<IpPrefix> addresses) {
        reserved.put(hostname, List.copyOf(addresses));
        addresses.forEach(a -> pool.exclude(a.address()));
    }

    /** The nodes known now, in id order. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Node node(PublicKey nodeKey) {
        Long id = byKey.get(nodeKey);
        return id == null ? null : nodes.get(id);
    }

    /** A transport delivered message {@code m} on session {@code session}. */
    public Output receive(long now, int session, ControlMessage m) {
        out.clear();
        Session s = sessions.computeIfAbsent(session, Session::new);
        if (m instanceof RegisterRequest r) {
            register(now, s, r);
        } else if (m instanceof MapRequest r) {
            map(now, s, r);
        }
        expire(now);
        return out;
    }

    /** The transport lost the session (client gone or the path cut): its stream ends. */
    public Output disconnected(long now, int session) {
        out.clear();
        sessions.remove(session);
        return out;
    }

    /** Deletes a node (the admin's "nodes delete"): peers drop it in the next batch, its session closes. */
    public Output remove(long now, PublicKey nodeKey) {
        out.clear();
        Long id = byKey.remove(nodeKey);
        if (id != null) {
            Node n = nodes.remove(id);
            removed.add(id);
            changedFull.remove(id);
            changedEndpoints.remove(id);
            out.events.add(new ControlEvent.Changed(id, n.name(), "removed"));
            for (Session s : List.copyOf(sessions.values())) {
                if (id.equals(s.nodeId)) {
                    sessions.remove(s.id);
                    out.closes.add(s.id);
                }
            }
            scheduleFlush(now);
        }
        return out;
    }

    /** Sets a node's key expiry (the admin's "nodes expire" with a time; now or earlier expires it at once). */
    public Output setKeyExpiry(long now, PublicKey nodeKey, long at) {
        out.clear();
        Long id = byKey.get(nodeKey);
        if (id != null) {
            Node n = nodes.get(id);
            nodes.put(id, new Node(n.id(), n.name(), n.nodeKey(), n.discoKey(), n.addresses(), n.allowedIps(),
                    n.endpoints(), n.homeDerp(), at, false));
            expire(now);
        }
        return out;
    }

    public Output handleTimeout(long now) {
        out.clear();
        expire(now);
        if (now >= flushAt) {
            flush(now);
        }
        for (Session s : sessions.values()) {
            if (s.streaming && now >= s.keepaliveAt) {
                send(now, s, new MapResponse(false, null, List.of(), List.of(), List.of(), List.of()));
            }
        }
        return out;
    }

    public long nextTimeout() {
        long t = flushAt;
        for (Session s : sessions.values()) {
            t = Math.min(t, s.keepaliveAt);
        }
        for (Node n : nodes.values()) {
            if (!n.expired() && n.keyExpiry() != Node.NEVER) {
                t = Math.min(t, n.keyExpiry());
            }
        }
        return t;
    }

    private void register(long now, Session s, RegisterRequest r) {
        Long known = byKey.get(r.nodeKey());
        if (known != null && (r.oldNodeKey() == null || r.oldNodeKey().equals(r.nodeKey()))) {
            Node n = nodes.get(known);
            if (!n.expired()) {
                // Already logged in with this key: a reconnect, not a new login.
                s.nodeId = known;
                send(now, s, new RegisterResponse(true, null, n.addresses(), n.keyExpiry()));
                return;
            }
        }
        String refusal = checkAuthKey(now, r.authKey());
        if (refusal != null) {
            out.events.add(new ControlEvent.Refused(r.hostname(), refusal));
            send(now, s, new RegisterResponse(false, refusal, List.of(), Node.NEVER));
            return;
        }
        long expiry = config.keyExpiry() == Node.NEVER ? Node.NEVER : now + config.keyExpiry();
        Long oldId = r.oldNodeKey() == null ? known : byKey.get(r.oldNodeKey());
        Node n;
        boolean reauth = oldId != null;
        if (reauth) {
            Node old = nodes.get(oldId);
            byKey.remove(old.nodeKey());
            n = old.withNodeKey(r.nodeKey(), expiry);
        } else {
            List<IpPrefix> addrs = reserved.containsKey(r.hostname()) ? reserved.remove(r.hostname()) : pool.allocate();
            n = new Node(nextId++, r.hostname(), r.nodeKey(), null, addrs, addrs, List.of(), 0, expiry, false);
        }
        nodes.put(n.id(), n);
        byKey.put(n.nodeKey(), n.id());
        s.nodeId = n.id();
        out.events.add(new ControlEvent.Registered(n.id(), n.name(), n.nodeKey().toBase64(),
                n.addresses().toString(), reauth));
        out.events.add(new ControlEvent.Changed(n.id(), n.name(), reauth ? "node-key" : "joined"));
        changedFull.add(n.id());
        scheduleFlush(now);
        send(now, s, new RegisterResponse(true, null, n.addresses(), n.keyExpiry()));
    }

    private String checkAuthKey(long now, String key) {
        AuthKey k = key == null ? null : authKeys.get(key);
        if (k == null) {
            return "unknown pre-auth key";
        }
        if (now >= k.expiresAt()) {
            return "pre-auth key expired";
        }
        if (!k.reusable()) {
            authKeys.remove(key);
        }
        return null;
    }

    private void map(long now, Session s, MapRequest r) {
        Long id = byKey.get(r.nodeKey());
        if (id == null) {
            send(now, s, new RegisterResponse(false, "node key not registered", List.of(), Node.NEVER));
            return;
        }
        s.nodeId = id;
        Node n = nodes.get(id);
        if (n.expired()) {
            send(now, s, new RegisterResponse(false, "node key expired", List.of(), Node.NEVER));
            return;
        }
        boolean discoChanged = !r.discoKey().equals(n.discoKey());
        boolean endpointsChanged = !r.endpoints().equals(n.endpoints()) || r.homeDerp() != n.homeDerp();
        Node updated = n.withDiscoKey(r.discoKey()).withEndpoints(r.endpoints(), r.homeDerp());
        nodes.put(id, updated);
        if (discoChanged) {
            changedFull.add(id);
            out.events.add(new ControlEvent.Changed(id, n.name(), "disco-key"));
            scheduleFlush(now);
        } else if (endpointsChanged) {
            changedEndpoints.add(id);
            out.events.add(new ControlEvent.Changed(id, n.name(), "endpoints"));
            scheduleFlush(now);
        }
        if (r.stream()) {
            s.streaming = true;
            send(now, s, fullMap(id));
        }
    }

    private MapResponse fullMap(long self) {
        List<Node> peers = new ArrayList<>(nodes.size());
        for (Node n : nodes.values()) {
            if (n.id() != self) {
                peers.add(asPeer(n));
            }
        }
        return new MapResponse(true, nodes.get(self), peers, List.of(), List.of(), List.of());
    }

    private static Node asPeer(Node n) {
        return n.expired() ? n.asExpired() : n;
    }

    private void expire(long now) {
        for (Node n : List.copyOf(nodes.values())) {
            if (!n.expired() && now >= n.keyExpiry()) {
                nodes.put(n.id(), new Node(n.id(), n.name(), n.nodeKey(), n.discoKey(), n.addresses(), n.allowedIps(),
                        n.endpoints(), n.homeDerp(), n.keyExpiry(), true));
                changedFull.add(n.id());
                out.events.add(new ControlEvent.Changed(n.id(), n.name(), "expired"));
                scheduleFlush(now);
            }
        }
    }

    private void scheduleFlush(long now) {
        if (flushAt == Long.MAX_VALUE) {
            flushAt = now + config.batchDelay();
        }
    }

    private void flush(long now) {
        flushAt = Long.MAX_VALUE;
        int changes = changedFull.size() + changedEndpoints.size() + removed.size();
        int sessionsSent = 0;
        for (Session s : sessions.values()) {
            if (!s.streaming || s.nodeId == null) {
                continue;
            }
            Node self = null;
            List<Node> changed = new ArrayList<>();
            List<PeerPatch> patches = new ArrayList<>();
            List<Long> gone = new ArrayList<>();
            for (long id : changedFull) {
                Node n = nodes.get(id);
                if (n == null) {
                    continue;
                }
                if (id == s.nodeId) {
                    self = n;
                } else {
                    changed.add(asPeer(n));
                }
            }
            for (long id : changedEndpoints) {
                Node n = nodes.get(id);
                if (n != null && id != s.nodeId && !changedFull.contains(id)) {
                    patches.add(new PeerPatch(id, n.endpoints(), n.homeDerp()));
                }
            }
            for (long id : removed) {
                if (id != s.nodeId) {
                    gone.add(id);
                }
            }
            if (self != null || !changed.isEmpty() || !patches.isEmpty() || !gone.isEmpty()) {
                send(now, s, new MapResponse(false, self, List.of(), changed, patches, gone));
                sessionsSent++;
            }
        }
        changedFull.clear();
        changedEndpoints.clear();
        removed.clear();
        out.events.add(new ControlEvent.Flushed(changes, sessionsSent));
    }

    private void send(long now, Session s, ControlMessage m) {
        out.send(s.id, m);
        if (s.streaming) {
            s.keepaliveAt = now + config.keepalive() + (config.keepaliveJitter() == 0 ? 0
                    : (long) entropy.nextInt((int) Math.min(Integer.MAX_VALUE, config.keepaliveJitter() / 1_000_000)) * 1_000_000L);
        }
    }

    /** The endpoints control currently holds for a node (what its peers were last told). */
    public List<Endpoint> endpointsOf(PublicKey nodeKey) {
        Node n = node(nodeKey);
        return n == null ? List.of() : n.endpoints();
    }
}
