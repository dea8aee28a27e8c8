package dev.wgsim.scenario.tailnet.derp;

import dev.wgsim.engine.net.Endpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * A DERP region: one or more servers that forward to each other in one hop. {@link #mesh()} makes
 * every server open a mesh connection (TLS stream, ClientInfo carrying the region's mesh key) to
 * every other, over the simulated network; a packet for a client logged in at another server of
 * the region then goes as ForwardPacket(src, dst, packet) over that connection. Where a client is
 * connected is known at once region-wide (real servers learn it through WatchConns/PeerPresent,
 * one mesh delay later). No routing between regions, as in Tailscale.
 */
public final class DerpRegion {
    private final int id;
    private final String code;
    private final String meshKey;
    private final List<DerpServer> servers = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** {@code meshKey}: the shared secret servers show each other (Tailscale's --mesh-psk-file), as text. */
    public DerpRegion(int id, String code, String meshKey) {
        if (code == null || meshKey == null || meshKey.isEmpty()) {
            throw new IllegalArgumentException("a region needs a code and a mesh key");
        }
        this.id = id;
        this.code = code;
        this.meshKey = meshKey;
    }

    public int id() {
        return id;
    }

    public String code() {
        return code;
    }

    String meshKey() {
        return meshKey;
    }

    /** Adds a server reachable by the region's other servers at {@code endpoint} (its TCP 443). */
    public void add(DerpServer server, Endpoint endpoint) {
        if (server.region() != id) {
            throw new IllegalArgumentException("server of region " + server.region() + " added to region " + id);
        }
        servers.add(server);
        endpoints.add(endpoint);
        server.joinRegion(this);
    }

    public List<DerpServer> servers() {
        return List.copyOf(servers);
    }

    /**
     * The region's relay load: its servers' counters summed (a packet crossing the mesh counts once,
     * at the server that delivers it).
     */
    public DerpServer.Stats stats() {
        long packets = 0;
        long bytes = 0;
        java.util.Map<String, Long> drops = new java.util.TreeMap<>();
        int conns = 0;
        int home = 0;
        long total = 0;
        for (DerpServer s : servers) {
            DerpServer.Stats st = s.stats();
            packets += st.packetsForwarded();
            bytes += st.bytesForwarded();
            st.drops().forEach((k, v) -> drops.merge(k, v, Long::sum));
            conns += st.connections();
            home += st.homeConnections();
            total += st.connectionsTotal();
        }
        return new DerpServer.Stats(packets, bytes, java.util.Map.copyOf(drops), conns, home, total);
    }

    /** Opens the full mesh now: every server connects to every other one. */
    public void mesh() {
        for (int i = 0; i < servers.size(); i++) {
            for (int j = 0; j < servers.size(); j++) {
                if (i != j) {
                    servers.get(i).meshTo(servers.get(j), endpoints.get(j));
                }
            }
        }
    }

    /** The server of this region other than {@code except} where {@code key} is logged in, or null. */
    DerpServer locate(dev.wgsim.wg.crypto.PublicKey key, DerpServer except) {
        for (DerpServer s : servers) {
            if (s != except && s.isConnected(key)) {
                return s;
            }
        }
        return null;
    }
}
