package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostTest {

    @Test
    void udpCrossesALinkWithItsDelayAndCarriesTheRouteSourceAddress() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.builder().delayNanos(2_000_000).build());
        List<TestNets.Received> got = TestNets.collect(p.b(), 9);
        UdpSocket s = p.a().bind(4000, (n, src, dst, payload) -> { });
        p.net().at(1_000, () -> s.send(TestNets.B_PORT_9, new byte[] {1, 2, 3}));
        p.net().loop().run();
        assertEquals(1, got.size());
        assertEquals(2_001_000, got.get(0).time());
        assertEquals(Endpoint.parse("10.0.0.1:4000"), got.get(0).source());
        assertEquals(TestNets.B_PORT_9, got.get(0).destination());
        assertArrayEquals(new byte[] {1, 2, 3}, got.get(0).payload());
    }

    @Test
    void unboundPortAndMissingRouteAreDroppedWithReasons() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.ideal());
        UdpSocket s = p.a().bind(0, (n, src, dst, payload) -> { });
        s.send(Endpoint.parse("10.0.0.2:1234"), new byte[1]);
        s.send(Endpoint.parse("8.8.8.8:53"), new byte[1]);
        p.net().loop().run();
        assertEquals(1, p.net().drops(DropReason.PORT_UNREACHABLE));
        assertEquals(1, p.net().drops(DropReason.NO_ROUTE));
        assertEquals(49152, s.port());
        assertThrows(IllegalStateException.class, () -> p.b().bind(0, (n, src, dst, x) -> { }).host().bind(49152, (n, a, b, c) -> { }));
    }

    @Test
    void longestPrefixWinsThenDefaultRoute() {
        Network net = new Network(1);
        Host h = net.addHost("h");
        NetInterface wide = h.addInterface("eth0", InterfaceAddress.parse("10.0.0.1/8"));
        NetInterface narrow = h.addInterface("eth1", InterfaceAddress.parse("10.1.2.1/24"));
        NetInterface dflt = h.addInterface("eth2", InterfaceAddress.parse("192.0.2.1/24"));
        h.setDefaultRoute(dflt);
        h.addRoute(IpPrefix.parse("10.1.2.128/25"), wide);
        assertSame(narrow, h.routes().lookup(IpAddress.parse("10.1.2.3")));
        assertSame(wide, h.routes().lookup(IpAddress.parse("10.1.2.200")));
        assertSame(wide, h.routes().lookup(IpAddress.parse("10.9.9.9")));
        assertSame(dflt, h.routes().lookup(IpAddress.parse("8.8.8.8")));
        assertEquals(null, h.routes().lookup(IpAddress.parse("2001:db8::1")));
    }

    @Test
    void pingIsAnsweredByTheHostStackOverARouterInIpv4AndIpv6() {
        for (String[] addrs : new String[][] {{"10.0.1.2/24", "10.0.1.1/24", "10.0.2.1/24", "10.0.2.2/24"},
                {"fd00:1::2/64", "fd00:1::1/64", "fd00:2::1/64", "fd00:2::2/64"}}) {
            Network net = new Network(3);
            Host client = net.addHost("client");
            Host router = net.addRouter("router");
            Host server = net.addHost("server");
            Link l1 = TestNets.connect(net, "l1", client, "eth0", addrs[0], router, "r0", addrs[1],
                    LinkConfig.builder().delayNanos(1_000_000).build(), LinkConfig.builder().delayNanos(1_000_000).build());
            TestNets.connect(net, "l2", router, "r1", addrs[2], server, "eth0", addrs[3],
                    LinkConfig.builder().delayNanos(4_000_000).build(), LinkConfig.builder().delayNanos(4_000_000).build());
            client.setDefaultRoute(l1.a());
            server.setDefaultRoute(server.iface("eth0"));
            List<Long> rtts = new ArrayList<>();
            List<Integer> ttls = new ArrayList<>();
            int id = client.allocateEchoIdentifier();
            client.registerEcho(id, (now, reply) -> {
                rtts.add(now);
                ttls.add(reply.ttl());
            });
            IpAddress dst = InterfaceAddress.parse(addrs[3]).address();
            client.send(IpPacket.echoRequest(client.sourceAddressFor(dst), dst, id, 1, new byte[56]));
            net.loop().run();
            assertEquals(List.of(10_000_000L), rtts, "RTT = 2 x (1 ms + 4 ms)");
            assertEquals(List.of(63), ttls, "one router hop decrements the TTL");
        }
    }

    @Test
    void roamingChangesTheSourceOfNewPacketsAndKeepsSocketsBound() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.ideal());
        List<TestNets.Received> got = TestNets.collect(p.b(), 9);
        List<TestNets.Received> back = TestNets.collect(p.a(), 4000);
        UdpSocket s = p.a().bind(4001, (n, src, dst, payload) -> { });
        s.send(TestNets.B_PORT_9, new byte[1]);
        p.net().at(5, () -> p.a().setAddress(p.a().iface("eth0"), InterfaceAddress.parse("10.0.0.77/24")));
        p.net().at(10, () -> s.send(TestNets.B_PORT_9, new byte[1]));
        p.net().at(20, () -> p.b().bind(5000, (n, src, dst, x) -> { }).send(Endpoint.parse("10.0.0.77:4000"), new byte[2]));
        p.net().loop().run();
        assertEquals(IpAddress.parse("10.0.0.1"), got.get(0).source().address());
        assertEquals(IpAddress.parse("10.0.0.77"), got.get(1).source().address());
        assertEquals(4001, got.get(1).source().port());
        assertEquals(1, back.size(), "the socket bound before the move receives at the new address");
    }

    @Test
    void tunnelInterfaceTakesRoutedPacketsAndDeliversInnerOnes() {
        Network net = new Network(1);
        Host h = net.addHost("h");
        TunnelInterface wg0 = h.addTunnel("wg0", InterfaceAddress.parse("10.200.0.2/24"));
        List<IpPacket> toTunnel = new ArrayList<>();
        wg0.setDriver((now, inner) -> toTunnel.add(inner));
        List<TestNets.Received> got = TestNets.collect(h, 7);
        UdpSocket s = h.bind(0, (n, src, dst, x) -> { });
        s.send(Endpoint.parse("10.200.0.1:7"), new byte[] {42});
        assertEquals(1, toTunnel.size());
        assertEquals(IpAddress.parse("10.200.0.2"), toTunnel.get(0).source());
        // what WireGuard would hand back after decrypting: bytes decoded into a packet for this host
        IpPacket inner = IpPacket.decode(IpPacket.udp(Endpoint.parse("10.200.0.1:7000"), Endpoint.parse("10.200.0.2:7"),
                new byte[] {5}).toBytes()).packet();
        wg0.deliver(inner);
        assertEquals(1, got.size());
        assertEquals(Endpoint.parse("10.200.0.1:7000"), got.get(0).source());
        wg0.deliver(IpPacket.echoRequest(IpAddress.parse("10.200.0.1"), IpAddress.parse("10.200.0.2"), 9, 1, new byte[0]));
        assertEquals(2, toTunnel.size(), "the echo reply goes back into the tunnel");
        assertEquals(IpPacket.Kind.ECHO_REPLY, toTunnel.get(1).kind());
    }

    @Test
    void dualStackInterfacePicksTheSourceOfTheDestinationsFamily() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.ideal());
        p.a().setAddress(p.a().iface("eth0"), InterfaceAddress.parse("2001:db8::1/64"));
        p.b().setAddress(p.b().iface("eth0"), InterfaceAddress.parse("2001:db8::2/64"));
        assertEquals(2, p.a().iface("eth0").addresses().size());
        List<TestNets.Received> got = TestNets.collect(p.b(), 9);
        UdpSocket s = p.a().bind(4000, (n, src, dst, x) -> { });
        s.send(Endpoint.parse("[2001:db8::2]:9"), new byte[1]);
        s.send(TestNets.B_PORT_9, new byte[1]);
        p.net().loop().run();
        assertEquals(Endpoint.parse("[2001:db8::1]:4000"), got.get(0).source());
        assertEquals(Endpoint.parse("10.0.0.1:4000"), got.get(1).source());
        p.a().setAddress(p.a().iface("eth0"), InterfaceAddress.parse("2001:db8::99/64"));
        assertEquals(IpAddress.parse("10.0.0.1"), p.a().iface("eth0").address(false), "replacing IPv6 keeps IPv4");
        assertEquals(IpAddress.parse("2001:db8::99"), p.a().iface("eth0").address(true));
    }
}
