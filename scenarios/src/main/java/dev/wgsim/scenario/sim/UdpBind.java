package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.UdpSocket;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/** The plain {@link Bind}: one UDP port of the host, as the kernel's WireGuard uses its socket. */
public final class UdpBind implements Bind {
    private final Host host;
    // Endpoints are few (one per peer and path); converting them once keeps the per-packet path
    // free of address parsing and allocation.
    private final Map<Endpoint, InetSocketAddress> inetCache = new HashMap<>();
    private final Map<InetSocketAddress, Endpoint> endpointCache = new HashMap<>();
    private UdpSocket socket;

    public UdpBind(Host host) {
        this.host = host;
    }

    @Override
    public int open(int port, Receiver receiver) {
        if (socket != null) {
            throw new IllegalStateException("this bind is already open on port " + socket.port());
        }
        socket = host.bind(port, (now, source, destination, payload) ->
                receiver.receive(now, inetCache.computeIfAbsent(source, AddressConversion::toSocketAddress), payload));
        return socket.port();
    }

    @Override
    public void send(long now, InetSocketAddress to, byte[] datagram) {
        socket.send(endpointCache.computeIfAbsent(to, AddressConversion::toEndpoint), datagram);
    }

    @Override
    public void setMark(long mark) {
        socket.setMark(mark);
    }

    @Override
    public long mark() {
        return socket.mark();
    }

    @Override
    public void close() {
        socket.close();
    }
}
