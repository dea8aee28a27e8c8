package dev.wgsim.scenario.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Devices in the engine: control over TLS, STUN and DERP on the relay, magicsock below WireGuard. */
class TailnetWiringTest {
    static final long S = 1_000_000_000L;

    static Scenario scenario(String devices) {
        return ScenarioParser.parse("t.yaml", """
                scenario: {name: t, duration: 40s}
                tailnet:
                  relays: [{name: nyc, region: 1, delay: 10ms}]
                  devices:
                """ + devices + """
                traffic:
                  - {name: ping, type: ping, from: a, to: b, interval: 500ms, start: 2s}
                """, Path.of("."), ScenarioParser.Options.NONE);
    }

    static List<TraceEvent> run(Scenario s, long until) {
        Simulation sim = Simulation.build(s);
        Tailnet.attach(sim);
        List<TraceEvent> events = new ArrayList<>();
        sim.network().trace().subscribe(events::add);
        sim.run(until, t -> { });
        return events;
    }

    static List<TraceEvent> kind(List<TraceEvent> all, String kind) {
        return all.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Test
    void twoEasyDevicesRegisterGetEachOtherAndGoDirect() {
        List<TraceEvent> ev = run(scenario("""
                    - {name: a, nat: easy, delay: 10ms}
                    - {name: b, nat: easy, delay: 15ms}
                """), 40 * S);
        assertEquals(2, kind(ev, "tailnet.control.registered").size(), ev.stream().map(TraceEvent::kind).distinct().toList().toString());
        List<TraceEvent> added = kind(ev, "tailnet.netmap.peer");
        assertFalse(added.isEmpty());
        List<TraceEvent> paths = kind(ev, "tailnet.path").stream().filter(e -> e.field("node").equals("a")).toList();
        assertFalse(paths.isEmpty());
        TraceEvent direct = paths.stream().filter(e -> e.field("to").equals("direct")).findFirst().orElse(null);
        assertNotNull(direct, paths.toString());
        assertTrue(direct.timeNanos() < 2 * S + 30 * S, "direct at " + direct.timeNanos());
        long replies = ev.stream().filter(e -> e.kind().equals("ping.reply") || e.kind().equals("app.ping.reply")).count();
        assertTrue(kind(ev, "wg.handshake.completed").size() >= 2);
    }
}
