package dev.wgsim.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTest {

    record Dropped(long timeNanos, String reason) implements TraceEvent {
        @Override
        public String kind() {
            return "packet.dropped";
        }

        @Override
        public void writeFields(JsonFields out) {
            out.put("node", "n1").put("reason", reason).put("bytes", 60L);
        }
    }

    record Sent(long timeNanos) implements TraceEvent {
        @Override
        public String kind() {
            return "packet.sent";
        }

        @Override
        public void writeFields(JsonFields out) {
            out.put("node", "n1").put("bytes", 60L);
        }
    }

    @Test
    void activeOnlyWhileSomeoneListens() {
        Trace trace = new Trace();
        assertFalse(trace.active());
        List<String> seen = new ArrayList<>();
        TraceListener l = e -> seen.add(e.kind());
        trace.subscribe(l);
        assertTrue(trace.active());
        trace.emit(new Sent(1));
        trace.unsubscribe(l);
        assertFalse(trace.active());
        trace.emit(new Sent(2));
        assertEquals(List.of("packet.sent"), seen);
        trace.unsubscribe(l); // not subscribed: no-op
        assertThrows(NullPointerException.class, () -> trace.subscribe(null));
    }

    @Test
    void listenersRunInSubscriptionOrderAndMayUnsubscribeWhileCalled() {
        Trace trace = new Trace();
        List<String> seen = new ArrayList<>();
        TraceListener[] once = new TraceListener[1];
        once[0] = e -> {
            seen.add("once");
            trace.unsubscribe(once[0]);
        };
        trace.subscribe(e -> seen.add("first"));
        trace.subscribe(once[0]);
        trace.subscribe(e -> seen.add("last"));
        trace.emit(new Sent(1));
        trace.emit(new Sent(2));
        assertEquals(List.of("first", "once", "last", "first", "last"), seen);
    }

    @Test
    void countingListenerCountsKindsAndDropReasons() {
        Trace trace = new Trace();
        CountingListener counts = new CountingListener();
        trace.subscribe(counts);
        trace.emit(new Sent(1));
        trace.emit(new Dropped(2, "loss"));
        trace.emit(new Dropped(3, "loss"));
        trace.emit(new Dropped(4, "queue_full"));
        trace.emit(new Dropped(5, null));
        assertEquals(5, counts.total());
        assertEquals(1, counts.count("packet.sent"));
        assertEquals(4, counts.count("packet.dropped"));
        assertEquals(2, counts.count("packet.dropped", "loss"));
        assertEquals(1, counts.count("packet.dropped", "queue_full"));
        assertEquals(0, counts.count("packet.dropped", "mtu"));
        assertEquals(0, counts.count("nat.reboot"));
        assertEquals(Map.of("loss", 2L, "queue_full", 1L, "null", 1L), counts.reasons("packet.dropped"));
        assertEquals(List.of("packet.dropped", "packet.sent"), List.copyOf(counts.byKind().keySet()));
        assertTrue(counts.reasons("packet.sent").isEmpty());
    }

    @Test
    void capturingFieldsReadsOneValue() {
        JsonFields f = JsonFields.capturing("bytes");
        new Dropped(1, "loss").writeFields(f);
        assertTrue(f.found());
        assertEquals("60", f.captured());
        JsonFields missing = JsonFields.capturing("peer");
        new Dropped(1, "loss").writeFields(missing);
        assertFalse(missing.found());
        assertNull(missing.captured());
    }

    @Test
    void dropCountersSumAndSortByReason() {
        DropCounters drops = new DropCounters();
        drops.increment("wg.replay");
        drops.increment("loss");
        drops.add("loss", 4);
        drops.add("queue_full", 0);
        assertEquals(5, drops.count("loss"));
        assertEquals(1, drops.count("wg.replay"));
        assertEquals(0, drops.count("mtu"));
        assertEquals(6, drops.total());
        assertEquals(List.of("loss", "queue_full", "wg.replay"), List.copyOf(drops.snapshot().keySet()));
        assertThrows(IllegalArgumentException.class, () -> drops.add("loss", -1));
        assertThrows(UnsupportedOperationException.class, () -> drops.snapshot().put("x", 1L));
    }
}
