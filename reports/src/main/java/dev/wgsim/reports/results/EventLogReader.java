package dev.wgsim.reports.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams events.jsonl and keeps only the protocol events charts draw. The log of a long run is
 * mostly packet events; those lines are skipped after a look at their kind, without a JSON parse.
 */
public final class EventLogReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KIND_KEY = "\"kind\":";

    private EventLogReader() {}

    public static List<WgEvent> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<WgEvent> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String kindName = kindOf(line);
                if (kindName == null) {
                    throw new ResultsFormatException(file, lineNo, "kind", "missing");
                }
                if (!kindName.startsWith("wg.")) {
                    continue;
                }
                WgEvent.Kind kind = WgEvent.Kind.of(kindName);
                if (kind != null) {
                    out.add(parse(file, lineNo, line, kind));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /** The value of the "kind" field, read from the raw line (the writer puts it second, unescaped). */
    static String kindOf(String line) {
        int k = line.indexOf(KIND_KEY);
        if (k < 0) {
            return null;
        }
        int start = k + KIND_KEY.length();
        while (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        if (start >= line.length() || line.charAt(start) != '"') {
            return null;
        }
        int end = line.indexOf('"', start + 1);
        return end < 0 ? null : line.substring(start + 1, end);
    }

    private static WgEvent parse(Path file, long lineNo, String line, WgEvent.Kind kind) {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file, lineNo, "$", "invalid JSON: " + e.getOriginalMessage());
        }
        JsonNode t = n.get("t");
        if (t == null || !t.isNumber()) {
            throw new ResultsFormatException(file, lineNo, "t", "missing or not a number");
        }
        JsonNode node = n.get("node");
        if (node == null || !node.isTextual()) {
            throw new ResultsFormatException(file, lineNo, "node", "missing or not a string");
        }
        int attempt = kind == WgEvent.Kind.GAVE_UP ? n.path("attempts").asInt(0) : n.path("attempt").asInt(0);
        return new WgEvent(t.asLong(), kind, node.asText(), n.path("peer").asText(""),
                n.path("retry").asBoolean(false), attempt, n.path("rekey").asBoolean(false),
                n.path("role").asText(""));
    }
}
