package dev.wgsim.engine.stream;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import java.util.HashMap;
import java.util.Map;

/** A listening TCP port: a SYN from a new remote starts a connection; each completed handshake goes to the acceptor. */
public final class TcpListener {
    /** Called once per connection when its handshake completes; returns the connection's listener. */
    @FunctionalInterface
    public interface Acceptor {
        TcpConnection.Listener accept(TcpConnection c);
    }

    private final Host host;
    private final int port;
    private final TcpConfig config;
    private final Acceptor acceptor;
    private final Map<Endpoint, TcpConnection> connections = new HashMap<>();
    private boolean accepting = true;

    private TcpListener(Host host, int port, TcpConfig config, Acceptor acceptor) {
        this.host = host;
        this.port = port;
        this.config = config;
        this.acceptor = acceptor;
    }

    /** Listens on TCP {@code port} of {@code host}. */
    public static TcpListener listen(Host host, int port, TcpConfig config, Acceptor acceptor) {
        if (host == null || config == null || acceptor == null || port < 1 || port > 65535) {
            throw new IllegalArgumentException("listen needs a host, a port 1..65535, a config and an acceptor");
        }
        TcpListener l = new TcpListener(host, port, config, acceptor);
        host.bindTcp(port, (now, p) -> l.receive(p));
        return l;
    }

    public int port() {
        return port;
    }

    /** Connections in progress or open. */
    public int connections() {
        return connections.size();
    }

    /** Stops accepting: later SYNs are refused with a reset; open connections go on. */
    public void close() {
        accepting = false;
        if (connections.isEmpty()) {
            host.unbindTcp(port);
        }
    }

    private void receive(IpPacket p) {
        Endpoint remote = p.sourceEndpoint();
        TcpConnection c = connections.get(remote);
        if (c != null) {
            c.receive(p);
            return;
        }
        TcpSegment seg = TcpSegment.decode(p.payload());
        if (seg == null) {
            host.drop(DropReason.MALFORMED, p);
            return;
        }
        if (!accepting || !seg.has(TcpSegment.SYN) || seg.has(TcpSegment.ACK) || seg.has(TcpSegment.RST)) {
            host.drop(DropReason.TCP_NO_CONNECTION, p);
            host.refuseTcp(p);
            return;
        }
        connections.put(remote, TcpConnection.accept(host, port, remote, config, this, seg));
    }

    TcpConnection.Listener accepted(TcpConnection c) {
        return acceptor.accept(c);
    }

    void remove(Endpoint remote) {
        connections.remove(remote);
        if (!accepting && connections.isEmpty()) {
            host.unbindTcp(port);
        }
    }
}
