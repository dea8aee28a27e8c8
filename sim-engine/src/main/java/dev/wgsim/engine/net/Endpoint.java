package dev.wgsim.engine.net;

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
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty endpoint");
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [ipv6]:port, got '" + text + "'");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("endpoint '" + text + "' has no :port");
            }
            if (text.indexOf(':') != colon) {
                throw new IllegalArgumentException("IPv6 endpoint must be written [address]:port, got '" + text + "'");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad port '" + port + "' in endpoint '" + text + "'");
        }
        int p = Integer.parseInt(port);
        if (p > 65535) {
            throw new IllegalArgumentException("port " + p + " outside 0..65535 in endpoint '" + text + "'");
        }
        return new Endpoint(IpAddress.parse(host), p);
    }

    @Override
    public String toString() {
        return address.isV6() ? "[" + address + "]:" + port : address + ":" + port;
    }
}
