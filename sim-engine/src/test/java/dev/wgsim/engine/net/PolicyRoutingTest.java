package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Policy routing as wg-quick sets it up for a full tunnel on Linux, several addresses per
 * interface, the tunnel MTU, and the O(1) local-address table checked against the scan it replaced.
 */
class PolicyRoutingTest {

    /**
     * The rules and routes {@code wg-quick up} creates for {@code AllowedIPs = 0.0.0.0/0, ::/0} with
     * the default Table = auto and no FwMark (wg-quick(8), add_default):
     * <pre>
     * ip -4 rule add not fwmark 51820 table 51820
     * ip -4 rule add table main suppress_prefixlength 0
     * ip -4 route add 0.0.0.0/0 dev wg0 table 51820    (and the same three for -6)
     * </pre>
     * ip rule add without a priority takes one below the lowest existing non-zero one: 32765 for the
     * first, 32764 for the second. Expected interfaces are read off those rules by hand.
     */
    @Test
    void fullTunnelRulesSendEverythingThroughWg0ExceptMarkedDatagramsAndMoreSpecificRoutes() {
        Network net = new Network(1);
        Host h = net.addHost("laptop");
        NetInterface eth0 = h.addInterface("eth0", InterfaceAddress.parse("192.168.1.10/24"));
        h.addAddress(eth0, InterfaceAddress.parse("2001:db8:1::10/64"));
        h.setDefaultRoute(eth0);
        TunnelInterface wg0 = h.addTunnel("wg0", InterfaceAddress.parse("10.8.0.2/24"));
        h.addAddress(wg0, InterfaceAddress.parse("fd42::2/64"));
        h.addRoute(IpPrefix.parse("10.8.0.3/32"), wg0); // a /32 peer: wg-quick puts it in main
        for (int family : new int[] {4, 6}) {
            h.addRule(new RouteRule(32765, family, 51820, true, 51820, -1));
            h.addRule(new RouteRule(32764, family, -1, false, Host.MAIN_TABLE, 0));
        }
        h.table(51820).add(IpPrefix.parse("0.0.0.0/0"), wg0);
        h.table(51820).add(IpPrefix.parse("::/0"), wg0);

        String[][] table = {
            // destination,        mark,    expected (by hand from the rules above)
            {"198.51.100.80",      "0",     "wg0"},   // web: main's default suppressed, table 51820
            {"198.51.100.80",      "51820", "eth0"},  // WireGuard's own datagram: main's default
            {"192.168.1.1",        "0",     "eth0"},  // the LAN stays on the LAN (/24 not suppressed)
            {"10.8.0.3",           "0",     "wg0"},   // the /32 peer route in main
            {"10.8.0.77",          "0",     "wg0"},   // wg0's connected /24
            {"2001:db8:ffff::1",   "0",     "wg0"},
            {"2001:db8:ffff::1",   "51820", "eth0"},
            {"2001:db8:1::1",      "0",     "eth0"},
            {"fd42::1",            "0",     "wg0"},
            {"203.0.113.1",        "7",     "wg0"},   // another mark is not WireGuard's
        };
        for (String[] row : table) {
            NetInterface got = h.route(IpAddress.parse(row[0]), Long.parseLong(row[1]));
            assertEquals(row[2], got == null ? null : got.name(), row[0] + " mark " + row[1]);
        }
        assertEquals(5, h.rules().size(), "two per family plus main");
        assertEquals("32764:\tfrom all lookup main suppress_prefixlength 0", h.rules().get(0).toString());
        assertEquals("32765:\tfrom all not fwmark 0xca6c lookup 51820", h.rules().get(2).toString());
    }

    @Test
    void markedDatagramsLeaveByTheMainTableAndTheOthersByTheTunnel() {
        Network net = new Network(1);
        Host h = net.addHost("laptop");
        NetInterface eth0 = h.addInterface("eth0", InterfaceAddress.parse("192.168.1.10/24"));
        h.setDefaultRoute(eth0);
        TunnelInterface wg0 = h.addTunnel("wg0", InterfaceAddress.parse("10.8.0.2/24"));
        List<IpPacket> intoTunnel = new ArrayList<>();
        wg0.setDriver((now, p) -> intoTunnel.add(p));
        h.addRule(new RouteRule(32765, 4, 51820, true, 51820, -1));
        h.addRule(new RouteRule(32764, 4, -1, false, Host.MAIN_TABLE, 0));
        h.table(51820).add(IpPrefix.parse("0.0.0.0/0"), wg0);

        UdpSocket wg = h.bind(51820, (n, s, d, p) -> { });
        wg.setMark(51820);
        UdpSocket app = h.bind(5000, (n, s, d, p) -> { });
        wg.send(Endpoint.parse("203.0.113.1:51820"), new byte[8]);
        app.send(Endpoint.parse("198.51.100.80:80"), new byte[8]);
        net.loop().run();
        assertEquals(1, intoTunnel.size(), "only the application's datagram enters wg0");
        assertEquals(IpAddress.parse("10.8.0.2"), intoTunnel.get(0).source(), "with wg0's address");
        assertEquals(1, net.drops(DropReason.INTERFACE_DOWN), "the marked one left by eth0, which has no link");
    }

