package dev.wgsim.scenario.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.NetInterface;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The routes and rules a WireGuard node gets, per wg-quick(8)'s add_route / add_default on Linux
 * (expected values written from that script, not from this code):
 * Table = auto: each allowed IP in main, a /0 in table 51820 (= the FwMark) with
 * "not fwmark 51820 lookup 51820" and "lookup main suppress_prefixlength 0"; Table = off: nothing;
 * Table = N: every allowed IP, /0 included, in table N and no rule.
 */
class WgQuickRoutesTest {
    static final String YAML = """
            scenario: {name: t, duration: 5s}
            nodes:
              - {name: inet, router: true}
              - name: a
                address: 192.0.2.1
                wireguard:
                  address: [10.8.0.2/24, "fd42::2/64"]
                  listen_port: 51820
                  TABLE
                  peers:
                    - {node: b, endpoint: b, allowed_ips: [0.0.0.0/0, "::/0"]}
                    - {node: c, endpoint: c, allowed_ips: [10.8.0.3/32]}
              - name: b
                address: 192.0.2.2
                wireguard: {address: 10.8.0.1/24, listen_port: 51820, forward: true, peers: [{node: a}]}
              - name: c
                address: 192.0.2.3
                wireguard: {address: 10.8.0.3/24, listen_port: 51820, peers: [{node: a}]}
              - {name: web, address: 198.51.100.80}
            links:
              - {name: a-inet, a: a, b: inet, delay: 5ms}
              - {name: b-inet, a: b, b: inet, delay: 5ms}
              - {name: c-inet, a: c, b: inet, delay: 5ms}
              - {name: web-inet, a: web, b: inet, delay: 5ms}
            TRAFFIC
            """;

    /** Builds a scenario text. */
    static final class ScenarioRun {
        static Simulation build(String yaml) {
            return Simulation.build(ScenarioParser.parse("t.yaml", yaml, Path.of("."),
                    new ScenarioParser.Options(List.of(), OptionalLong.empty())));
        }
    }

    static Simulation build(String table, String traffic) {
        Scenario s = ScenarioParser.parse("t.yaml", YAML.replace("TABLE", table).replace("TRAFFIC", traffic), Path.of("."),
                new ScenarioParser.Options(List.of(), OptionalLong.empty()));
        return Simulation.build(s);
    }

    static String via(Host h, String dst, long mark) {
        NetInterface i = h.route(IpAddress.parse(dst), mark);
        return i == null ? null : i.name();
    }

    @Test
    void tableAutoRoutesTheDefaultThroughItsOwnTableWithFwmarkRules() {
        Host a = build("", "").outerNetwork().host("a");
        assertEquals(List.of(
                "32764:\tfrom all lookup main suppress_prefixlength 0",
                "32764:\tfrom all lookup main suppress_prefixlength 0",
                "32765:\tfrom all not fwmark 0xca6c lookup 51820",
                "32765:\tfrom all not fwmark 0xca6c lookup 51820",
                "32766:\tfrom all lookup main"), a.rules().stream().map(Object::toString).toList());
        assertEquals(List.of(4, 6, 4, 6, 0), a.rules().stream().map(r -> r.family()).toList(), "ip -4 rule and ip -6 rule");
        assertEquals("wg0", via(a, "198.51.100.80", 0));
        assertEquals("a-inet", via(a, "198.51.100.80", 51820));
        assertEquals("wg0", via(a, "10.8.0.3", 0));
        assertSame(a.iface("wg0"), a.table(51820).get(IpPrefix.parse("::/0")));
        assertSame(a.iface("a-inet"), a.routes().get(IpPrefix.parse("0.0.0.0/0")), "main keeps the uplink's default");
    }

    @Test
    void tableOffAddsNoRouteAndNoRule() {
        Host a = build("table: off", "").outerNetwork().host("a");
        assertEquals(List.of(), a.rules());
        assertEquals("a-inet", via(a, "198.51.100.80", 0));
        assertNull(a.routes().get(IpPrefix.parse("10.8.0.3/32")));
        assertEquals("wg0", via(a, "10.8.0.77", 0), "the connected route of wg0's own address stays (ip addr adds it)");
    }

