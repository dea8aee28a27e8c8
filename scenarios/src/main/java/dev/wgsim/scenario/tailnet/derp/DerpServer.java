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
 * and a packet finding it full is dropped ({@code queue_full}). Left out: the 2 s write timeout
 * that disconnects a stuck client, rate limits, mesh forwarding between a region's servers (a
 * region here is one server: cheap to add as ForwardPacket between servers, not done yet), watchers.
 */
public final class DerpServer {
    public static final int PORT = 443;
    public static final int QUEUE_DEPTH = 32;
    public static final int SOCKET_BUFFER = 16 * 1024;
    public static final long KEEP_ALIVE_NANOS = 60_000_000_000L;

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
    private long connectionsTotal;

    /** One logged-in (or logging-in) client connection. */
    private final class Client {
        final StreamConnection conn;
        PublicKey key;
        boolean preferred;
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        final Set<PublicKey> sentTo = new LinkedHashSet<>();
        long keepAliveHandle;

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
                s.send(DerpFrame.frame(DerpFrame.SERVER_KEY, DerpFrame.MAGIC, serverKey.bytes()));
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
            login(c, k);
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
        if (to == null) {
            count("unknown_dest", packet.length);
            emit(DerpEvent.DROPPED, dst, "unknown_dest", packet.length);
            from.conn.send(DerpFrame.frame(DerpFrame.PEER_GONE, dst.bytes(), new byte[] {DerpFrame.PEER_GONE_NOT_HERE}));
            return;
        }
        byte[] f = DerpFrame.frame(DerpFrame.RECV_PACKET, from.key.bytes(), packet);
        if (to.queue.isEmpty() && to.conn.bufferedBytes() < SOCKET_BUFFER) {
            deliver(to, f);
        } else if (to.queue.size() < QUEUE_DEPTH) {
            to.queue.add(f);
        } else {
            count("queue_full", packet.length);
            emit(DerpEvent.DROPPED, dst, "queue_full", packet.length);
        }
    }

    private void deliver(Client to, byte[] f) {
        if (write(to, f)) {
            packetsForwarded++;
            bytesForwarded += f.length - DerpFrame.HEADER - DerpFrame.KEY;
        }
    }

    private boolean write(Client c, byte[] f) {
        return c.conn.send(f);
    }

    private void drain(Client c) {
        while (!c.queue.isEmpty() && c.conn.bufferedBytes() < SOCKET_BUFFER) {
            deliver(c, c.queue.poll());
        }
    }

    private void gone(Client c, String reason) {
        host.network().loop().cancel(c.keepAliveHandle);
        if (c.key == null) {
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
