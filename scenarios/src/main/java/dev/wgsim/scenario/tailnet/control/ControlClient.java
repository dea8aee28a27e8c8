package dev.wgsim.scenario.tailnet.control;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.scenario.tailnet.control.ControlMessage.MapRequest;
import dev.wgsim.scenario.tailnet.control.ControlMessage.MapResponse;
import dev.wgsim.scenario.tailnet.control.ControlMessage.PeerPatch;
import dev.wgsim.scenario.tailnet.control.ControlMessage.RegisterRequest;
import dev.wgsim.scenario.tailnet.control.ControlMessage.RegisterResponse;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node's side of the control protocol, sans-I/O: it logs in with its node key and pre-auth key,
 * opens the map stream with its disco key, endpoints and home DERP, and keeps the network map,
 * reporting each peer change to a {@link NetmapListener}. When the connection is lost the cached
 * map stays in force (tunnels keep working) and nothing new arrives until it reconnects.
 */
public final class ControlClient {
    private final String hostname;
    private final NetmapListener listener;
    private PublicKey nodeKey;
    private PublicKey oldNodeKey;
    private PublicKey discoKey;
    private String authKey;
    private List<Endpoint> endpoints = List.of();
    private int homeDerp;
    private boolean connected;
    private boolean registered;
    private boolean streaming;
    private String refusal;
    private Node self;
    private final TreeMap<Long, Node> peers = new TreeMap<>();
    private final Map<PublicKey, Long> peerIds = new HashMap<>();
    private long mapsReceived;

    public ControlClient(String hostname, PublicKey nodeKey, PublicKey discoKey, String authKey, NetmapListener listener) {
        this.hostname = hostname;
        this.nodeKey = nodeKey;
        this.discoKey = discoKey;
        this.authKey = authKey;
        this.listener = listener;
    }

    /** The transport is up: log in (or confirm the login) and then poll the map. */
    public List<ControlMessage> connected(long now) {
        connected = true;
        streaming = false;
        return List.of(new RegisterRequest(hostname, nodeKey, oldNodeKey, authKey));
    }

    /** The transport went away: keep the cached map. */
    public void disconnected(long now) {
        connected = false;
        streaming = false;
    }

    public boolean isConnected() {
        return connected;
    }

    public boolean isStreaming() {
        return streaming;
    }

    /** Why control refused us last, or null. */
    public String refusal() {
        return refusal;
    }

    public PublicKey nodeKey() {
        return nodeKey;
    }

    public Node self() {
        return self;
    }

    /** The current peers, in id order. */
    public List<Node> peers() {
        return List.copyOf(peers.values());
    }

    public Node peer(PublicKey key) {
        Long id = peerIds.get(key);
        return id == null ? null : peers.get(id);
    }

    /** How many map responses (full or delta, keepalives excluded) have been applied. */
    public long mapsReceived() {
        return mapsReceived;
    }

    public List<ControlMessage> receive(long now, ControlMessage m) {
        List<ControlMessage> replies = new ArrayList<>(1);
        if (m instanceof RegisterResponse r) {
            if (!r.authorized()) {
                refusal = r.error();
                registered = false;
                return replies;
            }
            refusal = null;
            registered = true;
            oldNodeKey = null;
            replies.add(new MapRequest(nodeKey, discoKey, endpoints, homeDerp, true));
        } else if (m instanceof MapResponse r) {
            if (r.isKeepalive()) {
                return replies;
            }
            streaming = true;
            mapsReceived++;
            apply(now, r);
        }
        return replies;
    }

    /**
     * Our endpoints or home DERP changed (a new STUN result, a roam): tell control, which patches
     * the peers in its next batch. Returns the update to send, or nothing while disconnected.
     */
    public List<ControlMessage> setEndpoints(long now, List<Endpoint> eps, int derp) {
        if (eps.equals(endpoints) && derp == homeDerp) {
            return List.of();
        }
        endpoints = List.copyOf(eps);
        homeDerp = derp;
        if (!connected || !registered) {
            return List.of();
        }
        return List.of(new MapRequest(nodeKey, discoKey, endpoints, homeDerp, false));
    }

    /** The disco key changed (the process restarted): the next map request carries it. */
    public List<ControlMessage> setDiscoKey(long now, PublicKey key) {
        discoKey = key;
        if (!connected || !registered) {
            return List.of();
        }
        return List.of(new MapRequest(nodeKey, discoKey, endpoints, homeDerp, false));
    }

    /**
     * Re-authenticates with a new node key (after expiry, or a rotation), naming the key it
     * replaces; control sends the new key to every peer.
     */
    public List<ControlMessage> reauthenticate(long now, PublicKey newKey, String newAuthKey) {
        oldNodeKey = nodeKey;
        nodeKey = newKey;
        authKey = newAuthKey;
        registered = false;
        if (!connected) {
            return List.of();
        }
        return List.of(new RegisterRequest(hostname, nodeKey, oldNodeKey, authKey));
    }

    private void apply(long now, MapResponse r) {
        if (r.self() != null) {
            self = r.self();
            listener.self(now, self);
        }
        if (r.full()) {
            Map<Long, Node> fresh = new HashMap<>();
            for (Node n : r.peers()) {
                fresh.put(n.id(), n);
            }
            for (Node old : List.copyOf(peers.values())) {
                if (!fresh.containsKey(old.id())) {
                    removePeer(now, old.id());
                }
            }
            for (Node n : r.peers()) {
                upsert(now, n);
            }
            return;
        }
        for (long id : r.peersRemoved()) {
            removePeer(now, id);
        }
        for (Node n : r.peersChanged()) {
            upsert(now, n);
        }
        for (PeerPatch p : r.patches()) {
            Node old = peers.get(p.nodeId());
            if (old != null) {
                upsert(now, old.withEndpoints(p.endpoints(), p.homeDerp()));
            }
        }
    }

    private void upsert(long now, Node n) {
        Node old = peers.put(n.id(), n);
        if (old != null && !old.nodeKey().equals(n.nodeKey())) {
            peerIds.remove(old.nodeKey());
        }
        peerIds.put(n.nodeKey(), n.id());
        if (!n.equals(old)) {
            listener.peer(now, n, old);
        }
    }

    private void removePeer(long now, long id) {
        Node old = peers.remove(id);
        if (old != null) {
            peerIds.remove(old.nodeKey());
            listener.peerRemoved(now, old);
        }
    }
}
