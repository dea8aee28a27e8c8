package dev.wgsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.DelaySpec;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.Key32;
import dev.wgsim.scenario.model.LossSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
    static Scenario parse(String yaml, String... sets) {
        return ScenarioParser.parse("t.yaml", yaml, Path.of("."), new ScenarioParser.Options(List.of(sets), OptionalLong.empty()));
    }

    static final String HEAD = "scenario: {name: t, duration: 10m}\n";

    @Test
    void cryptokeyRoutingExampleReadsAsWritten() {
        Scenario s = ScenarioParser.parse(Path.of("examples/cryptokey-routing.yaml"));
        assertEquals("cryptokey-routing", s.name());
        assertEquals(120_000_000_000L, s.duration());
        NodeSpec home = s.node("home").orElseThrow();
        assertEquals(List.of("laptop", "phone", "server"), home.wireguard().get().peers().stream().map(PeerSpec::name).toList());
        PeerSpec server = home.wireguard().get().peers().get(2);
        assertEquals("[10.0.0.4/32, 192.168.50.0/24]", server.allowedIps().toString());
        PeerSpec phoneToHome = s.node("phone").get().wireguard().get().peers().get(0);
        assertEquals("198.51.100.1:51820", phoneToHome.endpoint().get().toString(), "endpoint by node name");
        assertEquals(25_000_000_000L, phoneToHome.persistentKeepalive());
        TrafficSpec spoofed = s.flow("spoofed").orElseThrow();
        assertTrue(spoofed.tunnel());
        assertEquals("10.0.0.1", spoofed.dst().toString());
        assertEquals("10.0.0.9", spoofed.srcAddr().toString());
        assertEquals("10.0.0.4", s.flow("to-server").get().dst().toString(), "a node name means its tunnel address");
        Scenario lan = ScenarioParser.parse(Path.of("examples/cryptokey-routing.yaml"),
                new ScenarioParser.Options(List.of("traffic[2].to=10.0.0.4"), OptionalLong.empty()));
        assertTrue(lan.flow("to-server").get().tunnel(), "an address in a peer's allowed IPs goes through the tunnel");
        EventSpec.Roam roam = (EventSpec.Roam) s.events().get(0);
        assertEquals(60_000_000_000L, roam.at());
        assertEquals("phone-lte", roam.link().orElseThrow());
        assertEquals(7, s.expect().size());
        ExpectSpec.Happens h = (ExpectSpec.Happens) s.expect().get(2);
        assertEquals(new ExpectSpec.TimeWindow(60_000_000_000L, 61_000_000_000L), h.window().orElseThrow());
    }

    @Test
    void defaultsComeFromOnePlace() {
        Scenario s = parse(HEAD + "nodes: [{name: a}, {name: b}]\nlinks: [{name: l, a: a, b: b}]\n");
        assertEquals(1, s.seed());
        assertEquals("2026-01-01T00:00:00Z", s.epoch().toString());
        assertEquals(1_000_000_000L, s.metricsBin());
        var d = s.links().get(0).aToB();
        assertEquals(new DelaySpec.Fixed(0), d.delay());
        assertEquals(1500, d.mtu());
        assertEquals(0, d.rate());
        assertEquals(LossSpec.NONE, d.loss());
    }

    @Test
    void templatesExpandNamesAndHandOutPoolAddresses() {
        Scenario s = parse(HEAD + """
                nodes:
                  - name: hub
                    address: 198.51.100.1
                    wireguard: {address: 10.1.0.1/16, listen_port: 51820}
                  - name: spoke-{i}
                    count: 300
                    address_pool: 100.64.0.0/16
                    wireguard: {address_pool: 10.1.1.1/16}
                links:
                  - {name: 'spoke-{i}-up', count: 300, a: 'spoke-{i}', b: hub, delay: 5ms}
                topology: {type: star, hub: hub, persistent_keepalive: 25s}
                """);
        assertEquals(301, s.nodes().size());
        NodeSpec s300 = s.node("spoke-300").orElseThrow();
        assertEquals("100.64.1.44", s300.addresses().get(0).toString());
        assertEquals("10.1.2.44/16", s300.wireguard().get().addresses().get(0).toString());
        assertEquals("10.1.1.1/16", s.node("spoke-1").get().wireguard().get().addresses().get(0).toString());
        NodeSpec hub = s.node("hub").orElseThrow();
        assertEquals(300, hub.wireguard().get().peers().size());
        assertEquals("[10.1.2.44/32]", hub.wireguard().get().peers().get(299).allowedIps().toString());
        PeerSpec toHub = s300.wireguard().get().peers().get(0);
        assertEquals("[10.1.0.0/16]", toHub.allowedIps().toString());
        assertEquals("198.51.100.1:51820", toHub.endpoint().get().toString());
        assertEquals(25_000_000_000L, toHub.persistentKeepalive());
        assertEquals("spoke-300", s.links().get(299).a());
    }

    @Test
    void aSpreadStartsTheCopiesEvenlyOverItsRange() {
        Scenario s = parse(HEAD + """
                nodes:
                  - {name: a, address: 192.0.2.1}
                  - {name: 'b-{i}', count: 4, address_pool: 192.0.2.10/24}
                links:
                  - {name: 'l-{i}', count: 4, a: a, b: 'b-{i}', delay: 1ms}
                traffic:
                  - {name: 'p-{i}', count: 4, type: ping, from: a, to: 'b-{i}', via: direct, start: 0s..60s}
                  - {name: 'q-{i}', count: 3, type: ping, from: a, to: 'b-{i}', via: direct, start: 10s..11s}
                """);
        // Copy i of N starts at A + (i - 1)(B - A)/N: 60 s / 4 = 15 s apart; 1 s / 3 = 333,333,333 ns (floor).
        List<Long> p = s.traffic().stream().filter(t -> t.name().startsWith("p-")).map(TrafficSpec::start).toList();
        assertEquals(List.of(0L, 15_000_000_000L, 30_000_000_000L, 45_000_000_000L), p);
        List<Long> q = s.traffic().stream().filter(t -> t.name().startsWith("q-")).map(TrafficSpec::start).toList();
        assertEquals(List.of(10_000_000_000L, 10_333_333_333L, 10_666_666_666L), q);
    }

    @Test
    void meshConnectsEveryPairAndSiteToSiteRoutesTheSites() {
        Scenario mesh = parse(HEAD + """
                nodes:
                  - {name: 'n-{i}', count: 4, address_pool: 192.0.2.0/24, wireguard: {address_pool: 10.9.0.0/24, listen_port: 51820}}
                topology: {type: mesh}
                """);
        for (NodeSpec n : mesh.nodes()) {
            assertEquals(3, n.wireguard().get().peers().size());
            n.wireguard().get().peers().forEach(p -> assertTrue(p.endpoint().isPresent()));
        }
        Scenario s2s = parse(HEAD + """
                nodes:
                  - {name: east, address: 192.0.2.1, wireguard: {address: 10.9.0.1/30, listen_port: 51820, advertise: [192.168.1.0/24]}}
                  - {name: west, address: 192.0.2.2, wireguard: {address: 10.9.0.2/30, listen_port: 51820, advertise: [192.168.2.0/24]}}
                topology: {type: site-to-site, members: [east, west]}
                """);
        assertEquals("[10.9.0.2/32, 192.168.2.0/24]", s2s.node("east").get().wireguard().get().peers().get(0).allowedIps().toString());
    }

    @Test
    void keysAreDerivedFromSeedAndNameWhenAbsent() {
        Scenario a = parse(HEAD + "nodes: [{name: x, wireguard: {}}, {name: y, wireguard: {}}]\n");
        Scenario b = parse(HEAD + "nodes: [{name: y, wireguard: {}}, {name: z, wireguard: {}}, {name: x, wireguard: {}}]\n");
        Key32 ax = a.node("x").get().wireguard().get().privateKey();
        assertEquals(ax, b.node("x").get().wireguard().get().privateKey(), "adding nodes changes no other key");
        assertNotEquals(ax, a.node("y").get().wireguard().get().privateKey());
        assertNotEquals(ax, parse(HEAD + "nodes: [{name: x, wireguard: {}}]\n", "scenario.seed=2").node("x").get()
                .wireguard().get().privateKey(), "the seed changes keys");
        byte[] k = ax.bytes();
        assertEquals(0, k[0] & 7);
        assertEquals(0x40, k[31] & 0xc0);
        assertTrue(a.node("x").get().wireguard().get().keyDerived());
        assertFalse(ax.toString().contains(ax.base64()), "a private key never prints");
    }

    @Test
    void setOverridesAreCheckedLikeTheFileAndNamedInErrors() {
        String yaml = HEAD + "nodes: [{name: a}, {name: b}]\nlinks: [{name: l, a: a, b: b, loss: 0.01}]\n";
        assertEquals(new LossSpec.Bernoulli(0.05), parse(yaml, "links[0].loss=0.05").links().get(0).aToB().loss());
        assertEquals(new LossSpec.Bernoulli(0.2), parse(yaml, "links[l].loss=20%").links().get(0).aToB().loss());
        assertEquals(7, parse(yaml, "scenario.seed=7").seed());
        assertEquals(1280, parse(yaml, "links[l].b_to_a.mtu=1280").links().get(0).bToA().mtu());
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml, "links[0].loss=2"));
        assertEquals("--set links[0].loss=2", e.file());
        assertEquals("links[0].loss", e.path());
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> parse(yaml, "links[0].los=0.1"));
        assertTrue(unknown.fix().contains("Did you mean 'loss'?"));
    }

    @Test
    void natPresetsAndExplicitBehaviours() {
        Scenario s = parse(HEAD + """
                nodes: [{name: inet, router: true}, {name: laptop}, {name: phone}]
                links:
                  - {name: l1, a: cgnat, b: inet}
                  - {name: l2, a: home, b: cgnat}
                  - {name: l3, a: laptop, b: home}
                  - {name: l4, a: carrier, b: inet}
                  - {name: l5, a: phone, b: carrier}
                nats:
                  - {name: cgnat, preset: hard, address: 100.64.0.1, inside: [home], outside: inet}
                  - {name: home, address: 192.168.1.1, inside: [laptop], outside: cgnat, timeout: 2m, hairpin: true}
                  - {name: carrier, preset: easyaf, address: 203.0.113.1, inside: [phone], outside: inet,
                     filtering: endpoint-independent, port_allocation: random}
                """);
        NatSpec cgnat = s.nat("cgnat").get();
        assertEquals(NatSpec.Mapping.ADDRESS_AND_PORT_DEPENDENT, cgnat.mapping());
        assertEquals(NatSpec.Mapping.ADDRESS_AND_PORT_DEPENDENT, cgnat.filtering());
        NatSpec home = s.nat("home").get();
        assertEquals("linux", home.preset(), "no preset: Linux MASQUERADE, the format's default");
        assertEquals(NatSpec.Mapping.ENDPOINT_INDEPENDENT, home.mapping());
        assertEquals(120_000_000_000L, home.timeout());
        assertEquals("cgnat", home.outside());
        NatSpec carrier = s.nat("carrier").get();
        assertEquals(NatSpec.Mapping.ENDPOINT_INDEPENDENT, carrier.filtering(), "explicit beats preset");
        assertEquals(NatSpec.PortAllocation.RANDOM, carrier.portAllocation());
        assertThrows(ScenarioException.class, () -> parse(HEAD + """
                nodes: [{name: a}]
                links: [{name: x, a: n1, b: n2}, {name: y, a: a, b: n1}]
                nats:
                  - {name: n1, address: 192.0.2.1, inside: [a], outside: n2}
                  - {name: n2, address: 192.0.2.2, inside: [], outside: n1}
                """), "stacked NATs in a loop");
    }

    @Test
    void natPresetDefaultsAndPortMappings() {
        Scenario s = parse(HEAD + """
                nodes: [{name: inet, router: true}, {name: laptop}, {name: phone}]
                links:
                  - {name: l1, a: home, b: inet}
                  - {name: l2, a: laptop, b: home}
                  - {name: l3, a: carrier, b: inet}
                  - {name: l4, a: phone, b: carrier}
                nats:
                  - {name: home, preset: easy, address: 203.0.113.1, inside: [laptop], outside: inet,
                     port_mappings: [{node: laptop, port: 41641}, {node: laptop, protocol: tcp, port: 443, external_port: 8443, lease: 1h}]}
                  - {name: carrier, preset: hard, address: 203.0.113.2, inside: [phone], outside: inet, port_range: 1024-2047}
                """);
        NatSpec home = s.nat("home").get();
        // the research note's vnet table: easy = random ports 32768-65535, 300 s
        assertEquals(NatSpec.PortAllocation.RANDOM, home.portAllocation());
        assertEquals(List.of(32768, 65535), List.of(home.portLow(), home.portHigh()));
        assertEquals(300_000_000_000L, home.timeout());
        assertEquals(List.of(new NatSpec.PortMapping("laptop", "udp", 41641, 41641, 7_200_000_000_000L),
                new NatSpec.PortMapping("laptop", "tcp", 443, 8443, 3_600_000_000_000L)), home.portMappings());
        NatSpec carrier = s.nat("carrier").get();
        assertEquals(Long.MAX_VALUE, carrier.timeout(), "hard: no expiry");
        assertEquals(List.of(1024, 2047), List.of(carrier.portLow(), carrier.portHigh()), "explicit range beats the preset");
    }

    @Test
    void eventsOfEveryTypeAreSortedByTime() {
        Scenario s = parse(HEAD + """
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.0.0.1/24, listen_port: 51820, peers: [{node: b}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.0.0.2/24}}
                  - {name: inet, router: true}
                links: [{name: l, a: a, b: inet}, {name: l2, a: n, b: inet}, {name: l3, a: b, b: n}]
                nats: [{name: n, address: 203.0.113.1, inside: [b], outside: inet}]
                traffic: [{name: f, type: cbr, from: a, to: b}]
                events:
                  - {at: 9m, type: traffic_start, flow: f}
                  - {at: 8m, type: traffic_stop, flow: f}
                  - {at: 7m, type: key_change, node: a}
                  - {at: 6m, type: peer_remove, node: a, peer: b}
                  - {at: 5m, type: peer_add, node: a, peer: {public_key: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", allowed_ips: [10.0.0.9/32]}}
                  - {at: 4m, type: nat_reboot, nat: n}
                  - {at: 3m, type: link_change, link: l, loss: 0.05}
                  - {at: 2m, type: link_up, link: l}
                  - {at: 1m, type: link_down, link: l}
                  - {at: 0s, type: roam, node: b, address: 192.0.2.99}
                """);
        assertEquals(List.of("roam", "link.down", "link.up", "link.change", "nat.reboot", "peer.add", "peer.remove",
                "key.change", "traffic.stop", "traffic.start"), s.events().stream().map(EventSpec::kind).toList());
        EventSpec.LinkChange lc = (EventSpec.LinkChange) s.events().get(3);
        assertEquals(new LossSpec.Bernoulli(0.05), lc.aToB().loss());
        EventSpec.KeyChange kc = (EventSpec.KeyChange) s.events().get(7);
        assertNotEquals(s.node("a").get().wireguard().get().privateKey(), kc.privateKey());
    }

    @Test
    void expectationsParseIntoTheIssue7Vocabulary() {
        Scenario s = parse(HEAD + """
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.0.0.1/24, peers: [{node: b}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.0.0.2/24, peers: [{node: a}]}}
                traffic: [{name: video, type: cbr, from: a, to: b}]
                expect:
                  - {happens: wg.handshake.completed, node: a, peer: b, at: 120s ± 50ms}
                  - {count: wg.handshake.initiated, node: a, is: 20}
                  - {count: wg.dropped, reason: replay, is: 0}
                  - {count: wg.keypair.rotated, is: between 4 and 6, within: [0s, 10m]}
                  - {interval: wg.keepalive.sent, node: a, every: 25s +- 1ms}
                  - {flow: video, delivered: '>= 99%'}
                  - {flow: video, latency_p99: '<= 80ms'}
                  - {flow: video, throughput: '>= 9Mbit/s', within: [5s, 60s]}
                  - {endpoint: '203.0.113.7:4500', node: a, peer: b, at: 30s}
                """);
        var at = (ExpectSpec.Happens) s.expect().get(0);
        assertEquals(new ExpectSpec.TimeWindow(119_950_000_000L, 120_050_000_000L), at.window().get());
        var count = (ExpectSpec.Count) s.expect().get(1);
        assertTrue(count.count().test(20) && !count.count().test(19));
        assertTrue(((ExpectSpec.Count) s.expect().get(3)).count().test(5));
        var interval = (ExpectSpec.Interval) s.expect().get(4);
        assertEquals(25_000_000_000L, interval.every());
        assertEquals(1_000_000L, interval.tolerance());
        var delivered = (ExpectSpec.Flow) s.expect().get(5);
        assertTrue(delivered.value().test(0.995) && !delivered.value().test(0.98));
        var p99 = (ExpectSpec.Flow) s.expect().get(6);
        assertTrue(p99.value().test(80_000_000) && !p99.value().test(80_000_001));
        var tput = (ExpectSpec.Flow) s.expect().get(7);
        assertEquals(9_000_000.0, tput.value().value());
        var ep = (ExpectSpec.EndpointAt) s.expect().get(8);
        assertEquals("203.0.113.7:4500", ep.endpoint().toString());
        assertEquals("at 30s: a's endpoint for b is 203.0.113.7:4500", ep.text());
    }
}
