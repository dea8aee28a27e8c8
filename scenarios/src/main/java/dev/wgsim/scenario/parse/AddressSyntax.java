package dev.wgsim.scenario.parse;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;

/**
 * Addresses as written in scenario files and the demo's form, parsed by the engine's types (strictly,
 * never via DNS). The engine's errors are worded for programmers; these are reworded for the person
 * writing the scenario, in the {@code reason|fix} form that {@link dev.wgsim.scenario.yaml.YNode#convert}
 * splits into the two halves of a scenario error.
 */
public final class AddressSyntax {
    private AddressSyntax() {
    }

    /** A literal IPv4 or IPv6 address. */
    public static IpAddress address(String text) {
        try {
            return IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address"
                    + "|Write an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1.", e);
        }
    }

    /**
     * {@code address/length} with the host bits kept, as an interface address or an address pool is
     * written ({@code 10.0.0.1/24}); a bare address has the host length (/32 or /128).
     */
    public static InterfaceAddress interfaceAddress(String text) {
        int slash = text.indexOf('/');
        IpAddress a = address(slash < 0 ? text : text.substring(0, slash));
        try {
            return InterfaceAddress.parse(text);
        } catch (IllegalArgumentException e) {
            // The address part parsed above, so the length is what is wrong.
            throw new IllegalArgumentException("'" + text + "' has a bad prefix length|Write a length from 0 to "
                    + a.bitLength() + " after the slash, e.g. 10.0.0.0/24.", e);
        }
    }

    /**
     * A route or allowed-IPs prefix. Host bits are cleared rather than refused ({@code 10.0.0.1/24}
     * means {@code 10.0.0.0/24}), as wg-quick does; a bare address is a host prefix.
     */
    public static IpPrefix prefix(String text) {
        return interfaceAddress(text).subnet();
    }

    /** {@code address:port} or {@code [v6]:port}, port 1 to 65535 (a peer cannot be sent to on port 0). */
    public static Endpoint endpoint(String text) {
        Endpoint e;
        try {
            e = Endpoint.parse(text);
        } catch (IllegalArgumentException ex) {
            throw portOutOfRange(text) ? outOfRange(text, ex) : notAnEndpoint(text, ex);
        }
        if (e.port() == 0) {
            throw outOfRange(text, null);
        }
        return e;
    }

    /** Whether {@code text} is a well-formed endpoint but for a numeric port outside 1..65535. */
    private static boolean portOutOfRange(String text) {
        int colon = text.lastIndexOf(':');
        String port = text.substring(colon + 1);
        if (colon < 0 || !port.matches("-?[0-9]{1,9}") || (Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535)) {
            return false;
        }
        try {
            Endpoint.parse(text.substring(0, colon + 1) + "1");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IllegalArgumentException outOfRange(String text, Exception cause) {
        String port = text.substring(text.lastIndexOf(':') + 1);
        return new IllegalArgumentException("port " + Integer.parseInt(port) + " in '" + text + "' is out of range"
                + "|Use a UDP port from 1 to 65535.", cause);
    }

    private static IllegalArgumentException notAnEndpoint(String text, Exception cause) {
        return new IllegalArgumentException("'" + text + "' is not an endpoint"
                + "|Write address:port, e.g. 192.0.2.1:51820 or [2001:db8::1]:51820.", cause);
    }
}
