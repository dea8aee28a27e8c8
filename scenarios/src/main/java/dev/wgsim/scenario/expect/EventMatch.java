package dev.wgsim.scenario.expect;

import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which events an expectation is about, and the few events it keeps to show when it fails: the
 * neighbourhood of a decisive time ({@link Around}) and the ends of a list of matches
 * ({@link Ends}). Both keep a fixed number of events however long the run, so an expectation
 * evaluated as the run goes holds O(1) events.
 */
final class EventMatch {
    /** Events shown before and after the decisive place. */
    static final int CONTEXT = 3;

    private EventMatch() {
    }

    static boolean matches(EventView e, String kind, EventFilter f) {
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

    /** Events that concern the node the filter names (all events when it names none): the context's candidates. */
    static boolean concerns(EventView e, EventFilter f) {
        if (f.node().isEmpty()) {
            return true;
        }
        String node = f.node().get();
        return node.equals(e.subject()) || node.equals(e.field("peer"));
    }

    /** The last {@link #CONTEXT} related events seen so far (the "before" half of a context that starts now). */
    static final class Recent {
        private final ArrayDeque<LoggedEvent> last = new ArrayDeque<>(CONTEXT);

        void add(LoggedEvent e) {
            if (last.size() == CONTEXT) {
                last.removeFirst();
            }
            last.addLast(e);
        }

        ArrayDeque<LoggedEvent> copy() {
            return new ArrayDeque<>(last);
        }
    }

    /**
     * Up to {@link #CONTEXT} related events at or before time {@code t} and as many after it,
     * matched ones marked with {@code >}: fed every related event from where it starts (with the
     * related events before that, when it starts in the middle of the run).
     */
    static final class Around {
        private final long t;
        private final ArrayDeque<LoggedEvent> before;
        private final List<LoggedEvent> after = new ArrayList<>(CONTEXT);

        Around(long t, Recent sofar) {
            this.t = t;
            this.before = sofar == null ? new ArrayDeque<>(CONTEXT) : sofar.copy();
        }

        /** A related event that came after this context started. */
        void see(EventView e) {
            if (e.t() <= t) {
                if (!after.isEmpty()) {
                    return; // not reached: events come in time order
                }
                if (before.size() == CONTEXT) {
                    before.removeFirst();
                }
                before.addLast(e.keep());
            } else if (after.size() < CONTEXT) {
                after.add(e.keep());
            }
        }

        boolean full() {
            return after.size() == CONTEXT;
        }

        List<String> lines(String kind, EventFilter f) {
            List<String> out = new ArrayList<>();
            for (LoggedEvent e : before) {
                out.add((matches(e, kind, f) ? "> " : "  ") + e.describe());
            }
            for (LoggedEvent e : after) {
                out.add((matches(e, kind, f) ? "> " : "  ") + e.describe());
            }
            if (out.isEmpty()) {
                out.add("  (no events" + f.node().map(n -> " at " + n).orElse("") + ")");
            }
            return out;
        }
    }

    /** The first and last few of the matches, with a line saying how many were left out. */
    static final class Ends {
        private final List<LoggedEvent> first = new ArrayList<>(CONTEXT);
        private final ArrayDeque<LoggedEvent> last = new ArrayDeque<>(CONTEXT);
        private long n;

        void add(EventView e) {
            LoggedEvent k = e.keep();
            if (first.size() < CONTEXT) {
                first.add(k);
            }
            if (last.size() == CONTEXT) {
                last.removeFirst();
            }
            last.addLast(k);
            n++;
        }

        long size() {
            return n;
        }

        List<String> lines() {
            List<String> out = new ArrayList<>();
            first.forEach(e -> out.add("> " + e.describe()));
            if (n > 2 * CONTEXT) {
                out.add("  ... " + (n - 2 * CONTEXT) + " more ...");
            }
            // the last ones not already among the first (n - CONTEXT of them when n < 2 x CONTEXT)
            long skip = Math.max(0, last.size() - Math.max(0, n - CONTEXT));
            int i = 0;
            for (LoggedEvent e : last) {
                if (i++ >= skip) {
                    out.add("> " + e.describe());
                }
            }
            return out;
        }
    }
}
