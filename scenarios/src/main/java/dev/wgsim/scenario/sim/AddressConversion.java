package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Conversions between the engine's address values, wg-model's and the JDK's (never via DNS). */
final class AddressConversion {
    private AddressConversion() {
    }

    static dev.wgsim.wg.routing.IpPrefix toWgPrefix(IpPrefix p) {
        return dev.wgsim.wg.routing.IpPrefix.parse(p.toString());
    }

    static InetSocketAddress toSocketAddress(Endpoint e) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(e.address().toBytes()), e.port());
        } catch (UnknownHostException ex) {
            throw new IllegalStateException("a literal address cannot be unknown", ex);
        }
    }

    static Endpoint toEndpoint(InetSocketAddress a) {
        return new Endpoint(IpAddress.fromBytes(a.getAddress().getAddress()), a.getPort());
    }

    /** How endpoints print in events: {@code 192.0.2.1:51820}, {@code [2001:db8::1]:51820}. */
    static String endpointText(InetSocketAddress a) {
        return a == null ? "" : toEndpoint(a).toString();
    }
}
