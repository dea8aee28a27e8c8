package dev.wgsim.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class JsonLinesSinkTest {

    /** A test event with one field of each type. */
    record Sample(long timeNanos, String text, long n, double x, boolean flag) implements TraceEvent {
        @Override
        public String kind() {
            return "test.sample";
        }

        @Override
        public void writeFields(JsonFields out) {
            out.put("text", text).put("n", n).put("x", x).put("flag", flag);
        }
    }

    record Drop(long timeNanos, String reason) implements TraceEvent {
        @Override
        public String kind() {
            return "packet.dropped";
        }

        @Override
        public void writeFields(JsonFields out) {
            out.put("link", "a-b").put("reason", reason).put("bytes", 100L);
        }
    }

    private static String write(List<TraceEvent> events) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonLinesSink sink = new JsonLinesSink(out)) {
            Trace trace = new Trace();
            trace.subscribe(sink);
            for (TraceEvent e : events) {
                trace.emit(e);
            }
        }
        return out.toString();
    }

    @Test
    void writesTimeKindThenFieldsInPutOrder() throws IOException {
        String text = write(List.of(new Sample(1_500, "hi", -3, 0.25, true), new Drop(2_000, "loss")));
        assertEquals("{\"t\":1500,\"kind\":\"test.sample\",\"text\":\"hi\",\"n\":-3,\"x\":0.25,\"flag\":true}\n"
                + "{\"t\":2000,\"kind\":\"packet.dropped\",\"link\":\"a-b\",\"reason\":\"loss\",\"bytes\":100}\n", text);
    }

    @Test
    void escapesStringsSoAJsonParserRecoversThem() throws IOException {
        String[] nasty = {
            "quote\" backslash\\ slash/",
            "ctl \u0000 \u0001 \u001f \b \f \n \r \t end",
            "unicode é ü 中文 \u2028 \u2029",
            "emoji \uD83D\uDE00 pair",
            "lone high \uD800 and lone low \uDC00",
            "",
        };
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < nasty.length; i++) {
            events.add(new Sample(i, nasty[i], i, i, false));
        }
        String text = write(events);
        String[] lines = text.split("\n", -1);
        assertEquals(nasty.length + 1, lines.length, "one line per event, the last ends with \\n");
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < nasty.length; i++) {
            JsonNode node = json.readTree(lines[i]);
            String expected = nasty[i].replace('\uD800', '?').replace('\uDC00', '?');
            String actual = node.get("text").asText().replace('\uD800', '?').replace('\uDC00', '?');
            assertEquals(expected, actual, "line " + i + ": " + lines[i]);
            for (char c : lines[i].toCharArray()) {
                assertTrue(c >= 0x20, "raw control character in line " + i);
            }
        }
        assertTrue(lines[4].contains("\\ud800") && lines[4].contains("\\udc00"), lines[4]);
        assertTrue(lines[1].contains("\\u0000") && lines[1].contains("\\u001f") && lines[1].contains("\\b"), lines[1]);
    }

    @Test
    void numbersIgnoreTheDefaultLocaleAndNonFiniteDoublesAreNull() throws IOException {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String text = write(List.of(
                    new Sample(1, null, Long.MIN_VALUE, 1.5, false),
                    new Sample(2, "n", 0, Double.NaN, false),
                    new Sample(3, "i", 0, Double.NEGATIVE_INFINITY, false),
                    new Sample(4, "big", 0, 1e21, false)));
            String[] lines = text.split("\n");
            assertEquals("{\"t\":1,\"kind\":\"test.sample\",\"text\":null,\"n\":-9223372036854775808,\"x\":1.5,\"flag\":false}",
                    lines[0]);
            assertTrue(lines[1].contains("\"x\":null"), lines[1]);
            assertTrue(lines[2].contains("\"x\":null"), lines[2]);
            JsonNode big = new ObjectMapper().readTree(lines[3]);
            assertEquals(1e21, big.get("x").asDouble());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void identicalEventSequencesGiveByteIdenticalOutput() throws IOException {
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add(i % 3 == 0 ? new Drop(i * 1000L, "queue_full") : new Sample(i * 1000L, "s" + i, i, i / 7.0, i % 2 == 0));
        }
        String a = write(events);
        String b = write(new ArrayList<>(events));
        assertEquals(a, b);
        assertEquals(5000, a.chars().filter(c -> c == '\n').count());
        // Field order is the event's put order on every line.
        ObjectMapper json = new ObjectMapper();
        for (String line : a.split("\n")) {
            Iterator<String> names = json.readTree(line).fieldNames();
            assertEquals("t", names.next());
            assertEquals("kind", names.next());
        }
    }

    @Test
    void jsonLinesFormatsOneEvent() {
        assertEquals("{\"t\":7,\"kind\":\"packet.dropped\",\"link\":\"a-b\",\"reason\":\"mtu\",\"bytes\":100}",
                JsonLines.toJson(new Drop(7, "mtu")));
    }

    @Test
    void sinkCountsLinesAndFlushes() throws IOException {
        StringWriter out = new StringWriter();
        JsonLinesSink sink = new JsonLinesSink(out);
        sink.onEvent(new Drop(1, "loss"));
        sink.onEvent(new Drop(2, "loss"));
        assertEquals(2, sink.lineCount());
        sink.flush();
        assertEquals(2, out.toString().split("\n").length);
        sink.close();
    }
}
