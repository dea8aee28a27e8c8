package dev.wgsim.wg.device;

import java.net.InetSocketAddress;

/**
 * A UDP payload to transmit from the device's listen port towards {@code endpoint}; {@code bytes}
 * is owned by the receiver. Plain WireGuard's endpoints are {@link UdpEndpoint}s ({@link #to()});
 * a layer with its own {@link WgEndpoint} kind resolves {@link #endpoint()} itself.
 */
public record Datagram(WgEndpoint endpoint, byte[] bytes) {
    public Datagram(InetSocketAddress to, byte[] bytes) {
        this(new UdpEndpoint(to), bytes);
    }

    /** The UDP destination; fails for an endpoint kind that the layer below resolves. */
    public InetSocketAddress to() {
        if (endpoint instanceof UdpEndpoint u) {
            return u.address();
        }
        throw new IllegalStateException("not a UDP endpoint (resolved by the layer below): " + endpoint);
    }
}
