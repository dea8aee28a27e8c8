package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TraceLevel;
import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scenario.trace (docs/results-format.md): packets writes every event, protocol every event but
 * the per-packet kinds, none no events.jsonl; metrics, summary and expectations do not change.
 */
class TraceLevelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The per-packet kinds, as docs/results-format.md lists them. */
    private static final List<String> PER_PACKET = List.of("packet.sent", "packet.delivered", "packet.dropped",
            "flow.delivered", "ping.reply");

    private static Scenario scenario(String traceLine) {
        return ScenarioParser.parse("trace.yaml", """
                scenario: {name: trace, duration: 20s%s}
                nodes:
                  - {name: inet, router: true}
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.0.0.1/24, peers: [{node: b, endpoint: b, persistent_keepalive: 5s}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.0.0.2/24, listen_port: 51820, peers: [{node: a}]}}
                links: [{name: la, a: a, b: inet, delay: 5ms, loss: 0.05}, {name: lb, a: b, b: inet, delay: 5ms}]
                traffic:
                  - {name: data, type: cbr, from: a, to: b, rate: 80kbit/s, size: 100B}
                  - {name: echo, type: ping, from: a, to: b, interval: 1s}
                expect:
                  - {count: flow.delivered, is: ">= 1500"}
                  - {count: packet.dropped, reason: loss, is: ">= 20"}
                  - {count: wg.handshake.completed, is: ">= 2"}
                """.formatted(traceLine), Path.of("."), ScenarioParser.Options.NONE);
    }

    private static String kind(String line) throws IOException {
        return JSON.readTree(line).get("kind").asText();
    }

    @Test
    void protocolLevelKeepsEveryNonPacketEventAndNoneWritesNoEventFile(@TempDir Path tmp) throws IOException {
        RunResult packets = Runner.run(scenario(""), tmp.resolve("packets"), t -> { }, Runner.ReportRenderer.NONE);
        RunResult protocol = Runner.run(scenario(", trace: protocol"), tmp.resolve("protocol"), t -> { },
                Runner.ReportRenderer.NONE);
        RunResult none = Runner.run(scenario(", trace: none"), tmp.resolve("none"), t -> { }, Runner.ReportRenderer.NONE);

        List<String> all = Files.readAllLines(packets.folder().resolve("events.jsonl"));
        List<String> expected = new java.util.ArrayList<>();
        long perPacket = 0;
        for (String line : all) {
            if (PER_PACKET.contains(kind(line))) {
                perPacket++;
            } else {
                expected.add(line);
            }
        }
        assertTrue(perPacket > 3000, "the run moves packets: " + perPacket);
        assertTrue(expected.stream().filter(l -> l.contains("\"kind\":\"wg.")).count() >= 5, "WireGuard events: " + expected);
        assertEquals(expected, Files.readAllLines(protocol.folder().resolve("events.jsonl")));
        assertFalse(Files.exists(none.folder().resolve("events.jsonl")));

        for (RunResult r : List.of(protocol, none)) {
            for (Path csv : csvs(packets.folder())) {
                Path other = r.folder().resolve(packets.folder().relativize(csv));
                assertEquals(Files.readString(csv), Files.readString(other), other.toString());
            }
            ObjectNode a = (ObjectNode) JSON.readTree(packets.folder().resolve("summary.json").toFile());
            ObjectNode b = (ObjectNode) JSON.readTree(r.folder().resolve("summary.json").toFile());
            assertEquals(r == protocol ? "protocol" : "none", ((ObjectNode) b.get("run")).remove("trace").asText());
            assertFalse(a.get("run").has("trace"), "the default level is not written");
            assertEquals(a, b);
            assertEquals(3, r.expectations().size());
            r.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
        }
        assertEquals(packets.expectations(), protocol.expectations());
    }

    @Test
    void perPacketExpectationsCountTheSameWithoutAResultsFolder() throws IOException {
        RunResult with = Runner.run(scenario(""), null, t -> { }, Runner.ReportRenderer.NONE);
        assertEquals(3, with.expectations().size());
        with.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
        // Counted as the run went (no event kept): the count the message reports is the flow's own.
        long delivered = with.simulation().network().metrics().flows().stream()
                .filter(f -> f.name().equals("data")).findFirst().orElseThrow().deliveredPackets();
        assertTrue(delivered >= 1500, "data delivered " + delivered);
        assertEquals("counted " + delivered, with.expectations().get(0).message(),
                "one flow.delivered per delivered packet of 'data'");
    }

    @Test
    void unknownLevelIsRejectedWhereItIsWritten() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> scenario(", trace: verbose"));
        assertTrue(e.getMessage().startsWith("trace.yaml:1:"), e.getMessage());
        assertTrue(e.getMessage().contains("scenario.trace"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown trace level 'verbose'"), e.getMessage());
        assertTrue(e.getMessage().contains("protocol"), e.getMessage());
        assertEquals(TraceLevel.PACKETS, scenario("").trace());
        assertEquals(TraceLevel.NONE, scenario(", trace: none").trace());
    }

    private static List<Path> csvs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("metrics"))) {
            List<Path> l = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
            assertFalse(l.isEmpty());
            return l;
        }
    }
}
