package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Conversions between the engine's address values, wg-model's and the JDK's (never via DNS). */
public final class AddressConversion {
    private AddressConversion() {
    }

    public static dev.wgsim.wg.routing.IpPrefix toWgPrefix(IpPrefix p) {
        return dev.wgsim.wg.routing.IpPrefix.parse(p.toString());
    }

    /** A device's allowed-IPs prefix (what its snapshot lists) as the engine's prefix. */
    public static IpPrefix toEnginePrefix(dev.wgsim.wg.routing.IpPrefix p) {
        return new IpPrefix(IpAddress.fromBytes(p.address()), p.bits());
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
