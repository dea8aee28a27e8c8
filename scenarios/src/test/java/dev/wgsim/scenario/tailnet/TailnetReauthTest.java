package dev.wgsim.scenario.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.wg.crypto.PublicKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node key rotation: a device re-authenticates, control announces the new key, the peer's table follows. */
class TailnetReauthTest {
    static final long S = 1_000_000_000L;

    @Test
    void aReauthenticatedDevicesNewKeyReplacesTheOldInItsPeersTableAndTrafficResumes() {
        Scenario s = ScenarioParser.parse("t.yaml", """
                scenario: {name: t, duration: 40s}
                tailnet:
                  relays: [{name: nyc, region: 1, delay: 10ms}]
                  devices:
                    - {name: a, nat: easy, delay: 10ms}
                    - {name: b, nat: easy, delay: 15ms}
                traffic:
                  - {name: ping, type: ping, from: a, to: b, interval: 500ms, start: 2s}
                """, Path.of("."), ScenarioParser.Options.NONE);
        Simulation sim = Simulation.build(s);
        Tailnet t = Tailnet.attach(sim).orElseThrow();
        List<TraceEvent> ev = new ArrayList<>();
        sim.network().trace().subscribe(ev::add);
        sim.run(15 * S, x -> { });
        PublicKey old = sim.publicKey("a");
        assertNotNull(sim.tunnels().get("b").device().peer(old), "b holds a's first key");
        PublicKey fresh = t.reauthenticate("a");
        assertNotEquals(old, fresh);
        assertEquals(fresh, sim.publicKey("a"), "tailscale0 took the new private key at once");
        sim.run(40 * S, x -> { });

        List<TraceEvent> regs = ev.stream().filter(e -> e.kind().equals("tailnet.control.registered")
                && e.field("node").equals("a")).toList();
        assertEquals(2, regs.size(), regs.toString());
        assertEquals("true", regs.get(1).field("reauth"));
        assertEquals(regs.get(0).field("addresses"), regs.get(1).field("addresses"), "same tailnet addresses");
        assertTrue(ev.stream().anyMatch(e -> e.kind().equals("tailnet.netmap.peer") && e.field("node").equals("b")
                && e.field("peer").equals("a") && e.field("what").equals("rekeyed") && e.timeNanos() > 15 * S));
        assertNull(sim.tunnels().get("b").device().peer(old), "the old key is gone from b's table");
        assertNotNull(sim.tunnels().get("b").device().peer(fresh), "the new key is in it");
        assertTrue(ev.stream().anyMatch(e -> e.kind().equals("wg.handshake.completed") && e.field("node").equals("a")
                && e.timeNanos() > 15 * S), "a handshake under the new key");
        long repliesAfter = ev.stream().filter(e -> e.kind().equals("ping.reply") && e.timeNanos() > 25 * S).count();
        // Pings every 500 ms from 25 s to 40 s: 30 sent; all but the last round trip come back.
        assertTrue(repliesAfter >= 28, "replies after the rotation: " + repliesAfter);
        assertFalse(ev.stream().anyMatch(e -> e.kind().equals("tailnet.control.refused")));
    }
}