    @Test
    void aTableNumberTakesEveryRouteAndNoRuleUsesIt() {
        Host a = build("table: 1234", "").outerNetwork().host("a");
        assertEquals(List.of(), a.rules());
        assertSame(a.iface("wg0"), a.table(1234).get(IpPrefix.parse("0.0.0.0/0")));
        assertSame(a.iface("wg0"), a.table(1234).get(IpPrefix.parse("10.8.0.3/32")));
        assertNull(a.routes().get(IpPrefix.parse("10.8.0.3/32")));
        assertEquals("a-inet", via(a, "198.51.100.80", 0));
    }

    @Test
    void theTunnelMtuIsTheUplinksMinus80AsWgQuickComputesItUnlessGiven() {
        // wg-quick set_mtu_up: the MTU of the device the endpoints route through, minus 80.
        Simulation plain = build("", "");
        assertEquals(1420, ((dev.wgsim.engine.net.TunnelInterface) plain.outerNetwork().host("a").iface("wg0")).mtu());
        Simulation small = ScenarioRun.build(YAML.replace("TABLE", "").replace("TRAFFIC", "")
                .replace("{name: a-inet, a: a, b: inet, delay: 5ms}", "{name: a-inet, a: a, b: inet, delay: 5ms, mtu: 1400}"));
        assertEquals(1320, ((dev.wgsim.engine.net.TunnelInterface) small.outerNetwork().host("a").iface("wg0")).mtu());
        assertEquals(1420, ((dev.wgsim.engine.net.TunnelInterface) small.outerNetwork().host("b").iface("wg0")).mtu());
        Simulation given = build("mtu: 1280", "");
        assertEquals(1280, ((dev.wgsim.engine.net.TunnelInterface) given.outerNetwork().host("a").iface("wg0")).mtu());
    }

    @Test
    void pingSendsFromTheAddressGivenAsSrc() {
        Simulation sim = ScenarioRun.build(YAML.replace("TABLE", "").replace("[10.8.0.2/24, \"fd42::2/64\"]",
                "[10.8.0.2/24, \"fd42::2/64\", 10.9.0.2/24]").replace("TRAFFIC", """
                traffic:
                  - {name: p, type: ping, from: a, to: c, src: 10.9.0.2, interval: 1s}
                """));
        java.util.List<String> atC = new java.util.ArrayList<>();
        sim.network().trace().subscribe(e -> {
            String j = dev.wgsim.engine.trace.JsonLines.toJson(e);
            if (j.contains("\"kind\":\"packet.delivered\"") && j.contains("\"node\":\"c\"") && j.contains("\"dst\":\"10.8.0.3")) {
                atC.add(j);
            }
        });
        sim.run(5_000_000_000L, t -> { });
        assertEquals(true, atC.size() >= 4, atC.toString());
        for (String j : atC) {
            assertEquals(true, j.contains("\"src\":\"10.9.0.2\""), j);
        }
        var p = sim.network().flowMetrics(sim.network().flowId("p"));
        assertEquals(p.sentPackets(), p.deliveredPackets(), "c answers the given address, and a gets the replies");
    }

    @Test
    void innerPacketsAboveTheTunnelMtuAreDroppedAndCounted() {
        // 1393 bytes of UDP payload + 8 + 20 = 1421 bytes: one over wg-quick's 1420.
        Simulation sim = build("", """
                traffic:
                  - {name: fits, type: cbr, from: a, to: c, rate: 100kbit/s, size: 1392B}
                  - {name: big,  type: cbr, from: a, to: c, rate: 100kbit/s, size: 1393B}
                """);
        sim.run(5_000_000_000L, t -> { });
        long big = sim.network().drops(DropReason.TUNNEL_MTU);
        var bigFlow = sim.network().flowMetrics(sim.network().flowId("big"));
        var fits = sim.network().flowMetrics(sim.network().flowId("fits"));
        assertEquals(true, bigFlow.sentPackets() >= 40, "sent " + bigFlow.sentPackets());
        assertEquals(bigFlow.sentPackets(), big, "every packet of the big flow, and nothing else");
        assertEquals(0, bigFlow.deliveredPackets());
        assertEquals(true, fits.deliveredPackets() >= fits.sentPackets() - 1 && fits.sentPackets() >= 40,
                fits.deliveredPackets() + " of " + fits.sentPackets());
    }
}
