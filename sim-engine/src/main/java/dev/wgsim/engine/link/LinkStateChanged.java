package dev.wgsim.engine.link;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code link.state}: a link went up or down. */
public record LinkStateChanged(long timeNanos, String link, boolean up) implements TraceEvent {
    @Override
    public String kind() {
        return "link.state";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("link", link).put("up", up);
    }
}
