package dev.wgsim.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link JsonFields#collecting}: the same key/text pairs, in order, that a JSON parser reads from the event's line. */
class CollectedFieldsTest {
    @Test
    void collectedFieldsEqualTheParsedLine() throws Exception {
        TraceEvent e = new TraceEvent() {
            @Override
            public long timeNanos() {
                return 42;
            }

            @Override
            public String kind() {
                return "test.kinds";
            }

            @Override
            public void writeFields(JsonFields out) {
                out.put("node", "a \"quoted\" \\ name\n\u0001").put("peer", (String) null).put("n", -7L)
                        .put("big", Long.MAX_VALUE).put("ratio", 0.25).put("tiny", 1.0e-9).put("whole", 3.0)
                        .put("nan", Double.NaN).put("up", true).put("down", false).put("empty", "");
            }
        };
        Map<String, String> collected = new LinkedHashMap<>();
        e.writeFields(JsonFields.collecting(collected));

        JsonNode n = new ObjectMapper().readTree(JsonLines.toJson(e));
        Map<String, String> parsed = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("t") && !f.getKey().equals("kind")) {
                parsed.put(f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString());
            }
        }
        assertEquals(11, parsed.size());
        assertEquals(parsed, collected);
        assertEquals(String.join(",", parsed.keySet()), String.join(",", collected.keySet()), "same order");
    }
}
