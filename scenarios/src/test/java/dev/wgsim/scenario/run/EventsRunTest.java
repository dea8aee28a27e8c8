package dev.wgsim.scenario.run;

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
        r.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
        // traffic_stop/start: c-to-a sends nothing between 7 s and 8 s.
        var flows = r.simulation().network().metrics().flows();
        var cToA = flows.stream().filter(f -> f.name().equals("c-to-a")).findFirst().orElseThrow();
        long sent = cToA.sentPackets();
        assertTrue(sent > 4000 && sent < 4500 - 90, "45 s at 100 packets/s minus the stopped second: " + sent);
    }
}
