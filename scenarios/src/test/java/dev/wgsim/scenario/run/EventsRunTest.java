package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every scheduled event type changes the running network the way its name says. */
class EventsRunTest {
    @Test
    void everyEventTypeTakesEffect() throws IOException {
        Scenario s = ScenarioParser.parse(Path.of("src/test/resources/scenarios/all-events.yaml"));
        RunResult r = Runner.run(s, null, t -> { }, Runner.ReportRenderer.NONE);
        assertFalse(r.expectations().isEmpty(), "the scenario must have expectations to check");
        r.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
        // traffic_stop/start: c-to-a sends nothing between 7 s and 8 s.
        var flows = r.simulation().network().metrics().flows();
        var cToA = flows.stream().filter(f -> f.name().equals("c-to-a")).findFirst().orElseThrow();
        long sent = cToA.sentPackets();
        assertTrue(sent > 4000 && sent < 4500 - 90, "45 s at 100 packets/s minus the stopped second: " + sent);
    }

    @Test
    void directFlowsUseOuterAddressesAndNoTunnel() throws IOException {
        Scenario s = ScenarioParser.parse("direct.yaml", """
                scenario: {name: direct, duration: 5s}
                nodes:
                  - {name: inet, router: true}
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.0.0.1/24, peers: [{node: b, endpoint: b}]}}
                  - {name: b, address: 192.0.2.2, wireguard: {address: 10.0.0.2/24, listen_port: 51820, peers: [{node: a}]}}
                links: [{name: la, a: a, b: inet, delay: 1ms}, {name: lb, a: b, b: inet, delay: 1ms}]
                traffic: [{name: plain, type: cbr, from: a, to: b, via: direct, rate: 80kbit/s, size: 100B}]
                expect:
                  - {flow: plain, delivered: ">= 99%"}
                  - {count: wg.handshake.initiated, is: 0}
                """, Path.of("."), ScenarioParser.Options.NONE);
        assertTrue(!s.flow("plain").get().tunnel());
        RunResult r = Runner.run(s, null, t -> { }, Runner.ReportRenderer.NONE);
        assertFalse(r.expectations().isEmpty(), "the scenario must have expectations to check");
        r.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
    }
}
