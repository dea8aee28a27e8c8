package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Conversions between the engine's endpoints and the JDK's socket addresses, which wg-model's device
 * speaks (never via DNS). Prefixes and interface addresses need none: both sides use net-types'.
 */
public final class AddressConversion {
    private AddressConversion() {
    }

    public static InetSocketAddress toSocketAddress(Endpoint e) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(e.address().toBytes()), e.port());
        } catch (UnknownHostException ex) {
            throw new IllegalStateException("a literal address cannot be unknown", ex);
        }
    }

    public static Endpoint toEndpoint(InetSocketAddress a) {
        return new Endpoint(IpAddress.fromBytes(a.getAddress().getAddress()), a.getPort());
    }

    /** How endpoints print in events: {@code 192.0.2.1:51820}, {@code [2001:db8::1]:51820}. */
    public static String endpointText(InetSocketAddress a) {
        return a == null ? "" : toEndpoint(a).toString();
    }
}
