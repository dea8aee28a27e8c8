package dev.wgsim.scenario.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The NAT-pair outcome matrix of issue 16, {one2one, easy, easyaf, hard}², run through the engine's
 * NATs (vnet presets), STUN, control and magicsock, each pair given 30 s after its first packet to
 * go direct both ways, as Tailscale's natlab tests allow.
 *
 * <p>Expected outcomes are written by hand from the research note's rule (§1): direct iff some side
 * is endpoint-independent-mapping with a filter the other side can open (EIF always; ADF once it
 * sent to the other's IP; APDF only if the other is EIM too). one2one = EIM+EIF, easy = EIM+APDF,
 * easyaf = EIM+ADF, hard = APDM+APDF. Tailscale's own tests assert easy-easy direct and hard-hard
 * relayed (note §2, §6).
 */
class NatPairMatrixTest {
    static final long S = 1_000_000_000L;

    /** Unordered pairs, from the rule by hand. */
    static final Map<String, Boolean> EXPECTED_DIRECT = new LinkedHashMap<>();

    static {
        EXPECTED_DIRECT.put("one2one-one2one", true);
        EXPECTED_DIRECT.put("one2one-easy", true);
        EXPECTED_DIRECT.put("one2one-easyaf", true);
        EXPECTED_DIRECT.put("one2one-hard", true);     // one side EIF: no punch needed
        EXPECTED_DIRECT.put("easy-easy", true);        // APDF while the other is EIM (Tailscale: easy-easy direct)
        EXPECTED_DIRECT.put("easy-easyaf", true);
        EXPECTED_DIRECT.put("easy-hard", false);       // port-restricted x symmetric: relay
        EXPECTED_DIRECT.put("easyaf-easyaf", true);
        EXPECTED_DIRECT.put("easyaf-hard", true);      // restricted x symmetric: hard's new port learned from its probe
        EXPECTED_DIRECT.put("hard-hard", false);       // symmetric x symmetric: relay (Tailscale: hard-hard derp)
    }

    @Test
    void everyNatPairEndsAsTheRulePredicts() {
        Scenario s = ScenarioParser.parse("matrix.yaml", """
                scenario: {name: matrix, duration: 45s}
                tailnet:
                  relays: [{name: nyc, region: 1, delay: 10ms}]
                  matrix: {nats: [one2one, easy, easyaf, hard], delay: 15ms, interval: 1s, start: 2s}
                """, Path.of("."), ScenarioParser.Options.NONE);
        List<TraceEvent> ev = TailnetWiringTest.run(s, 45 * S);
        List<TailnetSpec.Pair> pairs = s.tailnet().orElseThrow().pairs();
        assertEquals(EXPECTED_DIRECT.size(), pairs.size());
        Map<String, Boolean> actual = new LinkedHashMap<>();
        for (TailnetSpec.Pair p : pairs) {
            long ab = firstDirect(ev, p.a(), p.b());
            long ba = firstDirect(ev, p.b(), p.a());
            // both directions direct within 30 s of the first ping at 2 s
            actual.put(p.natA() + "-" + p.natB(), ab <= 32 * S && ba <= 32 * S);
        }
        assertFalse(actual.isEmpty());
        assertEquals(EXPECTED_DIRECT, actual);
    }

    /** When {@code node}'s packets to {@code peer} first went direct (or local), or Long.MAX_VALUE. */
    static long firstDirect(List<TraceEvent> ev, String node, String peer) {
        for (TraceEvent e : ev) {
            if (e.kind().equals("tailnet.path") && node.equals(e.field("node")) && peer.equals(e.field("peer"))
                    && ("direct".equals(e.field("to")) || "local".equals(e.field("to")))) {
                return e.timeNanos();
            }
        }
        return Long.MAX_VALUE;
    }
}
