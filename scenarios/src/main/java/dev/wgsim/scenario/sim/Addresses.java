package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.scenario.net.IpAddr;
import dev.wgsim.scenario.net.Prefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Conversions between the scenario's address values, the engine's and wg-model's (never via DNS). */
final class Addresses {
    private Addresses() {
    }

    static IpAddress engine(IpAddr a) {
        return a.v6() ? IpAddress.v6(a.hi(), a.lo()) : IpAddress.v4((int) a.lo());
    }

    static IpPrefix engine(Prefix p) {
        return IpPrefix.masked(engine(p.address()), p.length());
    }

    static InterfaceAddress iface(IpAddr a) {
        return new InterfaceAddress(engine(a), a.bits());
    }

    static InterfaceAddress iface(Prefix p) {
        return new InterfaceAddress(engine(p.address()), p.length());
    }

    static Endpoint engine(dev.wgsim.scenario.net.Endpoint e) {
        return new Endpoint(engine(e.address()), e.port());
    }

    static dev.wgsim.wg.routing.IpPrefix wg(Prefix p) {
        return dev.wgsim.wg.routing.IpPrefix.parse(p.network().toString());
    }

    static InetSocketAddress inet(Endpoint e) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(e.address().toBytes()), e.port());
        } catch (UnknownHostException ex) {
            throw new IllegalStateException("a literal address cannot be unknown", ex);
        }
    }

    static Endpoint engine(InetSocketAddress a) {
        return new Endpoint(IpAddress.fromBytes(a.getAddress().getAddress()), a.getPort());
    }

    /** How endpoints print in events: {@code 192.0.2.1:51820}, {@code [2001:db8::1]:51820}. */
    static String text(InetSocketAddress a) {
        return a == null ? "" : engine(a).toString();
    }
}
