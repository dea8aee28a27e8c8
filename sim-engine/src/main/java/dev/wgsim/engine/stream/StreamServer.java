package dev.wgsim.engine.stream;

import dev.wgsim.engine.net.Host;
import java.util.function.Function;

/** Accepts {@link StreamConnection}s on a TCP port; the acceptor gives each one its handler once TCP is up. */
public final class StreamServer {
    private final TcpListener listener;

    private StreamServer(TcpListener listener) {
        this.listener = listener;
    }

    public static StreamServer listen(Host host, int port, StreamConfig config, Function<StreamConnection, StreamConnection.Handler> acceptor) {
        if (acceptor == null || config == null) {
            throw new IllegalArgumentException("listen needs a config and an acceptor");
        }
        return new StreamServer(TcpListener.listen(host, port, config.tcp(), tcp -> {
            StreamConnection s = StreamConnection.accepted(tcp, config);
            s.setHandler(acceptor.apply(s));
            return s.tcpListener();
        }));
    }

    public int port() {
        return listener.port();
    }

    /** Connections being set up or open. */
    public int connections() {
        return listener.connections();
    }

    /** Stops accepting new connections. */
    public void close() {
        listener.close();
    }
}
