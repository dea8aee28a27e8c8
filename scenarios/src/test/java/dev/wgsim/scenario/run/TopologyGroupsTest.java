package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.reports.results.Summary;
import dev.wgsim.reports.results.SummaryReader;
import dev.wgsim.reports.results.Topology;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json's topology of a large network: above {@link SummaryJson#NODE_DETAIL_LIMIT} nodes the
 * copies of a {@code count:} entry are one entry with a count (a 100,000-spoke hub listed every
 * spoke and the hub's every peer: 59 MB); up to the limit every node is listed as before. The
 * expected entries are read off the scenario text below.
 */
class TopologyGroupsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A WireGuard hub (star topology: every spoke its peer) with {@code spokes} spokes and the core. */
    private static Scenario hub(int spokes) {
        return ScenarioParser.parse("hub.yaml", """
                scenario: {name: hub, duration: 1s}
                topology: {type: star, hub: hub}
                nodes:
                  - {name: inet, router: true}
                  - name: hub
                    address: 198.51.100.1
                    wireguard: {address: 10.0.0.1/16, listen_port: 51820}
                  - name: 'spoke-{i}'
                    count: %d
                    address_pool: 100.64.0.0/10
                    wireguard: {address_pool: 10.1.0.0/16}
                links:
                  - {name: hub-inet, a: hub, b: inet, delay: 5ms}
                  - {name: 'spoke-{i}-inet', count: %d, a: 'spoke-{i}', b: inet, delay: 20ms}
                """.formatted(spokes, spokes), Path.of("."), ScenarioParser.Options.NONE);
    }

    private static JsonNode run(int spokes, Path dir) throws IOException {
        Runner.run(hub(spokes), dir, t -> { }, Runner.ReportRenderer.NONE);
        return JSON.readTree(dir.resolve("hub/summary.json").toFile()).get("topology");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aboveTheLimitACountEntryIsOneEntryWithItsCount(@TempDir Path tmp) throws IOException {
        JsonNode topo = run(1000, tmp); // 1,002 nodes
        assertFalse(topo.get("node_detail").asBoolean(true));
        JsonNode nodes = topo.get("nodes");
        assertEquals(3, nodes.size(), nodes::toString);
        assertEquals("inet", nodes.get(0).get("name").asText());
        JsonNode hub = nodes.get(1);
        assertEquals("hub", hub.get("name").asText());
        assertFalse(hub.has("count"));
        assertEquals(List.of("spoke-{i}"), texts(hub.get("wireguard").get("peers")), "1,000 peers, named by their group");
        assertEquals(44, hub.get("wireguard").get("public_key").asText().length(), "a single node keeps its key");
        JsonNode spokes = nodes.get(2);
        assertEquals("spoke-{i}", spokes.get("name").asText());
        assertEquals(1000, spokes.get("count").asLong());
        assertEquals(List.of("100.64.0.1"), texts(spokes.get("addresses")), "the first copy's: the pool's first host");
        assertEquals("10.1.0.1/16", spokes.get("wireguard").get("address").asText());
        assertEquals(List.of("hub"), texts(spokes.get("wireguard").get("peers")));
        assertFalse(spokes.get("wireguard").has("public_key"), "1,000 keys have no one key");
        JsonNode links = topo.get("links");
        assertEquals(2, links.size(), links::toString);
        assertEquals("hub-inet", links.get(0).get("name").asText());
        assertFalse(links.get(0).has("count"));
        JsonNode spokeLinks = links.get(1);
        assertEquals("spoke-{i}-inet", spokeLinks.get("name").asText());
        assertEquals("spoke-{i}", spokeLinks.get("a").asText());
        assertEquals("inet", spokeLinks.get("b").asText());
        assertEquals(1000, spokeLinks.get("count").asLong());

        // What reports reads back: one box standing for 1,000 nodes, 1,002 hosts in all.
        Summary s = SummaryReader.read(tmp.resolve("hub/summary.json"));
        Topology t = s.topology();
        assertEquals(1002, t.hostCount());
        assertEquals(1000, t.nodes().get(2).count());
        assertEquals(1, t.nodes().get(1).count());
    }

    @Test
    void natCopiesAreGroupedAndSoAreTheLinksThroughThem(@TempDir Path tmp) throws IOException {
        // 1,001 hosts; ten of them each behind a NAT of its own made from one count: entry.
        Runner.run(ScenarioParser.parse("natted.yaml", """
                scenario: {name: natted, duration: 1s}
                nodes:
                  - {name: inet, router: true}
                  - {name: 'host-{i}', count: 1000, address_pool: 10.0.0.0/16}
                nats:
                  - {name: 'nat-{i}', count: 10, preset: easy, address: '203.0.113.{i}', inside: ['host-{i}'], outside: inet}
                links:
                  - {name: 'lan-{i}', count: 10, a: 'host-{i}', b: 'nat-{i}', delay: 1ms}
                  - {name: 'wan-{i}', count: 10, a: 'nat-{i}', b: inet, delay: 10ms}
                """, Path.of("."), ScenarioParser.Options.NONE), tmp, t -> { }, Runner.ReportRenderer.NONE);
        JsonNode topo = JSON.readTree(tmp.resolve("natted/summary.json").toFile()).get("topology");
        JsonNode nats = topo.get("nats");
        assertEquals(1, nats.size(), nats::toString);
        JsonNode nat = nats.get(0);
        assertEquals("nat-{i}", nat.get("name").asText());
        assertEquals(10, nat.get("count").asLong());
        assertEquals(List.of("host-{i}"), texts(nat.get("inside")));
        assertEquals("inet", nat.get("outside").asText());
        JsonNode links = topo.get("links");
        assertEquals(2, links.size(), links::toString);
        assertEquals(List.of("lan-{i}", "host-{i}", "nat-{i}", "10"), List.of(links.get(0).get("name").asText(),
                links.get(0).get("a").asText(), links.get(0).get("b").asText(), links.get(0).get("count").asText()));
        assertEquals(List.of("wan-{i}", "nat-{i}", "inet", "10"), List.of(links.get(1).get("name").asText(),
                links.get(1).get("a").asText(), links.get(1).get("b").asText(), links.get(1).get("count").asText()));
        Topology t = SummaryReader.read(tmp.resolve("natted/summary.json")).topology();
        assertEquals(10, t.nats().get(0).count());
        assertEquals(1001, t.hostCount());
    }

    @Test
    void upToTheLimitEveryNodeIsListed(@TempDir Path tmp) throws IOException {
        JsonNode topo = run(998, tmp); // 1,000 nodes
        assertFalse(topo.has("node_detail"));
        JsonNode nodes = topo.get("nodes");
        assertEquals(1000, nodes.size());
        assertEquals("spoke-1", nodes.get(2).get("name").asText());
        assertEquals("spoke-998", nodes.get(999).get("name").asText());
        nodes.forEach(n -> assertFalse(n.has("count"), n::toString));
        List<String> peers = texts(nodes.get(1).get("wireguard").get("peers"));
        assertEquals(998, peers.size());
        assertEquals("spoke-1", peers.get(0));
        assertEquals(999, topo.get("links").size());
        assertTrue(nodes.get(2).get("wireguard").has("public_key"));
    }
}
