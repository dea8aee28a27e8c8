package dev.wgsim.engine.app;

import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.UdpSocket;

/** Sends every datagram received on a port straight back to its source (like ns-3's UdpEchoServer). */
public final class UdpEchoServer {
    private final UdpSocket socket;
    private long echoed;

    public UdpEchoServer(Host host, int port) {
        UdpSocket[] self = new UdpSocket[1];
        this.socket = host.bind(port, (now, src, dst, payload) -> {
            echoed++;
            self[0].send(src, payload);
        });
        self[0] = socket;
    }

    public long echoed() {
        return echoed;
    }

    public int port() {
        return socket.port();
    }
}
