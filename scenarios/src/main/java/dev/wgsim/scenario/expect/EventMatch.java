package dev.wgsim.scenario.expect;

import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Selecting the kept events an expectation is about, and the neighbourhood shown when it fails. */
final class EventMatch {
    /** Events shown before and after the decisive place. */
    static final int CONTEXT = 3;

    private EventMatch() {
    }

    static boolean matches(LoggedEvent e, String kind, EventFilter f) {
        if (!e.kind().equals(kind)) {
            return false;
        }
        if (f.node().isPresent() && !f.node().get().equals(e.subject())) {
            return false;
        }
        if (f.peer().isPresent() && !f.peer().get().equals(e.field("peer"))) {
            return false;
        }
        if (f.reason().isPresent() && !f.reason().get().equals(e.field("reason"))) {
            return false;
        }
        if (f.flow().isPresent() && !f.flow().get().equals(e.field("flow"))) {
            return false;
        }
        for (Map.Entry<String, String> w : f.where().entrySet()) {
            if (!w.getValue().equals(e.field(w.getKey()))) {
                return false;
            }
        }
        return true;
    }

    static List<LoggedEvent> select(List<LoggedEvent> all, String kind, EventFilter f, Optional<TimeWindow> w) {
        List<LoggedEvent> out = new ArrayList<>();
        for (LoggedEvent e : all) {
            if (matches(e, kind, f) && w.map(x -> x.contains(e.t())).orElse(true)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Up to {@link #CONTEXT} events before and after time {@code t} that concern the node (or peer)
     * the filter names (all events when it names none); matched events are marked with {@code >}.
     */
    static List<String> around(List<LoggedEvent> all, long t, String kind, EventFilter f) {
        List<LoggedEvent> related = new ArrayList<>();
        for (LoggedEvent e : all) {
            if (concerns(e, f)) {
                related.add(e);
            }
        }
        int split = 0;
        while (split < related.size() && related.get(split).t() <= t) {
            split++;
        }
        List<String> out = new ArrayList<>();
        for (int i = Math.max(0, split - CONTEXT); i < Math.min(related.size(), split + CONTEXT); i++) {
            LoggedEvent e = related.get(i);
            out.add((matches(e, kind, f) ? "> " : "  ") + e.describe());
        }
        if (out.isEmpty()) {
            out.add("  (no events" + f.node().map(n -> " at " + n).orElse("") + ")");
        }
        return out;
    }

    /** The first and last few of {@code list}, with a line saying how many were left out. */
    static List<String> ends(List<LoggedEvent> list) {
        List<String> out = new ArrayList<>();
        int n = list.size();
        for (int i = 0; i < n; i++) {
            if (i == CONTEXT && n > 2 * CONTEXT) {
                out.add("  ... " + (n - 2 * CONTEXT) + " more ...");
                i = n - CONTEXT;
            }
            out.add("> " + list.get(i).describe());
        }
        return out;
    }

    private static boolean concerns(LoggedEvent e, EventFilter f) {
        if (f.node().isEmpty()) {
            return true;
        }
        String node = f.node().get();
        return node.equals(e.subject()) || node.equals(e.field("peer"));
    }
}
