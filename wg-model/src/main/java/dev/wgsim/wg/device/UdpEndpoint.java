package dev.wgsim.wg.device;

import java.net.InetSocketAddress;

/** Plain WireGuard's endpoint: a literal UDP socket address (never resolved by name). */
public record UdpEndpoint(InetSocketAddress address) implements WgEndpoint {
    public UdpEndpoint {
        if (address == null || address.isUnresolved()) {
            throw new IllegalArgumentException("endpoint must be a literal address: " + address);
        }
    }

    @Override
    public byte[] cookieAddress() {
        return address.getAddress().getAddress();
    }

    @Override
    public int cookiePort() {
        return address.getPort();
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
