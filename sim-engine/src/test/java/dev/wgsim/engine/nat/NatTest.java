package dev.wgsim.engine.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.TestNets;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.trace.JsonLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Topology: h1 (192.168.1.10) and h2 (192.168.1.11) behind NAT box "home" (outside 100.64.0.2) on an
 * internet router "inet" that also reaches servers s1 (198.51.100.1) and s2 (198.51.100.2).
 */
class NatTest {
    static final long S = 1_000_000_000L;

    static final class World {
        final Network net = new Network(1);
        final Host h1 = net.addHost("h1");
        final Host h2 = net.addHost("h2");
        final Host home = net.addHost("home");
        final Host inet = net.addRouter("inet");
        final Host s1 = net.addHost("s1");
        final Host s2 = net.addHost("s2");
        final Nat nat;
        final List<String> events = new ArrayList<>();

        World(NatConfig config) {
            net.trace().subscribe(e -> events.add(JsonLines.toJson(e)));
            LinkConfig wire = LinkConfig.builder().delayNanos(1_000_000).build();
            Link l1 = TestNets.connect(net, "lan1", h1, "eth0", "192.168.1.10/24", home, "lan1", "192.168.1.1/24", wire, wire);
            Link l2 = TestNets.connect(net, "lan2", h2, "eth0", "192.168.1.11/24", home, "lan2", "192.168.1.1/24", wire, wire);
            h1.setDefaultRoute(l1.a());
            h2.setDefaultRoute(l2.a());
            home.addRoute(IpPrefix.parse("192.168.1.10/32"), l1.b());
            home.addRoute(IpPrefix.parse("192.168.1.11/32"), l2.b());
            Link wan = TestNets.connect(net, "wan", home, "wan", "100.64.0.2/24", inet, "i0", "100.64.0.1/24", wire, wire);
            home.setDefaultRoute(wan.a());
            Link ls1 = TestNets.connect(net, "ls1", s1, "eth0", "198.51.100.1/24", inet, "i1", "198.51.100.254/24", wire, wire);
            Link ls2 = TestNets.connect(net, "ls2", s2, "eth0", "198.51.100.2/24", inet, "i2", "198.51.100.254/24", wire, wire);
            s1.setDefaultRoute(ls1.a());
            s2.setDefaultRoute(ls2.a());
            inet.addRoute(IpPrefix.parse("198.51.100.1/32"), ls1.b());
            inet.addRoute(IpPrefix.parse("198.51.100.2/32"), ls2.b());
            nat = new Nat(net, "home", home, wan.a(), config);
        }

        void runTo(long t) {
            net.loop().runUntil(t);
        }

        long count(String kind) {
            return events.stream().filter(e -> e.contains("\"kind\":\"" + kind + "\"")).count();
        }
    }

    static final Endpoint S1_A = Endpoint.parse("198.51.100.1:7000");
    static final Endpoint S1_B = Endpoint.parse("198.51.100.1:7001");
    static final Endpoint S2_A = Endpoint.parse("198.51.100.2:7000");

