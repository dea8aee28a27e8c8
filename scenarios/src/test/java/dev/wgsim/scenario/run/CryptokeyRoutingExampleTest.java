package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** cryptokey-routing.yaml, run for real: what it exists to show, read back from its results folder. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CryptokeyRoutingExampleTest {
    Path out;
    RunResult r;
    List<String> events;

    @BeforeAll
    void run(@TempDir Path dir) throws IOException {
        out = dir;
        r = ExampleRuns.run(out, "cryptokey-routing", "scenario.duration=75s");
        events = Files.readAllLines(r.folder().resolve("events.jsonl"));
    }

    @Test
    void writesTheResultsLayout() {
        for (String f : List.of("summary.json", "events.jsonl", "metrics/throughput.csv", "metrics/latency.csv",
                "metrics/latency-summary.csv", "metrics/drops.csv", "wg-show/home.txt", "wg-show/phone.txt")) {
            assertTrue(Files.isRegularFile(r.folder().resolve(f)), f);
        }
        assertEquals(out.resolve("cryptokey-routing"), r.folder());
    }

    @Test
    void expectationsAreReportedAsJunitXml() throws Exception {
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(r.folder().resolve("junit.xml").toFile());
        assertEquals("testsuites", doc.getDocumentElement().getTagName());
        assertEquals(1, doc.getElementsByTagName("testsuite").getLength());
        var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("7", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(7, suite.getElementsByTagName("testcase").getLength());
    }

    @Test
    void everyExpectationOfTheFileHolds() {
        assertFalse(r.expectations().isEmpty(), "the scenario must have expectations to check");
        r.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
        assertEquals(7, r.expectations().size());
    }

    @Test
    void allowedIpsPickThePeerAndItsKey() {
        JsonNode flows = r.summary().get("flows");
        for (JsonNode f : flows) {
            if (!f.get("name").asText().equals("spoofed")) {
                assertTrue(f.get("delivery_ratio").asDouble() > 0.99, f.toString());
            }
        }
        assertTrue(events.stream().anyMatch(l -> l.contains("\"kind\":\"wg.handshake.completed\",\"node\":\"server\",\"peer\":\"home\"")));
    }

    @Test
    void aSourceOutsideTheSendersAllowedIpsIsDropped() {
        JsonNode spoofed = r.summary().get("flows").get(3);
        assertEquals("spoofed", spoofed.get("name").asText());
        long sent = spoofed.get("sent_packets").asLong();
        assertTrue(sent > 100);
        assertEquals(0, spoofed.get("delivered_packets").asLong());
        assertEquals(sent, r.summary().get("drops").get("wg.allowed_ips").asLong(), "every spoofed packet, nothing else");
        assertTrue(events.stream().anyMatch(l -> l.contains("\"kind\":\"wg.dropped\",\"node\":\"home\",\"peer\":\"laptop\",\"reason\":\"allowed_ips\"")));
    }

    @Test
    void theServerFollowsTheRoamingPhoneAfterItsNextAuthenticatedPacket() throws IOException {
        String changed = events.stream().filter(l -> l.contains("\"kind\":\"wg.endpoint.changed\",\"node\":\"home\",\"peer\":\"phone\""))
                .filter(l -> l.contains("\"new\":\"203.0.113.77:51820\"")).findFirst().orElseThrow();
        long t = Long.parseLong(changed.substring(5, changed.indexOf(',')));
        assertTrue(t > 60_000_000_000L && t < 60_600_000_000L, "within one ping interval of the roam: " + t);
        assertTrue(Files.readString(r.folder().resolve("wg-show/home.txt")).contains("endpoint: 203.0.113.77:51820"));
        long roamAt = events.stream().filter(l -> l.contains("\"kind\":\"host.address.changed\",\"node\":\"phone\"")).count();
        assertTrue(roamAt >= 1);
    }
}
