package dev.wgsim.reports.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Field access on a Jackson tree whose errors name the JSON path, so a broken summary.json is easy to fix. */
final class JsonFields {
    private final Path file;

    JsonFields(Path file) {
        this.file = file;
    }

    JsonNode object(JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isObject()) {
            throw new ResultsFormatException(file, path + name, "missing or not an object");
        }
        return n;
    }

    String string(JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isTextual()) {
            throw new ResultsFormatException(file, path + name, "missing or not a string");
        }
        return n.asText();
    }

    String optString(JsonNode parent, String name, String fallback) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    long longValue(JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        if (n == null || !n.isNumber()) {
            throw new ResultsFormatException(file, path + name, "missing or not a number");
        }
        return n.asLong();
    }

    long optLong(JsonNode parent, String path, String name, long fallback) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new ResultsFormatException(file, path + name, "not a number: " + n);
        }
        return n.asLong();
    }

    double optDouble(JsonNode parent, String path, String name, double fallback) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new ResultsFormatException(file, path + name, "not a number: " + n);
        }
        return n.asDouble();
    }

    List<String> strings(JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText());
        }
        if (!n.isArray()) {
            throw new ResultsFormatException(file, path + name, "not an array of strings");
        }
        List<String> out = new ArrayList<>(n.size());
        n.forEach(e -> out.add(e.asText()));
        return List.copyOf(out);
    }

    <T> List<T> list(JsonNode parent, String path, String name, BiFunction<JsonNode, String, T> element) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new ResultsFormatException(file, path + name, "not an array");
        }
        List<T> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(element.apply(n.get(i), path + name + "[" + i + "]."));
        }
        return List.copyOf(out);
    }

    /** An object of numbers kept in file order (counters such as drops by reason). */
    Map<String, Long> counters(JsonNode parent, String path, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new ResultsFormatException(file, path + name, "not an object");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        n.properties().forEach(e -> {
            if (!e.getValue().isNumber()) {
                throw new ResultsFormatException(file, path + name + "." + e.getKey(), "not a number");
            }
            out.put(e.getKey(), e.getValue().asLong());
        });
        return Collections.unmodifiableMap(out);
    }
}
