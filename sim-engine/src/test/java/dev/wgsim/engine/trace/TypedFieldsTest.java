package dev.wgsim.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.engine.app.FlowDelivered;
import dev.wgsim.engine.app.PingReply;
import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.PacketDelivered;
import dev.wgsim.engine.net.PacketDropped;
import dev.wgsim.engine.net.PacketSent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-packet events answer {@link TraceEvent#field} from their typed components (listeners that
 * count packets read node, link and reason without formatting anything): every answer must be
 * what the event's own events.jsonl line says, read back with a JSON parser.
 */
class TypedFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void typedFieldReadsAgreeWithTheJsonLine() throws Exception {
        IpPacket p = IpPacket.udp(new Endpoint(IpAddress.parse("10.0.0.1"), 5000),
                new Endpoint(IpAddress.parse("10.0.0.2"), 51820), new byte[100]);
        List<TraceEvent> events = List.of(
                new PacketSent(5, "a", "eth0", p),
                new PacketDelivered(6, "b", p),
                new PacketDropped(7, "l1", true, DropReason.QUEUE_FULL, p),
                new PacketDropped(8, "nat", false, DropReason.NAT_FILTERED, p),
                new FlowDelivered(9, "flow-1", 1024, 2_000_000),
                new PingReply(10, "ping-1", 3, 40_000_000));
        int checked = 0;
        for (TraceEvent e : events) {
            JsonNode line = JSON.readTree(JsonLines.toJson(e));
            for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("t") || f.getKey().equals("kind")) {
                    continue;
                }
                String expected = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
                assertEquals(expected, e.field(f.getKey()), e.kind() + " " + f.getKey());
                checked++;
            }
            for (String absent : new String[] {"node", "link", "reason", "nope"}) {
                if (!line.has(absent)) {
                    assertNull(e.field(absent), e.kind() + " " + absent);
                }
            }
        }
        assertFalse(checked < 25, "fields checked: " + checked);
    }
}
