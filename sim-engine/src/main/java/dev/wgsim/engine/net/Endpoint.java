package dev.wgsim.engine.net;

import dev.wgsim.net.HostPort;
import dev.wgsim.net.IpAddress;

/**
 * A UDP endpoint: address and port. Text form is {@code 192.0.2.1:51820} or {@code [2001:db8::1]:51820}.
 * wg-model's {@code PeerEndpoint} is the other one on purpose: it keeps a config file's host name,
 * which the simulated network, without DNS, never resolves.
 */
public record Endpoint(IpAddress address, int port) {

    public Endpoint {
        if (address == null) {
            throw new IllegalArgumentException("endpoint address is null");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " outside 0..65535");
        }
    }

    public static Endpoint of(String address, int port) {
        return new Endpoint(IpAddress.parse(address), port);
    }

    /** Parses "1.2.3.4:51820" or "[2001:db8::1]:51820"; an IPv6 address must be bracketed. */
    public static Endpoint parse(String text) {
        HostPort hp = HostPort.split(text);
        return new Endpoint(hp.address(), hp.port(0));
    }

    @Override
    public String toString() {
        return address.isV6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
