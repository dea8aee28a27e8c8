package dev.wgsim.scenario.tailnet.derp;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.stream.StreamConfig;
import dev.wgsim.engine.stream.StreamConnection;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's connection to one DERP server. {@link #connect} opens TCP + TLS (2 RTT); the server's
 * ServerKey arrives, the client answers ClientInfo and may send at once (3 RTT in all, as
 * {@code derp_client.go} does not wait for ServerInfo). Packets sent before that wait in order.
 *
 * <p>{@link #notePreferred(boolean)} marks the home region. A connection that is not home closes
 * after {@link #IDLE_NANOS} without a packet sent (magicsock's 60 s clean-up of idle non-home
 * DERP connections); the home connection stays.
 */
public final class DerpClient {
    /** What a tailnet node hears from the relay. */
    public interface Listener {
        /** Logged in: sends go out now (3 RTT after {@link #connect}). */
        default void onReady(DerpClient c) {
        }

        void onPacket(DerpClient c, PublicKey source, byte[] packet);

        /** The relay says {@code peer} is gone ({@link DerpFrame#PEER_GONE_NOT_HERE} or _DISCONNECTED). */
        default void onPeerGone(DerpClient c, PublicKey peer, int reason) {
        }

        /** The connection ended ("idle", "closed", "reset by peer", "timeout", "refused", ...). */
        default void onClosed(DerpClient c, String reason) {
        }
    }

    public static final long IDLE_NANOS = 60_000_000_000L;

    private final Host host;
    private final PublicKey nodeKey;
    private final Endpoint server;
    private final int region;
    private final Listener listener;
    private StreamConnection conn;
    private PublicKey serverKey;
    private boolean ready;
    private boolean closed;
    private boolean preferred;
    private final List<byte[]> waiting = new ArrayList<>();
    private long lastWrite;
    private long idleHandle = EventLoop.NO_EVENT;
    private long connectedAt = -1;
    private long startedAt = -1;
    private final Map<String, Long> pings = new HashMap<>();
    private long lastPingRtt = -1;
    private long sent;
    private long received;
    private long sendFailures;

    public DerpClient(Host host, PublicKey nodeKey, Endpoint server, int region, Listener listener) {
        if (host == null || nodeKey == null || server == null || listener == null) {
            throw new IllegalArgumentException("a DERP client needs a host, its node key, the server and a listener");
        }
        this.host = host;
        this.nodeKey = nodeKey;
        this.server = server;
        this.region = region;
        this.listener = listener;
    }

    /** Opens the connection now. */
    public DerpClient connect() {
        if (conn != null) {
            throw new IllegalStateException("already connected");
        }
        startedAt = host.network().now();
        lastWrite = startedAt;
        conn = StreamConnection.connect(host, server, StreamConfig.defaults().withFraming(DerpFrame.FRAMING),
                new StreamConnection.Handler() {
                    @Override
                    public void onOpen(StreamConnection c) {
                    }

                    @Override
                    public void onMessage(StreamConnection c, byte[] frame) {
                        onFrame(frame);
                    }

                    @Override
                    public void onClose(StreamConnection c, String reason) {
                        finish(reason);
                    }
                });
        armIdle();
        return this;
    }

    public int region() {
        return region;
    }

    public Endpoint server() {
        return server;
    }

    public boolean isReady() {
        return ready;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The relay's key from its ServerKey frame, or null before it came. */
    public PublicKey serverKey() {
        return serverKey;
    }

    /** Time from {@link #connect} to ready (3 RTT on a clean path), or -1. */
    public long setupNanos() {
        return connectedAt < 0 ? -1 : connectedAt - startedAt;
    }

    /** The round trip of the last answered {@link #ping}, or -1. */
    public long lastPingRttNanos() {
        return lastPingRtt;
    }

    /** Packets sent and received through the relay; sends refused because the connection had closed. */
    public long packetsSent() {
        return sent;
    }

    public long packetsReceived() {
        return received;
    }

    public long sendFailures() {
        return sendFailures;
    }

    /** Sends {@code packet} to {@code destination} via the relay; false (and counted) once closed. */
    public boolean send(PublicKey destination, byte[] packet) {
        if (closed || conn == null) {
            sendFailures++;
            return false;
        }
        if (packet.length > DerpFrame.MAX_PACKET) {
            throw new IllegalArgumentException("DERP carries packets up to " + DerpFrame.MAX_PACKET + " bytes");
        }
        byte[] f = DerpFrame.frame(DerpFrame.SEND_PACKET, destination.bytes(), packet);
        lastWrite = host.network().now();
        sent++;
        if (!ready) {
            waiting.add(f);
            return true;
        }
        return conn.send(f);
    }

    /** Tells the relay whether this is the node's home region (NotePreferred); home connections never idle out. */
    public void notePreferred(boolean home) {
        preferred = home;
        if (ready) {
            conn.send(DerpFrame.frame(DerpFrame.NOTE_PREFERRED, new byte[] {(byte) (home ? 1 : 0)}));
        }
        armIdle();
    }

    public boolean isPreferred() {
        return preferred;
    }

    /** Sends a Ping with 8 bytes of data; the Pong's round trip shows in {@link #lastPingRttNanos}. */
    public void ping() {
        if (!ready) {
            return;
        }
        byte[] data = new byte[8];
        long now = host.network().now();
        for (int i = 0; i < 8; i++) {
            data[i] = (byte) (now >>> (56 - 8 * i));
        }
        pings.put(Arrays.toString(data), now);
        conn.send(DerpFrame.frame(DerpFrame.PING, data));
    }

    /** Closes the connection (FIN). */
    public void close() {
        if (conn != null && !closed) {
            conn.close();
        }
    }

    private void onFrame(byte[] f) {
        switch (DerpFrame.type(f)) {
            case DerpFrame.SERVER_KEY -> {
                byte[] magic = Arrays.copyOfRange(f, DerpFrame.HEADER, Math.min(f.length, DerpFrame.HEADER + 8));
                PublicKey k = DerpFrame.key(f, 8);
                if (!DerpFrame.isMagic(magic) || k == null) {
                    conn.reset();
                    return;
                }
                serverKey = k;
                conn.send(DerpFrame.frame(DerpFrame.CLIENT_INFO, nodeKey.bytes(),
                        DerpFrame.box("{\"version\":2,\"CanAckPings\":true}")));
                ready = true;
                connectedAt = host.network().now();
                if (preferred) {
                    conn.send(DerpFrame.frame(DerpFrame.NOTE_PREFERRED, new byte[] {1}));
                }
                for (byte[] w : waiting) {
                    conn.send(w);
                }
                waiting.clear();
                listener.onReady(this);
            }
            case DerpFrame.RECV_PACKET -> {
                PublicKey src = DerpFrame.key(f, 0);
                if (src != null) {
                    received++;
                    listener.onPacket(this, src, DerpFrame.rest(f, DerpFrame.KEY));
                }
            }
            case DerpFrame.PEER_GONE -> {
                PublicKey peer = DerpFrame.key(f, 0);
                if (peer != null) {
                    int reason = DerpFrame.payloadLength(f) > DerpFrame.KEY ? f[DerpFrame.HEADER + DerpFrame.KEY] & 0xFF : 0;
                    listener.onPeerGone(this, peer, reason);
                }
            }
            case DerpFrame.PING -> conn.send(DerpFrame.frame(DerpFrame.PONG, DerpFrame.rest(f, 0)));
            case DerpFrame.PONG -> {
                Long at = pings.remove(Arrays.toString(DerpFrame.rest(f, 0)));
                if (at != null) {
                    lastPingRtt = host.network().now() - at;
                }
            }
            default -> {
                // ServerInfo, KeepAlive, and frame types this client does not use
            }
        }
    }

    private void armIdle() {
        EventLoop loop = host.network().loop();
        loop.cancel(idleHandle);
        idleHandle = EventLoop.NO_EVENT;
        if (!preferred && !closed && conn != null) {
            idleHandle = loop.schedule(lastWrite + IDLE_NANOS, this::onIdleTimer);
        }
    }

    private void onIdleTimer() {
        idleHandle = EventLoop.NO_EVENT;
        if (preferred || closed) {
            return;
        }
        long due = lastWrite + IDLE_NANOS;
        if (host.network().now() < due) {
            idleHandle = host.network().loop().schedule(due, this::onIdleTimer);
            return;
        }
        finish("idle"); // first, so the stream's own "closed" that follows is not reported
        conn.close();
    }

    private void finish(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        host.network().loop().cancel(idleHandle);
        listener.onClosed(this, reason);
    }
}
