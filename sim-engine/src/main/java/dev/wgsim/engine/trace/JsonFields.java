package dev.wgsim.engine.trace;

import java.util.Objects;

/**
 * The field writer a {@link TraceEvent} fills in {@link TraceEvent#writeFields}. It either appends
 * {@code ,"key":value} pairs to a JSON object under construction ({@link #appendingTo}), or just
 * captures the value of one key ({@link #capturing}), which is how counting listeners read a
 * {@code reason} without formatting a line.
 *
 * <p>Strings are escaped per RFC 8259 (quote, backslash, control characters; unpaired surrogates
 * as {@code \\uXXXX} so the output stays valid UTF-8); doubles print with {@link Double#toString}
 * (locale-independent, shortest round-trip form) and NaN or infinities print as {@code null}.
 */
public final class JsonFields {

    private final StringBuilder json;
    private final String captureKey;
    private final java.util.Map<String, String> all;
    private String captured;
    private boolean found;

    private JsonFields(StringBuilder json, String captureKey) {
        this(json, captureKey, null);
    }

    private JsonFields(StringBuilder json, String captureKey, java.util.Map<String, String> all) {
        this.json = json;
        this.captureKey = captureKey;
        this.all = all;
    }

    /**
     * A writer that puts every field into {@code fields} as its JSON text form (strings as
     * themselves, numbers and booleans as written, a null or non-finite value as {@code null}):
     * what a JSON parser reading the event's line back gives, without the line.
     */
    public static JsonFields collecting(java.util.Map<String, String> fields) {
        return new JsonFields(null, null, Objects.requireNonNull(fields, "fields"));
    }

    /** A writer that appends {@code ,"key":value} for every put to {@code json}. */
    public static JsonFields appendingTo(StringBuilder json) {
        return new JsonFields(Objects.requireNonNull(json, "json"), null);
    }

    /** A writer that records only the value put under {@code key}, as its JSON text form. */
    public static JsonFields capturing(String key) {
        return new JsonFields(null, Objects.requireNonNull(key, "key"));
    }

    /**
     * The captured value: the string itself for string fields, the JSON text for numbers and
     * booleans, null if the key was absent or its value was null.
     */
    public String captured() {
        return captured;
    }

    /** True iff the captured key was put (even with a null value). */
    public boolean found() {
        return found;
    }

    public JsonFields put(String key, String value) {
        if (json != null) {
            appendKey(key);
            if (value == null) {
                json.append("null");
            } else {
                appendString(json, value);
            }
        } else if (all != null) {
            all.put(key, value == null ? "null" : value);
        } else if (captureKey.equals(key)) {
            found = true;
            captured = value;
        }
        return this;
    }

    public JsonFields put(String key, long value) {
        if (json != null) {
            appendKey(key);
            json.append(value);
        } else if (all != null) {
            all.put(key, Long.toString(value));
        } else if (captureKey.equals(key)) {
            found = true;
            captured = Long.toString(value);
        }
        return this;
    }

    public JsonFields put(String key, double value) {
        String text = Double.isFinite(value) ? Double.toString(value) : null;
        if (json != null) {
            appendKey(key);
            json.append(text == null ? "null" : text);
        } else if (all != null) {
            all.put(key, text == null ? "null" : text);
        } else if (captureKey.equals(key)) {
            found = true;
            captured = text;
        }
        return this;
    }

    public JsonFields put(String key, boolean value) {
        if (json != null) {
            appendKey(key);
            json.append(value);
        } else if (all != null) {
            all.put(key, Boolean.toString(value));
        } else if (captureKey.equals(key)) {
            found = true;
            captured = Boolean.toString(value);
        }
        return this;
    }

    private void appendKey(String key) {
        json.append(',');
        appendString(json, Objects.requireNonNull(key, "key"));
        json.append(':');
    }

    /** Appends {@code s} as a quoted, escaped JSON string. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        final String hex = "0123456789abcdef";
        out.append("\\u")
                .append(hex.charAt((c >> 12) & 0xF))
                .append(hex.charAt((c >> 8) & 0xF))
                .append(hex.charAt((c >> 4) & 0xF))
                .append(hex.charAt(c & 0xF));
    }
}
