package dev.wgsim.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.Trace;
import dev.wgsim.engine.trace.TraceEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceMetricsListenerTest {

    private static final long S = 1_000_000_000L;

    record Ev(long timeNanos, String kind, String[] keys, String[] values) implements TraceEvent {
        @Override
        public void writeFields(JsonFields out) {
            for (int i = 0; i < keys.length; i++) {
                if (!values[i].isEmpty() && values[i].chars().allMatch(Character::isDigit)) {
                    out.put(keys[i], Long.parseLong(values[i]));
                } else {
                    out.put(keys[i], values[i]);
                }
            }
        }
    }

    private static Ev ev(long t, String kind, String... kv) {
        String[] k = new String[kv.length / 2];
        String[] v = new String[kv.length / 2];
        for (int i = 0; i < k.length; i++) {
            k[i] = kv[2 * i];
            v[i] = kv[2 * i + 1];
        }
        return new Ev(t, kind, k, v);
    }

    @Test
    void dropsAndNatEventsBecomeMetrics() {
        MetricsRecorder m = new MetricsRecorder();
        Trace trace = new Trace();
        trace.subscribe(new TraceMetricsListener(m));
        trace.emit(ev(1, "packet.dropped", "link", "a-b", "reason", "loss", "bytes", "60"));
        trace.emit(ev(S + 1, "packet.dropped", "node", "n", "reason", "no_route", "bytes", "60"));
        trace.emit(ev(2, "wg.dropped", "node", "n", "peer", "", "reason", "replay", "bytes", "92"));
        trace.emit(ev(3, "packet.sent", "node", "n", "bytes", "60"));
        trace.emit(ev(4, "nat.mapping.created", "nat", "home", "internal", "10.0.0.2:1", "external", "x", "remote", "y"));
        trace.emit(ev(5, "nat.mapping.created", "nat", "home", "internal", "10.0.0.2:2", "external", "x", "remote", "y"));
        trace.emit(ev(6, "nat.mapping.created", "nat", "home", "internal", "10.0.0.2:3", "external", "x", "remote", "y"));
        trace.emit(ev(S, "nat.mapping.expired", "nat", "home", "internal", "10.0.0.2:1", "external", "x", "remote", "y"));
        trace.emit(ev(2 * S, "nat.reboot", "nat", "home", "mappings_lost", "2"));
        assertEquals(Map.of("loss", 1L, "no_route", 1L, "wg.replay", 1L), m.dropTotals());
        assertEquals(1, m.dropsPerBin().get("no_route").get(1));
        NatMetrics home = m.nat("home");
        assertEquals(0, home.active());
        assertEquals(3, home.created().get(0));
        assertEquals(1, home.expired().get(1));
        assertEquals(2, home.expired().get(2));
    }
}