    @Test
    void sourceAddressIsChosenByFamilyAndSubnetOfTheOutgoingInterface() {
        Network net = new Network(1);
        Host h = net.addHost("h");
        TunnelInterface wg0 = h.addTunnel("wg0", InterfaceAddress.parse("10.8.0.2/24"));
        h.addAddress(wg0, InterfaceAddress.parse("fd42::2/64"));
        h.addAddress(wg0, InterfaceAddress.parse("10.9.0.2/24"));
        h.addAddress(wg0, InterfaceAddress.parse("fd43::2/64"));
        h.addRoute(IpPrefix.parse("0.0.0.0/0"), wg0);
        h.addRoute(IpPrefix.parse("::/0"), wg0);
        assertEquals(IpAddress.parse("10.8.0.2"), h.sourceAddressFor(IpAddress.parse("10.8.0.1")));
        assertEquals(IpAddress.parse("10.9.0.2"), h.sourceAddressFor(IpAddress.parse("10.9.0.1")));
        assertEquals(IpAddress.parse("10.8.0.2"), h.sourceAddressFor(IpAddress.parse("198.51.100.1")), "primary");
        assertEquals(IpAddress.parse("fd42::2"), h.sourceAddressFor(IpAddress.parse("2001:db8::1")));
        assertEquals(IpAddress.parse("fd43::2"), h.sourceAddressFor(IpAddress.parse("fd43::1")));
        assertEquals(4, wg0.addresses().size());
        assertTrue(h.isLocal(IpAddress.parse("fd43::2")));
        assertSame(wg0, h.routes().get(IpPrefix.parse("10.9.0.0/24")), "each address brings its connected route");
    }

    @Test
    void packetsLargerThanTheTunnelMtuAreDroppedWithTheirOwnReason() {
        Network net = new Network(1);
        Host h = net.addHost("h");
        TunnelInterface wg0 = h.addTunnel("wg0", InterfaceAddress.parse("10.8.0.2/24"));
        List<IpPacket> in = new ArrayList<>();
        wg0.setDriver((now, p) -> in.add(p));
        wg0.setMtu(1420);
        UdpSocket s = h.bind(5000, (n, a, b, c) -> { });
        s.send(Endpoint.parse("10.8.0.1:9"), new byte[1420 - 28]); // 20 IPv4 + 8 UDP: exactly 1420
        s.send(Endpoint.parse("10.8.0.1:9"), new byte[1420 - 27]);
        net.loop().run();
        assertEquals(1, in.size());
        assertEquals(1420, in.get(0).wireLength());
        assertEquals(1, net.drops(DropReason.TUNNEL_MTU));
    }

    /** The old isLocal scanned every interface; the hash must agree with that scan after any change. */
    @Test
    void localAddressTableAgreesWithAScanOfEveryInterface() {
        Network net = new Network(1);
        Host h = net.addHost("h");
        Random r = new Random(7);
        List<NetInterface> ifs = new ArrayList<>();
        List<IpAddress> probes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            probes.add(IpAddress.parse("10.0.0." + i));
            probes.add(IpAddress.parse("fd00::" + Integer.toHexString(i)));
        }
        int checked = 0;
        for (int step = 0; step < 400; step++) {
            IpAddress a = probes.get(r.nextInt(probes.size()));
            InterfaceAddress ia = new InterfaceAddress(a, a.isV6() ? 64 : 24);
            switch (ifs.isEmpty() ? 0 : r.nextInt(4)) {
                case 0 -> ifs.add(r.nextBoolean() ? h.addInterface("eth" + step, ia) : h.addTunnel("wg" + step, ia));
                case 1 -> h.setAddress(ifs.get(r.nextInt(ifs.size())), ia);
                case 2 -> h.addAddress(ifs.get(r.nextInt(ifs.size())), ia);
                default -> h.roam(ifs.get(r.nextInt(ifs.size())), ifs.get(r.nextInt(ifs.size())));
            }
            for (IpAddress p : probes) {
                boolean scan = false;
                for (NetInterface i : h.interfaces()) {
                    for (InterfaceAddress x : i.addresses()) {
                        scan |= x.address().equals(p);
                    }
                }
                assertEquals(scan, h.isLocal(p), "step " + step + " " + p);
                checked++;
            }
        }
        assertEquals(400 * 32, checked);
        assertFalse(h.isLocal(IpAddress.parse("192.0.2.1")));
    }

    @Test
    void withoutRulesOnlyTheMainTableCounts() {
        Network net = new Network(1);
        Host h = net.addHost("h");
        NetInterface eth0 = h.addInterface("eth0", InterfaceAddress.parse("192.168.1.10/24"));
        TunnelInterface wg0 = h.addTunnel("wg0", InterfaceAddress.parse("10.8.0.2/24"));
        h.table(51820).add(IpPrefix.parse("0.0.0.0/0"), wg0); // Table = 51820 without a rule: unused
        h.setDefaultRoute(eth0);
        assertSame(eth0, h.route(IpAddress.parse("198.51.100.80"), 0));
        assertNull(h.route(IpAddress.parse("2001:db8::1"), 0));
    }
}
