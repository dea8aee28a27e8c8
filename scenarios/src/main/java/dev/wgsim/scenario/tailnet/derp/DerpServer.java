package dev.wgsim.scenario.tailnet.derp;

import dev.wgsim.engine.app.StunServer;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.stream.StreamConfig;
import dev.wgsim.engine.stream.StreamConnection;
import dev.wgsim.engine.stream.StreamServer;
import dev.wgsim.engine.trace.Trace;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A DERP server on a node: TLS on TCP 443 (the engine's stream) and STUN on UDP 3478.
 *
 * <p>Login as {@code derp_server.go} does it: on connect the server sends ServerKey (magic and its
 * key); the client answers ClientInfo (its node key, then a sealed JSON); the server answers
 * ServerInfo. From then on SendPacket(dst key, packet) becomes RecvPacket(src key, packet) on the
 * destination's connection (the most recent one for that key). Unknown destination: the packet is
 * dropped ({@code unknown_dest}) and the sender gets PeerGone(dst, not here). When a client leaves,
 * every peer it sent to gets PeerGone(it, disconnected). KeepAlive goes to each client every 60 s.
 *
 * <p>Slow receivers: each client's TLS writes go into its TCP send buffer up to
 * {@link #SOCKET_BUFFER} bytes (Linux's default {@code tcp_wmem} of 16 KiB); beyond that packets
 * wait in the client's queue of {@link #QUEUE_DEPTH} (derp_server.go's perClientSendQueueDepth),
 * and a packet finding it full is dropped ({@code queue_full}). A client whose queue has waited
 * {@link #WRITE_TIMEOUT_NANOS} (derp_server.go's writeTimeout, 2 s) without the socket taking any of
 * it is disconnected ({@code write timeout}; its queue is dropped as {@code disconnected}). Servers of
 * one {@link DerpRegion} forward to each other over mesh connections (ForwardPacket). Left out:
 * rate limits, watchers (see {@link DerpRegion} for how a server knows where a client is).
 */
public final class DerpServer {
    public static final int PORT = 443;
    public static final int QUEUE_DEPTH = 32;
    public static final int SOCKET_BUFFER = 16 * 1024;
    public static final long KEEP_ALIVE_NANOS = 60_000_000_000L;
    public static final long WRITE_TIMEOUT_NANOS = 2_000_000_000L;

    private final Host host;
    private final int region;
    private final PublicKey serverKey;
    private final Trace trace;
    private final StreamServer streams;
    private final StunServer stun;
    private final Map<PublicKey, Client> clients = new HashMap<>();
    private final Map<String, Long> drops = new TreeMap<>();
    private long packetsForwarded;
    private long bytesForwarded;
    private ForwardListener forwardListener;
    private long connectionsTotal;
    private long packetsMeshed;
    private DerpRegion regionRef;
    private final Map<DerpServer, MeshLink> meshOut = new HashMap<>();

    /** This server's connection to another server of its region, logging in with the mesh key. */
    private final class MeshLink {
        StreamConnection conn;
        boolean ready;
        final ArrayDeque<byte[]> waiting = new ArrayDeque<>();

        void send(byte[] f) {
            if (ready) {
                conn.send(f);
            } else {
                waiting.add(f);
            }
        }
    }

    /** One logged-in (or logging-in) client connection. */
    private final class Client {
        final StreamConnection conn;
        PublicKey key;
        boolean preferred;
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        final Set<PublicKey> sentTo = new LinkedHashSet<>();
        /** Another server of the region, not a node. */
        boolean mesh;
        long keepAliveHandle;
        /** When the queue last started waiting with no progress, or -1. */
        long blockedSince = -1;

        Client(StreamConnection conn) {
            this.conn = conn;
        }
    }

    /** Starts a relay of region {@code region} on {@code host}: TCP {@code port} (443) and UDP 3478. */
    public DerpServer(Host host, int region, PublicKey serverKey, int port) {
        if (host == null || serverKey == null) {
            throw new IllegalArgumentException("a DERP server needs a host and a key");
        }
        this.host = host;
        this.region = region;
        this.serverKey = serverKey;
        this.trace = host.network().trace();
        this.stun = new StunServer(host);
        this.streams = StreamServer.listen(host, port, StreamConfig.defaults().withFraming(DerpFrame.FRAMING), this::accept);
    }

    public DerpServer(Host host, int region, PublicKey serverKey) {
        this(host, region, serverKey, PORT);
    }

    public Host host() {
        return host;
    }

    public int region() {
        return region;
    }

    public PublicKey serverKey() {
        return serverKey;
    }

    public StunServer stun() {
        return stun;
    }

    /** Counters for results: forwarded packets and bytes (packet payloads), drops by reason, connections. */
    public record Stats(long packetsForwarded, long bytesForwarded, Map<String, Long> drops, int connections,
            int homeConnections, long connectionsTotal) {
    }

    public Stats stats() {
        int home = 0;
        for (Client c : clients.values()) {
            home += c.preferred ? 1 : 0;
        }
        return new Stats(packetsForwarded, bytesForwarded, Map.copyOf(drops), clients.size(), home, connectionsTotal);
    }

    /** Packets handed to another server of the region (also counted in {@link Stats#packetsForwarded} there). */
    public long packetsMeshed() {
        return packetsMeshed;
    }

    void joinRegion(DerpRegion r) {
        if (regionRef != null && regionRef != r) {
            throw new IllegalStateException(host.name() + " is already in region " + regionRef.id());
        }
        regionRef = r;
    }

    void meshTo(DerpServer other, dev.wgsim.engine.net.Endpoint at) {
        MeshLink link = new MeshLink();
        meshOut.put(other, link);
        link.conn = StreamConnection.connect(host, at, StreamConfig.defaults().withFraming(DerpFrame.FRAMING),
                new StreamConnection.Handler() {
                    @Override
                    public void onOpen(StreamConnection c) {
                    }

                    @Override
                    public void onMessage(StreamConnection c, byte[] f) {
                        if (DerpFrame.type(f) == DerpFrame.SERVER_KEY && !link.ready) {
                            c.send(DerpFrame.frame(DerpFrame.CLIENT_INFO, serverKey.bytes(),
                                    DerpFrame.box("{\"version\":2,\"meshKey\":\"" + regionRef.meshKey() + "\"}")));
                            link.ready = true;
                            while (!link.waiting.isEmpty()) {
                                c.send(link.waiting.poll());
                            }
                        }
                    }

                    @Override
                    public void onClose(StreamConnection c, String reason) {
                        meshOut.remove(other);
                    }
                });
    }

    /** Whether a client with this key is logged in. */
    public boolean isConnected(PublicKey key) {
        return clients.containsKey(key);
    }

    private StreamConnection.Handler accept(StreamConnection conn) {
        Client c = new Client(conn);
        conn.attach(c);
        conn.onDrained(() -> drain(c));
        return new StreamConnection.Handler() {
            @Override
            public void onOpen(StreamConnection s) {
                s.send(DerpFrame.frame(DerpFrame.SERVER_KEY, DerpFrame.magic(), serverKey.bytes()));
            }

            @Override
            public void onMessage(StreamConnection s, byte[] frame) {
                onFrame(c, frame);
            }

            @Override
            public void onClose(StreamConnection s, String reason) {
                gone(c, reason);
            }
        };
    }

    private void onFrame(Client c, byte[] f) {
        int type = DerpFrame.type(f);
        if (c.key == null) {
            PublicKey k = type == DerpFrame.CLIENT_INFO ? DerpFrame.key(f, 0) : null;
            if (k == null) {
                count("bad_login", 0);
                c.conn.reset(); // derp_server.go closes a connection whose first frame is not ClientInfo
                return;
            }
            String info = new String(f, java.nio.charset.StandardCharsets.UTF_8);
            if (regionRef != null && info.contains("\"meshKey\":\"" + regionRef.meshKey() + "\"")) {
                c.key = k;
                c.mesh = true; // a peer server: not a node, not in the client table
                c.conn.send(DerpFrame.frame(DerpFrame.SERVER_INFO, DerpFrame.box("{\"version\":2}")));
                return;
            }
            login(c, k);
            return;
        }
        if (c.mesh) {
            if (type == DerpFrame.FORWARD_PACKET) {
                PublicKey src = DerpFrame.key(f, 0);
                PublicKey dst = DerpFrame.key(f, DerpFrame.KEY);
                if (src == null || dst == null) {
                    count("malformed", f.length);
                    return;
                }
                byte[] packet = DerpFrame.rest(f, 2 * DerpFrame.KEY);
                Client to = clients.get(dst);
                if (to == null) {
                    count("unknown_dest", packet.length);
                    emit(DerpEvent.DROPPED, dst, "unknown_dest", packet.length);
                    return;
                }
                enqueue(to, dst, DerpFrame.frame(DerpFrame.RECV_PACKET, src.bytes(), packet), packet.length);
            }
            return;
        }
        switch (type) {
            case DerpFrame.SEND_PACKET -> {
                PublicKey dst = DerpFrame.key(f, 0);
                if (dst == null || DerpFrame.payloadLength(f) - DerpFrame.KEY > DerpFrame.MAX_PACKET) {
                    count("malformed", f.length);
                    return;
                }
                forward(c, dst, DerpFrame.rest(f, DerpFrame.KEY));
            }
            case DerpFrame.NOTE_PREFERRED -> {
                boolean home = DerpFrame.payloadLength(f) >= 1 && f[DerpFrame.HEADER] != 0;
                if (home != c.preferred) {
                    c.preferred = home;
                    emit(DerpEvent.PREFERRED, c.key, home ? "home" : "", 0);
                }
            }
            case DerpFrame.PING -> c.conn.send(DerpFrame.frame(DerpFrame.PONG, DerpFrame.rest(f, 0)));
            case DerpFrame.PONG, DerpFrame.KEEP_ALIVE -> {
            }
            default -> count("unknown_frame", f.length); // newer frame types are ignored, as by the real server
        }
    }

    private void login(Client c, PublicKey key) {
        c.key = key;
        Client old = clients.put(key, c);
        if (old != null) {
            old.key = null; // a reconnect replaces the old connection, which is closed
            old.conn.close();
        }
        connectionsTotal++;
        c.conn.send(DerpFrame.frame(DerpFrame.SERVER_INFO, DerpFrame.box("{\"version\":2}")));
        emit(DerpEvent.CONNECTED, key, "", 0);
        scheduleKeepAlive(c);
    }

    private void scheduleKeepAlive(Client c) {
        c.keepAliveHandle = host.network().loop().scheduleAfter(KEEP_ALIVE_NANOS, () -> {
            if (!c.conn.isClosed() && c.key != null) {
                write(c, DerpFrame.frame(DerpFrame.KEEP_ALIVE));
                scheduleKeepAlive(c);
            }
        });
    }

    private void forward(Client from, PublicKey dst, byte[] packet) {
        Client to = clients.get(dst);
        from.sentTo.add(dst);
        if (to == null && regionRef != null) {
            DerpServer other = regionRef.locate(dst, this);
            MeshLink link = other == null ? null : meshOut.get(other);
            if (link != null) {
                link.send(DerpFrame.frame(DerpFrame.FORWARD_PACKET, from.key.bytes(), dst.bytes(), packet));
                packetsMeshed++;
                return;
            }
        }
        if (to == null) {
            count("unknown_dest", packet.length);
            emit(DerpEvent.DROPPED, dst, "unknown_dest", packet.length);
            from.conn.send(DerpFrame.frame(DerpFrame.PEER_GONE, dst.bytes(), new byte[] {DerpFrame.PEER_GONE_NOT_HERE}));
            return;
        }
        enqueue(to, dst, DerpFrame.frame(DerpFrame.RECV_PACKET, from.key.bytes(), packet), packet.length);
    }

    private void enqueue(Client to, PublicKey dst, byte[] f, int packetLength) {
        if (to.queue.isEmpty() && to.conn.bufferedBytes() < SOCKET_BUFFER) {
            deliver(to, f);
        } else if (to.queue.size() < QUEUE_DEPTH) {
            to.queue.add(f);
            if (to.blockedSince < 0) {
                blocked(to, host.network().now());
            }
        } else {
            count("queue_full", packetLength);
            emit(DerpEvent.DROPPED, dst, "queue_full", packetLength);
        }
    }

    private void deliver(Client to, byte[] f) {
        if (write(to, f)) {
            packetsForwarded++;
            int bytes = f.length - DerpFrame.HEADER - DerpFrame.KEY;
            bytesForwarded += bytes;
            if (forwardListener != null) {
                forwardListener.forwarded(host.network().now(), bytes);
            }
        }
    }

    /** Told of every packet this server hands to a destination client (what {@link Stats#bytesForwarded} counts). */
    public interface ForwardListener {
        void forwarded(long now, int bytes);
    }

    /** Sets the one listener told of each forwarded packet (a summary binning relay load over time), or null. */
    public void setForwardListener(ForwardListener l) {
        this.forwardListener = l;
    }

    private boolean write(Client c, byte[] f) {
        return c.conn.send(f);
    }

    private void drain(Client c) {
        boolean progress = false;
        while (!c.queue.isEmpty() && c.conn.bufferedBytes() < SOCKET_BUFFER) {
            deliver(c, c.queue.poll());
            progress = true;
        }
        if (c.queue.isEmpty()) {
            c.blockedSince = -1;
        } else if (progress) {
            blocked(c, host.network().now());
        }
    }

    private void blocked(Client c, long now) {
        c.blockedSince = now;
        host.network().loop().schedule(now + WRITE_TIMEOUT_NANOS, () -> {
            if (c.blockedSince == now && c.key != null && !c.queue.isEmpty()) {
                gone(c, "write timeout");
                c.conn.reset();
            }
        });
    }

    private void gone(Client c, String reason) {
        host.network().loop().cancel(c.keepAliveHandle);
        if (c.key == null || c.mesh) {
            return;
        }
        PublicKey key = c.key;
        if (clients.get(key) == c) {
            clients.remove(key);
        }
        c.key = null;
        emit(DerpEvent.DISCONNECTED, key, reason, 0);
        int lost = c.queue.size();
        if (lost > 0) {
            drops.merge("disconnected", (long) lost, Long::sum);
            c.queue.clear();
        }
        for (PublicKey peer : c.sentTo) {
            Client p = clients.get(peer);
            if (p != null) {
                p.conn.send(DerpFrame.frame(DerpFrame.PEER_GONE, key.bytes(), new byte[] {DerpFrame.PEER_GONE_DISCONNECTED}));
            }
        }
    }

    private void count(String reason, long bytes) {
        drops.merge(reason, 1L, Long::sum);
    }

    private void emit(String kind, PublicKey peer, String reason, long bytes) {
        if (trace.active()) {
            trace.emit(new DerpEvent(host.network().now(), kind, host.name(), region, shortKey(peer), reason, bytes));
        }
    }

    /** The first 8 base64 characters of a key, as Tailscale's logs shorten node keys. */
    static String shortKey(PublicKey k) {
        return k.toBase64().substring(0, 8);
    }
}
