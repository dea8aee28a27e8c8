package dev.wgsim.engine.net;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.net.InterfaceAddress;
import java.util.ArrayList;
import java.util.List;

/** Small topologies shared by the network tests. */
public final class TestNets {
    private TestNets() {
    }

    /** A datagram as a test receiver saw it. */
    public record Received(long time, Endpoint source, Endpoint destination, byte[] payload) {
    }

    /** Binds {@code port} on {@code host} and collects everything that arrives. */
    public static List<Received> collect(Host host, int port) {
        List<Received> out = new ArrayList<>();
        host.bind(port, (now, src, dst, payload) -> out.add(new Received(now, src, dst, payload)));
        return out;
    }

    /** Creates an interface on each host and a link between them. */
    public static Link connect(Network net, String name, Host a, String ifA, String addrA, Host b, String ifB, String addrB,
            LinkConfig aToB, LinkConfig bToA) {
        PhysicalInterface ia = a.addInterface(ifA, InterfaceAddress.parse(addrA));
        PhysicalInterface ib = b.addInterface(ifB, InterfaceAddress.parse(addrB));
        return new Link(net, name, ia, ib, aToB, bToA);
    }

    /** Two hosts a (10.0.0.1) and b (10.0.0.2) on one link shaped by {@code aToB} (and ideal back). */
    public record Pair(Network net, Host a, Host b, Link link) {
    }

    public static Pair pair(long seed, LinkConfig aToB) {
        Network net = new Network(seed);
        Host a = net.addHost("a");
        Host b = net.addHost("b");
        Link link = connect(net, "ab", a, "eth0", "10.0.0.1/24", b, "eth0", "10.0.0.2/24", aToB, LinkConfig.ideal());
        return new Pair(net, a, b, link);
    }

    public static final Endpoint B_PORT_9 = Endpoint.parse("10.0.0.2:9");
}
