package dev.wgsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.model.TrafficSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tailnet section expands into nodes, NATs, links and flows by the address plan TailnetParser documents. */
class TailnetParserTest {
    private static Scenario parse(String yaml) {
        return ScenarioParser.parse("t.yaml", yaml, Path.of("."), ScenarioParser.Options.NONE);
    }

    @Test
    void devicesBecomeNodesBehindTheirNats() {
        Scenario s = parse("""
                scenario: {name: t, duration: 60s}
                tailnet:
                  control: {delay: 30ms}
                  relays:
                    - {name: fra, region: 2, delay: 40ms}
                    - {name: nyc, region: 1, delay: 10ms}
                  devices:
                    - {name: server, nat: none}
                    - {name: laptop, nat: easy, port_mapping: true}
                    - {name: phone, nat: easy, cgnat: hard, home: fra, join: 5s}
                traffic:
                  - {name: video, type: cbr, from: server, to: phone, rate: 1Mbit/s}
                """);
        TailnetSpec t = s.tailnet().orElseThrow();
        assertEquals(3, t.devices().size());
        TailnetSpec.Device server = t.devices().get(0);
        TailnetSpec.Device laptop = t.devices().get(1);
        TailnetSpec.Device phone = t.devices().get(2);
        // public device: its own address is the i-th public one, no NAT
        assertEquals(IpAddress.parse("198.18.16.0"), server.lan());
        assertEquals(null, server.nat());
        // laptop: LAN 10.0.1.2 behind laptop-nat at 198.18.16.1
        assertEquals(IpAddress.parse("10.0.1.2"), laptop.lan());
        NatSpec ln = s.nat("laptop-nat").orElseThrow();
        assertEquals(List.of(IpAddress.parse("198.18.16.1")), ln.publicAddresses());
        assertEquals("tailnet-core", ln.outside());
        assertTrue(laptop.portMapping());
        // phone: easy home NAT at 100.96.0.2 inside a hard carrier NAT at 198.19.0.2
        NatSpec home = s.nat("phone-nat").orElseThrow();
        NatSpec carrier = s.nat("phone-cgnat").orElseThrow();
        assertEquals(List.of(IpAddress.parse("100.96.0.2")), home.publicAddresses());
        assertEquals("phone-cgnat", home.outside());
        assertEquals(List.of(IpAddress.parse("198.19.0.2")), carrier.publicAddresses());
        assertEquals(NatSpec.Mapping.ADDRESS_AND_PORT_DEPENDENT, carrier.mapping());
        assertEquals(NatSpec.PortAllocation.RANDOM, carrier.portAllocation());
        assertEquals(NatSpec.Mapping.ENDPOINT_INDEPENDENT, home.mapping());
        // homes: nearest relay by delay unless named
        assertEquals(1, laptop.home());
        assertEquals(2, phone.home());
        assertEquals(5_000_000_000L, phone.join());
        // tailnet addresses in device order
        assertEquals(IpAddress.parse("100.64.0.3"), phone.tailnetV4());
        assertEquals(IpAddress.parse("fd7a:115c:a1e0::3"), phone.tailnetV6());
        // links: uplink delays as written, LAN hops 1 ms
        LinkSpec wan = s.link("phone-wan").orElseThrow();
        assertEquals("phone-cgnat", wan.a());
        assertEquals(new dev.wgsim.scenario.model.DelaySpec.Fixed(10_000_000L), wan.aToB().delay());
        assertEquals(new dev.wgsim.scenario.model.DelaySpec.Fixed(30_000_000L), s.link("control-wan").orElseThrow().aToB().delay());
        // traffic between two devices goes to the tailnet address, through the tunnel
        TrafficSpec video = s.flow("video").orElseThrow();
        assertEquals(IpAddress.parse("100.64.0.3"), video.dst());
        assertTrue(video.tunnel());
    }

    @Test
    void theMatrixMakesOnePairPerUnorderedPairOfKinds() {
        Scenario s = parse("""
                scenario: {name: t, duration: 60s}
                tailnet:
                  relays: [{name: nyc}]
                  matrix: {nats: [one2one, easy, easyaf, hard]}
                """);
        TailnetSpec t = s.tailnet().orElseThrow();
        // 4 kinds: 4 + 3 + 2 + 1 = 10 pairs, 20 devices, one ping flow each
        assertEquals(10, t.pairs().size());
        assertEquals(20, t.devices().size());
        assertEquals(10, s.traffic().size());
        TailnetSpec.Pair last = t.pairs().get(9);
        assertEquals(new TailnetSpec.Pair("hard-hard-a", "hard-hard-b", "hard", "hard"), last);
        TrafficSpec ping = s.flow("easy-hard-ping").orElseThrow();
        assertEquals("easy-hard-a", ping.from());
        assertEquals(TrafficSpec.Kind.PING, ping.kind());
        assertFalse(s.nodes().isEmpty());
        assertTrue(s.node("tailnet-core").orElseThrow().router());
    }

    @Test
    void aFleetJoinsOneAfterAnother() {
        Scenario s = parse("""
                scenario: {name: t, duration: 60s}
                tailnet:
                  relays: [{name: nyc}]
                  devices:
                    - {name: home, count: 4, nat: easy, join: 2s, join_spread: 60s}
                """);
        List<TailnetSpec.Device> d = s.tailnet().orElseThrow().devices();
        assertEquals(List.of("home-1", "home-2", "home-3", "home-4"), d.stream().map(TailnetSpec.Device::name).toList());
        // copy k (from 0) at 2 s + k x 60 s / 4
        assertEquals(List.of(2_000_000_000L, 17_000_000_000L, 32_000_000_000L, 47_000_000_000L),
                d.stream().map(TailnetSpec.Device::join).toList());
        assertTrue(s.nat("home-4-nat").isPresent());
    }
}