    @ParameterizedTest(name = "filtering {0}")
    @EnumSource(Behavior.class)
    void filteringMatrixForEveryMapping(Behavior filtering) {
        for (Behavior mapping : Behavior.values()) {
            World w = new World(NatConfig.builder().mapping(mapping).filtering(filtering).build());
            List<TestNets.Received> atH1 = TestNets.collect(w.h1, 5000);
            List<TestNets.Received> atS1 = TestNets.collect(w.s1, 7000);
            UdpSocket s1b = w.s1.bind(7001, (n, a, b, c) -> { });
            UdpSocket s2a = w.s2.bind(7000, (n, a, b, c) -> { });
            w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[] {0}));
            w.runTo(S);
            Endpoint external = atS1.get(0).source();
            assertEquals(IpAddress.parse("100.64.0.2"), external.address());
            w.net.at(2 * S, () -> w.s1.sendUdp(7000, external, new byte[] {1}));   // the mapped remote
            w.net.at(3 * S, () -> s1b.send(external, new byte[] {2}));              // same IP, other port
            w.net.at(4 * S, () -> s2a.send(external, new byte[] {3}));              // other IP
            w.runTo(5 * S);
            Set<Byte> passed = atH1.stream().map(r -> r.payload()[0]).collect(Collectors.toSet());
            Set<Byte> expected = switch (filtering) {
                case ENDPOINT_INDEPENDENT -> Set.of((byte) 1, (byte) 2, (byte) 3);
                case ADDRESS_DEPENDENT -> Set.of((byte) 1, (byte) 2);
                case ADDRESS_AND_PORT_DEPENDENT -> Set.of((byte) 1);
            };
            assertEquals(expected, passed, mapping + " x " + filtering);
            assertEquals(3 - expected.size(), w.net.drops(DropReason.NAT_FILTERED), mapping + " x " + filtering);
            assertEquals(3 - expected.size(), w.count("packet.dropped"));
        }
    }

    @ParameterizedTest(name = "mapping {0}")
    @EnumSource(Behavior.class)
    void mappingBehaviourDecidesWhichRemotesShareAnExternalPort(Behavior mapping) {
        World w = new World(NatConfig.builder().mapping(mapping).filtering(Behavior.ENDPOINT_INDEPENDENT).build());
        List<TestNets.Received> a = TestNets.collect(w.s1, 7000);
        List<TestNets.Received> b = TestNets.collect(w.s1, 7001);
        List<TestNets.Received> c = TestNets.collect(w.s2, 7000);
        w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));
        w.net.at(10, () -> w.h1.sendUdp(5000, S1_B, new byte[1]));
        w.net.at(20, () -> w.h1.sendUdp(5000, S2_A, new byte[1]));
        w.runTo(S);
        int pa = a.get(0).source().port();
        int pb = b.get(0).source().port();
        int pc = c.get(0).source().port();
        assertEquals(5000, pa, "port preservation keeps the first mapping's port");
        switch (mapping) {
            case ENDPOINT_INDEPENDENT -> assertTrue(pa == pb && pb == pc);
            case ADDRESS_DEPENDENT -> assertTrue(pa == pb && pb != pc);
            case ADDRESS_AND_PORT_DEPENDENT -> assertTrue(pa != pb && pb != pc && pa != pc);
        }
        assertEquals(mapping == Behavior.ENDPOINT_INDEPENDENT ? 1 : mapping == Behavior.ADDRESS_DEPENDENT ? 2 : 3,
                w.nat.activeMappings());
        assertEquals(w.nat.activeMappings(), w.count("nat.mapping.created"));
    }

    @Test
    void mappingExpiresAfterTheTimeoutAndOutboundTrafficRefreshesIt() {
        World w = new World(NatConfig.builder().inboundRefreshes(false).build());
        List<TestNets.Received> atH1 = TestNets.collect(w.h1, 5000);
        TestNets.collect(w.s1, 7000);
        Endpoint ext = Endpoint.parse("100.64.0.2:5000");
        w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));              // created at 1 ms (at the NAT)
        w.net.at(29 * S, () -> w.s1.sendUdp(7000, ext, new byte[] {1}));      // before the 30 s timeout: passes
        w.net.at(32 * S, () -> w.s1.sendUdp(7000, ext, new byte[] {2}));      // after: no mapping
        w.runTo(40 * S);
        assertEquals(1, atH1.size());
        assertEquals(1, w.net.drops(DropReason.NAT_NO_MAPPING));
        assertEquals(1, w.count("nat.mapping.expired"));
        assertTrue(w.events.stream().anyMatch(e -> e.startsWith("{\"t\":30001000000,\"kind\":\"nat.mapping.expired\"")),
                "expires exactly 30 s after its last outbound packet");

        w.net.at(41 * S, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));         // new mapping
        w.net.at(61 * S, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));         // refresh at 61.001
        w.net.at(85 * S, () -> w.s1.sendUdp(7000, ext, new byte[] {3}));       // 44 s after creation: alive
        w.net.at(92 * S, () -> w.s1.sendUdp(7000, ext, new byte[] {4}));       // 31 s after the refresh: gone
        w.runTo(100 * S);
        assertEquals(2, atH1.size());
        assertEquals(3, atH1.get(1).payload()[0]);
        assertEquals(2, w.net.drops(DropReason.NAT_NO_MAPPING));
    }

    @Test
    void inboundTrafficRefreshesWhenConfigured() {
        World w = new World(NatConfig.builder().inboundRefreshes(true).build());
        List<TestNets.Received> atH1 = TestNets.collect(w.h1, 5000);
        TestNets.collect(w.s1, 7000);
        Endpoint ext = Endpoint.parse("100.64.0.2:5000");
        w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));
        for (int i = 1; i <= 4; i++) {
            w.net.at(i * 20 * S, () -> w.s1.sendUdp(7000, ext, new byte[1]));
        }
        w.runTo(100 * S);
        assertEquals(4, atH1.size(), "each inbound packet within 30 s of the last one keeps the mapping");
    }

    @Test
    void hairpinningOnAndOff() {
        for (boolean hairpin : new boolean[] {true, false}) {
            World w = new World(NatConfig.builder().filtering(Behavior.ENDPOINT_INDEPENDENT).hairpinning(hairpin).build());
            List<TestNets.Received> atH2 = TestNets.collect(w.h2, 6000);
            TestNets.collect(w.s1, 7000);
            w.net.at(0, () -> w.h2.sendUdp(6000, S1_A, new byte[1]));    // h2's mapping: 100.64.0.2:6000
            w.net.at(S, () -> w.h1.sendUdp(5000, Endpoint.parse("100.64.0.2:6000"), new byte[] {9}));
            w.runTo(2 * S);
            if (hairpin) {
                assertEquals(1, atH2.size());
                assertEquals(Endpoint.parse("100.64.0.2:5000"), atH2.get(0).source(), "h2 sees h1's external endpoint");
            } else {
                assertEquals(0, atH2.size());
                assertEquals(1, w.net.drops(DropReason.NAT_NO_HAIRPIN));
            }
        }
    }

    @Test
    void withoutHairpinningTheBoxItselfAnswersPingsAndItsOwnPortsFromInside() {
        World w = new World(NatConfig.preset("easy"));
        List<TestNets.Received> atBox = new java.util.ArrayList<>();
        w.home.bind(53, (now, src, dst, payload) -> atBox.add(new TestNets.Received(now, src, dst, payload)));
        w.net.at(0, () -> w.h1.sendUdp(5000, Endpoint.parse("100.64.0.2:53"), new byte[1]));
        w.net.at(0, () -> w.h1.sendUdp(5000, Endpoint.parse("100.64.0.2:54"), new byte[1]));
        w.runTo(S);
        assertEquals(1, atBox.size(), "the box's own port gets it, from the inside address");
        assertEquals(Endpoint.parse("192.168.1.10:5000"), atBox.get(0).source());
        assertEquals(1, w.net.drops(DropReason.NAT_NO_HAIRPIN), "nothing listens on 54 and there is no hairpin");
    }

    @Test
    void rebootLosesAllMappings() {
        World w = new World(NatConfig.linuxMasquerade());
        List<TestNets.Received> atH1 = TestNets.collect(w.h1, 5000);
        TestNets.collect(w.s1, 7000);
        TestNets.collect(w.h2, 6000);
        Endpoint ext = Endpoint.parse("100.64.0.2:5000");
        w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));
        w.net.at(0, () -> w.h2.sendUdp(6000, S1_A, new byte[1]));
        w.nat.scheduleReboot(5 * S);
        w.net.at(4 * S, () -> w.s1.sendUdp(7000, ext, new byte[1]));
        w.net.at(6 * S, () -> w.s1.sendUdp(7000, ext, new byte[1]));
        w.runTo(10 * S);
        assertEquals(1, atH1.size());
        assertEquals(1, w.net.drops(DropReason.NAT_NO_MAPPING));
        assertTrue(w.events.contains("{\"t\":5000000000,\"kind\":\"nat.reboot\",\"nat\":\"home\",\"mappings_lost\":2}"), w.events.toString());
        assertEquals(0, w.nat.activeMappings());
        // the trace feeds nat.csv and drops.csv through eng-core's listener
        dev.wgsim.engine.metrics.MetricsRecorder m = new dev.wgsim.engine.metrics.MetricsRecorder();
        dev.wgsim.engine.metrics.TraceMetricsListener l = new dev.wgsim.engine.metrics.TraceMetricsListener(m);
        w.events.clear();
        World again = new World(NatConfig.linuxMasquerade());
        again.net.trace().subscribe(l);
        TestNets.collect(again.s1, 7000);
        again.net.at(0, () -> again.h1.sendUdp(5000, S1_A, new byte[1]));
        again.net.at(0, () -> again.h2.sendUdp(6000, S1_A, new byte[1]));
        again.nat.scheduleReboot(5 * S);
        again.net.at(6 * S, () -> again.s1.sendUdp(7000, ext, new byte[1]));
        again.runTo(10 * S);
        assertEquals(2, m.nat("home").created().total());
        assertEquals(0, m.nat("home").active());
        assertEquals(java.util.Map.of("nat_no_mapping", 1L), m.dropTotals());
    }

    @Test
    void pingCrossesTheNatWithTheIdentifierAsPort() {
        World w = new World(NatConfig.preset("hard"));
        List<Long> replies = new ArrayList<>();
        int id = w.h1.allocateEchoIdentifier();
        w.h1.registerEcho(id, (now, p) -> replies.add(now));
        w.h1.send(IpPacket.echoRequest(IpAddress.parse("192.168.1.10"), IpAddress.parse("198.51.100.1"), id, 1, new byte[8]));
        w.runTo(S);
        assertEquals(List.of(6_000_000L), replies, "3 links each way at 1 ms");
    }

    @Test
    void stackedNatsHomeBehindCgnat() {
        Network net = new Network(1);
        LinkConfig wire = LinkConfig.builder().delayNanos(1_000_000).build();
        Host phone = net.addHost("phone");
        Host home = net.addHost("home");
        Host cgnat = net.addHost("cgnat");
        Host server = net.addHost("server");
        Link l1 = TestNets.connect(net, "l1", phone, "eth0", "192.168.1.10/24", home, "lan", "192.168.1.1/24", wire, wire);
        Link l2 = TestNets.connect(net, "l2", home, "wan", "100.64.7.2/24", cgnat, "lan", "100.64.7.1/24", wire, wire);
        Link l3 = TestNets.connect(net, "l3", cgnat, "wan", "203.0.113.9/24", server, "eth0", "203.0.113.1/24", wire, wire);
        phone.setDefaultRoute(l1.a());
        home.setDefaultRoute(l2.a());
        cgnat.setDefaultRoute(l3.a());
        new Nat(net, "home", home, l2.a(), NatConfig.preset("easy"));
        new Nat(net, "cgnat", cgnat, l3.a(), NatConfig.builder().ports(PortAllocation.SEQUENTIAL).portRange(20000, 20999).build());
        List<TestNets.Received> atServer = new ArrayList<>();
        UdpSocket[] srv = new UdpSocket[1];
        srv[0] = server.bind(51820, (now, src, dst, payload) -> {
            atServer.add(new TestNets.Received(now, src, dst, payload));
            srv[0].send(src, payload);
        });
        List<TestNets.Received> atPhone = TestNets.collect(phone, 4500);
        phone.sendUdp(4500, Endpoint.parse("203.0.113.1:51820"), new byte[] {7});
        net.loop().runUntil(S);
        assertEquals(Endpoint.parse("203.0.113.9:20000"), atServer.get(0).source(), "the server sees the CGNAT's address");
        assertEquals(1, atPhone.size(), "the reply finds its way back through both NATs");
        assertEquals(Endpoint.parse("203.0.113.1:51820"), atPhone.get(0).source());
    }

    @Test
    void roamingGetsANewMappingAndTheOldOneExpires() {
        World w = new World(NatConfig.linuxMasquerade());
        List<TestNets.Received> atS1 = TestNets.collect(w.s1, 7000);
        w.home.addRoute(IpPrefix.parse("192.168.1.20/32"), w.home.iface("lan1"));
        UdpSocket s = w.h1.bind(5000, (n, a, b, c) -> { });
        for (int i = 0; i < 20; i++) {
            w.net.at(i * S, () -> s.send(S1_A, new byte[1]));
        }
        w.net.at(10 * S + 500_000_000L, () -> w.h1.setAddress(w.h1.iface("eth0"), InterfaceAddress.parse("192.168.1.20/24")));
        w.runTo(45 * S); // the new mapping (last used at 19 s) would expire at 49 s
        Set<Endpoint> before = atS1.stream().filter(r -> r.time() < 10 * S).map(TestNets.Received::source).collect(Collectors.toSet());
        Set<Endpoint> after = atS1.stream().filter(r -> r.time() > 11 * S).map(TestNets.Received::source).collect(Collectors.toSet());
        assertEquals(Set.of(Endpoint.parse("100.64.0.2:5000")), before);
        assertEquals(Set.of(Endpoint.parse("100.64.0.2:5001")), after, "new internal source, new mapping (5000 still taken)");
        assertTrue(w.events.stream().anyMatch(e -> e.contains("host.address.changed") && e.contains("\"new\":\"192.168.1.20/24\"")));
        List<String> expired = w.events.stream().filter(e -> e.contains("nat.mapping.expired")).toList();
        assertEquals(1, expired.size());
        assertTrue(expired.get(0).startsWith("{\"t\":40001000000,") && expired.get(0).contains("\"internal\":\"192.168.1.10:5000\""),
                "the old mapping expires 30 s after its last packet (sent at 10 s): " + expired);
        assertNotEquals(0, w.count("nat.mapping.refreshed"));
    }

    @Test
    void oneToOneRewritesOnlyTheAddressAndLetsEverythingIn() {
        World w = new World(NatConfig.preset("one2one"));
        List<TestNets.Received> atS1 = TestNets.collect(w.s1, 7000);
        List<TestNets.Received> atH1 = TestNets.collect(w.h1, 5000);
        w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));
        w.net.at(S, () -> w.s2.bind(9999, (n, a, b, c) -> { }).send(Endpoint.parse("100.64.0.2:5000"), new byte[1]));
        w.runTo(100 * S);
        assertEquals(Endpoint.parse("100.64.0.2:5000"), atS1.get(0).source());
        assertEquals(1, atH1.size(), "an unsolicited sender gets through a one-to-one NAT");
    }

    /** External ports of 40 mappings from 192.168.1.10:31000 to 40 remotes, through a symmetric NAT. */
    static List<Integer> externalPorts(PortAllocation allocation) {
        World w = new World(NatConfig.builder().mapping(Behavior.ADDRESS_AND_PORT_DEPENDENT).ports(allocation)
                .portRange(30000, 39999).build());
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int dstPort = 8000 + i;
            w.s1.bind(dstPort, (now, src, dst, payload) -> ports.add(src.port()));
            w.net.at(i, () -> w.h1.sendUdp(31000, new Endpoint(S1_A.address(), dstPort), new byte[1]));
        }
        w.runTo(S);
        return ports;
    }

    @Test
    void portAllocationPreserveSequentialRandom() {
        List<Integer> preserve = externalPorts(PortAllocation.PRESERVE);
        assertEquals(31000, preserve.get(0));
        assertEquals(31001, preserve.get(1), "taken: the next free port after the wanted one");
        List<Integer> sequential = externalPorts(PortAllocation.SEQUENTIAL);
        assertEquals(List.of(30000, 30001, 30002), sequential.subList(0, 3));
        List<Integer> random = externalPorts(PortAllocation.RANDOM);
        assertEquals(40, Set.copyOf(random).size(), "distinct");
        assertTrue(random.stream().allMatch(p -> p >= 30000 && p <= 39999));
        assertTrue(!random.equals(random.stream().sorted().toList()), "not in order: " + random);
        assertEquals(random, externalPorts(PortAllocation.RANDOM), "drawn from the seeded stream nat/home/ports");
    }

    /** The research note's section 2 table (Tailscale vnet's nat.go), row by row. */
    @Test
    void presetsAreVnetsNats() {
        NatConfig easy = NatConfig.preset("easy");
        assertEquals(List.of(Behavior.ENDPOINT_INDEPENDENT, Behavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.RANDOM),
                List.of(easy.mapping(), easy.filtering(), easy.ports()));
        assertEquals(List.of(32768, 65535), List.of(easy.portLow(), easy.portHigh()));
        assertEquals(300 * S, easy.mappingTimeoutNanos(), "inbound only from a remote sent to in the last 300 s");
        NatConfig easyaf = NatConfig.preset("easyaf");
        assertEquals(List.of(Behavior.ENDPOINT_INDEPENDENT, Behavior.ADDRESS_DEPENDENT, PortAllocation.RANDOM),
                List.of(easyaf.mapping(), easyaf.filtering(), easyaf.ports()));
        NatConfig hard = NatConfig.preset("hard");
        assertEquals(List.of(Behavior.ADDRESS_AND_PORT_DEPENDENT, Behavior.ADDRESS_AND_PORT_DEPENDENT, PortAllocation.RANDOM),
                List.of(hard.mapping(), hard.filtering(), hard.ports()));
        assertEquals(32768, hard.portLow());
        assertEquals(NatConfig.NO_EXPIRY, hard.mappingTimeoutNanos(), "no expiry");
        assertTrue(NatConfig.preset("one2one").oneToOne());

        // easy: the 300 s filter, measured from the last packet out (sent at 0, at the NAT at 1 ms)
        World w = new World(easy);
        List<TestNets.Received> atH1 = TestNets.collect(w.h1, 5000);
        List<TestNets.Received> atS1 = TestNets.collect(w.s1, 7000);
        w.net.at(0, () -> w.h1.sendUdp(5000, S1_A, new byte[1]));
        w.runTo(S);
        Endpoint ext = atS1.get(0).source();
        assertTrue(ext.port() >= 32768, "random port from the upper half: " + ext);
        w.net.at(290 * S, () -> w.s1.sendUdp(7000, ext, new byte[] {1}));   // passes, and (inbound) refreshes to 590 s
        w.net.at(591 * S, () -> w.s1.sendUdp(7000, ext, new byte[] {2}));   // too late
        w.runTo(600 * S);
        assertEquals(1, atH1.size());

        // hard: a new port per destination, still open an hour later
        World h = new World(hard);
        List<TestNets.Received> atH1h = TestNets.collect(h.h1, 5000);
        List<TestNets.Received> a = TestNets.collect(h.s1, 7000);
        List<TestNets.Received> b = TestNets.collect(h.s2, 7000);
        h.net.at(0, () -> h.h1.sendUdp(5000, S1_A, new byte[1]));
        h.net.at(0, () -> h.h1.sendUdp(5000, S2_A, new byte[1]));
        h.runTo(S);
        assertNotEquals(a.get(0).source().port(), b.get(0).source().port());
        Endpoint hext = a.get(0).source();
        h.net.at(3600 * S, () -> h.s1.sendUdp(7000, hext, new byte[1]));
        h.runTo(3601 * S);
        assertEquals(1, atH1h.size(), "no expiry");
        assertEquals(0, h.count("nat.mapping.expired"));
    }

    @Test
    void presetsAndBadConfiguration() {
        assertEquals(Behavior.ADDRESS_AND_PORT_DEPENDENT, NatConfig.preset("easy").filtering());
        assertEquals(Behavior.ADDRESS_DEPENDENT, NatConfig.preset("easyaf").filtering());
        assertEquals(Behavior.ADDRESS_AND_PORT_DEPENDENT, NatConfig.preset("hard").mapping());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NatConfig.preset("medium"));
        assertTrue(e.getMessage().contains("medium") && e.getMessage().contains("easy, easyaf, hard, one2one"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NatConfig.builder().mappingTimeoutNanos(0).build())
                .getMessage().startsWith("mapping timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NatConfig.builder().portRange(2000, 1000).build())
                .getMessage().startsWith("port range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Behavior.parse("nat.filtering", "cone"))
                .getMessage().startsWith("nat.filtering"));
    }
}
