package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.net.IpAddress;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-packet events answer {@link TraceEvent#field} from their components (no address formatting):
 * every field must read exactly as the events.jsonl line has it, and absent fields must be null.
 */
class PacketEventFieldsTest {
    @Test
    void typedFieldsReadAsTheJsonLineWritesThem() throws Exception {
        IpPacket udp = IpPacket.udp(IpAddress.v4(100, 64, 0, 1), 49152, IpAddress.v4(198, 51, 100, 1), 51820, 64, new byte[148]);
        IpPacket ping = IpPacket.echoRequest(IpAddress.v4(10, 0, 0, 2), IpAddress.v4(10, 0, 0, 1), 7, 3, new byte[56]);
        List<TraceEvent> events = List.of(
                new PacketSent(5, "spoke-1", "spoke-1-inet", udp),
                new PacketDelivered(6, "hub", ping),
                new PacketDropped(7, "hub-inet", true, DropReason.QUEUE_FULL, udp),
                new PacketDropped(8, "inet", false, DropReason.NO_ROUTE, ping));
        ObjectMapper json = new ObjectMapper();
        for (TraceEvent e : events) {
            JsonNode line = json.readTree(JsonLines.toJson(e));
            int fields = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("t") || f.getKey().equals("kind")) {
                    continue;
                }
                String expected = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
                assertEquals(expected, e.field(f.getKey()), e.kind() + " " + f.getKey());
                fields++;
            }
            assertFalse(fields < 3, "the line has its fields: " + line);
            for (String absent : List.of("peer", "flow", "nat", line.has("link") ? "node" : "link")) {
                assertNull(e.field(absent), e.kind() + " has no " + absent);
            }
        }
    }
}
