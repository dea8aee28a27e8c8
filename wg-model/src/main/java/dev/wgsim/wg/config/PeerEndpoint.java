package dev.wgsim.wg.config;

import dev.wgsim.net.HostPort;
import dev.wgsim.net.IpAddress;

/**
 * A second type on purpose: the engine's {@code Endpoint} is a resolved address and wg-model may not
 * see it; this is the endpoint as a wg-quick file or {@code wg show} writes it.
 *
 * <p>A peer's UDP endpoint: an IP literal or a hostname, and a port. Hostnames are kept as written
 * (a wg-quick file may name {@code vpn.example.com}) but the simulator has no DNS, so
 * {@link #isResolved()} is false for them and {@link #address()} refuses.
 */
public record PeerEndpoint(String host, int port) {

    public PeerEndpoint {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("endpoint host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("endpoint port " + port + " is outside 0..65535");
        }
        if (IpAddress.isLiteral(host)) {
            host = IpAddress.parse(host).toString();
        }
    }

    /** An endpoint from raw address bytes (4 or 16). */
    public static PeerEndpoint of(byte[] address, int port) {
        return new PeerEndpoint(IpAddress.fromBytes(address).toString(), port);
    }

    /**
     * Parses {@code host:port}, {@code a.b.c.d:port} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static PeerEndpoint parse(String text) {
        HostPort hp = HostPort.split(text == null ? "" : text.strip());
        String host = hp.host();
        if (hp.bracketed() && (!IpAddress.isLiteral(host) || host.indexOf(':') < 0)) {
            throw new IllegalArgumentException("endpoint '" + hp.text() + "': '" + host
                    + "' inside brackets is not an IPv6 address");
        }
        if (!hp.bracketed() && !IpAddress.isLiteral(host) && !isHostname(host)) {
            throw new IllegalArgumentException("endpoint '" + hp.text() + "': '" + host
                    + "' is neither an IP address nor a hostname");
        }
        return new PeerEndpoint(host, hp.port(1));
    }

    private static boolean isHostname(String h) {
        if (h.length() > 253 || h.startsWith(".") || h.endsWith(".") && h.length() == 1) {
            return false;
        }
        if (h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return false; // a malformed IPv4 literal, not a name
        }
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() && !h.endsWith(".")) {
                return false;
            }
            if (label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            if (!label.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** True when the host is an IP literal the simulator can use. */
    public boolean isResolved() {
        return IpAddress.isLiteral(host);
    }

    public boolean isIpv6() {
        return isResolved() && host.indexOf(':') >= 0;
    }

    /** The 4 or 16 address bytes. */
    public byte[] address() {
        if (!isResolved()) {
            throw new IllegalStateException("endpoint host '" + host + "' is a hostname; the simulator does not resolve names");
        }
        return IpAddress.parse(host).toBytes();
    }

    /** As wg(8) prints it: {@code 192.0.2.1:51820}, {@code [2001:db8::1]:51820}, {@code host:port}. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
