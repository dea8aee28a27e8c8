package dev.wgsim.engine.trace;

/** Formats trace events as the JSON objects of events.jsonl (docs/results-format.md). */
public final class JsonLines {

    private JsonLines() {
    }

    /** Appends {@code {"t":...,"kind":"...",<fields>}} (no line end) to {@code out}. */
    public static void appendJson(StringBuilder out, TraceEvent event) {
        out.append("{\"t\":").append(event.timeNanos()).append(",\"kind\":");
        JsonFields.appendString(out, event.kind());
        event.writeFields(JsonFields.appendingTo(out));
        out.append('}');
    }

    /** The event as one JSON object, without a line end. */
    public static String toJson(TraceEvent event) {
        StringBuilder sb = new StringBuilder(128);
        appendJson(sb, event);
        return sb.toString();
    }
}
