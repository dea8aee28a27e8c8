package dev.wgsim.scenario.expect;

import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.Comparison;
import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference for {@link ExpectationWatch}: expectations evaluated over the whole stored event
 * list, as wgsim did before it evaluated them as the run goes (this file is Evaluator and
 * EventMatch of main e64c14b, renamed). The watch must give the same outcomes, word for word.
 */
final class StoredListEvaluator {
    private final Scenario scenario;
    private final RunEvents log;
    private final MetricsRecorder metrics;

    /** @param metrics the run's flow metrics, or null when only events are at hand */
    StoredListEvaluator(Scenario scenario, RunEvents log, MetricsRecorder metrics) {
        this.scenario = scenario;
        this.log = log;
        this.metrics = metrics;
    }

    public List<Outcome> evaluateAll() {
        return evaluate(scenario.expect());
    }

    public List<Outcome> evaluate(List<ExpectSpec> specs) {
        List<Outcome> out = new ArrayList<>(specs.size());
        for (ExpectSpec e : specs) {
            out.add(evaluate(e));
        }
        return out;
    }

    public Outcome evaluate(ExpectSpec e) {
        if (e instanceof ExpectSpec.Happens h) {
            return happens(h);
        }
        if (e instanceof ExpectSpec.Count c) {
            return count(c);
        }
        if (e instanceof ExpectSpec.Interval iv) {
            return interval(iv);
        }
        if (e instanceof ExpectSpec.Span s) {
            return span(s);
        }
        if (e instanceof ExpectSpec.Flow f) {
            return FlowCheck.check(f, scenario, metrics);
        }
        return endpoint((ExpectSpec.EndpointAt) e);
    }

    private Outcome happens(ExpectSpec.Happens h) {
        String what = h.kind() + filterText(h.filter()) + windowText(h.window());
        List<LoggedEvent> all = ListMatch.select(log.events(), h.kind(), h.filter(), Optional.empty());
        List<LoggedEvent> in = ListMatch.select(log.events(), h.kind(), h.filter(), h.window());
        if (!in.isEmpty()) {
            return new Outcome(h.text(), true, what, "first at " + TimeText.seconds(in.get(0).t()), List.of());
        }
        if (all.isEmpty()) {
            long t = h.window().map(TimeWindow::from).orElse(0L);
            return new Outcome(h.text(), false, what, "it never happened"
                    + othersText(h.kind()), ListMatch.around(log.events(), t, h.kind(), h.filter()));
        }
        TimeWindow w = h.window().orElseThrow();
        LoggedEvent nearest = all.get(0);
        for (LoggedEvent e : all) {
            if (distance(e.t(), w) < distance(nearest.t(), w)) {
                nearest = e;
            }
        }
        String side = nearest.t() < w.from() ? TimeText.delta(nearest.t() - w.from()) + " before the window"
                : TimeText.delta(nearest.t() - w.to()) + " after the window";
        return new Outcome(h.text(), false, what, "it happened " + all.size() + " time" + (all.size() == 1 ? "" : "s")
                + ", none in the window; nearest at " + TimeText.seconds(nearest.t()) + " (" + side + ")",
                ListMatch.around(log.events(), nearest.t(), h.kind(), h.filter()));
    }

    private Outcome count(ExpectSpec.Count c) {
        String what = compText(c.count(), "") + " " + c.kind() + filterText(c.filter()) + windowText(c.window());
        if (RunEvents.perPacket(c.kind())) {
            if (c.window().isPresent() || c.filter().peer().isPresent() || !c.filter().where().isEmpty()) {
                return new Outcome(c.text(), false, what, "per-packet events can only be counted over the whole run by node"
                        + " and reason", List.of());
            }
            long n = log.packetCount(c.kind(), c.filter().node().orElse(""), c.filter().reason().orElse(""));
            return new Outcome(c.text(), c.count().test(n), what, "counted " + n, List.of());
        }
        List<LoggedEvent> m = ListMatch.select(log.events(), c.kind(), c.filter(), c.window());
        boolean ok = c.count().test(m.size());
        List<String> context = ok ? List.of() : m.isEmpty()
                ? ListMatch.around(log.events(), c.window().map(TimeWindow::from).orElse(0L), c.kind(), c.filter())
                : ListMatch.ends(m);
        return new Outcome(c.text(), ok, what, "counted " + m.size(), context);
    }

    private Outcome interval(ExpectSpec.Interval iv) {
        String what = iv.kind() + filterText(iv.filter()) + " every " + TimeText.seconds(iv.every()) + " ± "
                + TimeText.seconds(iv.tolerance()) + " (" + TimeText.seconds(iv.every() - iv.tolerance()) + " to "
                + TimeText.seconds(iv.every() + iv.tolerance()) + ")" + windowText(iv.window());
        List<LoggedEvent> m = ListMatch.select(log.events(), iv.kind(), iv.filter(), iv.window());
        if (m.size() < 2) {
            return new Outcome(iv.text(), false, what, "only " + m.size() + " matching event" + (m.size() == 1 ? "" : "s"),
                    m.isEmpty() ? ListMatch.around(log.events(), iv.window().map(TimeWindow::from).orElse(0L), iv.kind(),
                            iv.filter()) : ListMatch.ends(m));
        }
        int worst = 1;
        long worstOff = -1;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 1; i < m.size(); i++) {
            long gap = m.get(i).t() - m.get(i - 1).t();
            min = Math.min(min, gap);
            max = Math.max(max, gap);
            long off = Math.abs(gap - iv.every());
            if (off > worstOff) {
                worstOff = off;
                worst = i;
            }
        }
        boolean ok = worstOff <= iv.tolerance();
        String range = (m.size() - 1) + " gaps from " + TimeText.seconds(min) + " to " + TimeText.seconds(max);
        if (ok) {
            return new Outcome(iv.text(), true, what, range, List.of());
        }
        long gap = m.get(worst).t() - m.get(worst - 1).t();
        return new Outcome(iv.text(), false, what, range + "; gap " + worst + " (" + TimeText.seconds(m.get(worst - 1).t())
                + " -> " + TimeText.seconds(m.get(worst).t()) + ") was " + TimeText.seconds(gap) + ", off by " + TimeText.seconds(worstOff),
                ListMatch.around(log.events(), m.get(worst).t(), iv.kind(), iv.filter()));
    }

    private Outcome span(ExpectSpec.Span s) {
        String what = "first to last " + s.kind() + filterText(s.filter()) + windowText(s.window()) + " "
                + compText(s.span(), "s");
        List<LoggedEvent> m = ListMatch.select(log.events(), s.kind(), s.filter(), s.window());
        if (m.size() < 2) {
            return new Outcome(s.text(), false, what, "only " + m.size() + " matching event" + (m.size() == 1 ? "" : "s"),
                    ListMatch.ends(m));
        }
        long span = m.get(m.size() - 1).t() - m.get(0).t();
        boolean ok = s.span().test(span);
        return new Outcome(s.text(), ok, what, "span was " + TimeText.seconds(span) + " (" + TimeText.seconds(m.get(0).t()) + " -> "
                + TimeText.seconds(m.get(m.size() - 1).t()) + ", " + m.size() + " events)", ok ? List.of() : ListMatch.ends(m));
    }

    private Outcome endpoint(ExpectSpec.EndpointAt ep) {
        String want = ep.endpoint().toString();
        String what = "at " + TimeText.seconds(ep.at()) + " " + ep.node() + "'s endpoint for " + ep.peer() + " to be " + want;
        String actual = initialEndpoint(ep.node(), ep.peer());
        LoggedEvent last = null;
        EventFilter f = new EventFilter(Optional.of(ep.node()), Optional.of(ep.peer()), Optional.empty(), Optional.empty());
        for (LoggedEvent e : log.events()) {
            if (e.t() <= ep.at() && ListMatch.matches(e, "wg.endpoint.changed", f)) {
                actual = e.field("new");
                last = e;
            }
        }
        boolean ok = actual.equals(want);
        String how = last == null ? " (as configured; it never changed before then)"
                : " (since " + TimeText.seconds(last.t()) + ")";
        return new Outcome(ep.text(), ok, what, "it was " + (actual.isEmpty() ? "(none)" : actual) + how,
                ok ? List.of() : ListMatch.around(log.events(), ep.at(), "wg.endpoint.changed", f));
    }

    private String initialEndpoint(String node, String peer) {
        Optional<NodeSpec> n = scenario.node(node);
        if (n.isEmpty() || n.get().wireguard().isEmpty()) {
            return "";
        }
        for (PeerSpec p : n.get().wireguard().get().peers()) {
            if (p.name().equals(peer)) {
                return p.endpoint().map(Object::toString).orElse("");
            }
        }
        return "";
    }

    private String othersText(String kind) {
        long n = log.events().stream().filter(e -> e.kind().equals(kind)).count();
        return n == 0 ? " (no " + kind + " events at all)" : " (" + n + " " + kind + " events for other nodes/peers/fields)";
    }

    private static long distance(long t, TimeWindow w) {
        return t < w.from() ? w.from() - t : t > w.to() ? t - w.to() : 0;
    }

    static String filterText(EventFilter f) {
        StringBuilder sb = new StringBuilder();
        f.node().ifPresent(v -> sb.append(" node=").append(v));
        f.peer().ifPresent(v -> sb.append(" peer=").append(v));
        f.reason().ifPresent(v -> sb.append(" reason=").append(v));
        f.flow().ifPresent(v -> sb.append(" flow=").append(v));
        f.where().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    static String windowText(Optional<TimeWindow> w) {
        return w.map(x -> " in [" + TimeText.seconds(x.from()) + ", " + TimeText.seconds(x.to()) + "]").orElse("");
    }

    /** {@code exactly 20}, {@code >= 1}, {@code between 95.000000s and 101.000000s}... */
    static String compText(Comparison c, String unit) {
        java.util.function.DoubleFunction<String> v = unit.equals("s") ? x -> TimeText.seconds((long) x)
                : x -> x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.6g", x);
        return switch (c.op()) {
            case EQ -> "exactly " + v.apply(c.value());
            case NE -> "not " + v.apply(c.value());
            case GE -> ">= " + v.apply(c.value());
            case GT -> "> " + v.apply(c.value());
            case LE -> "<= " + v.apply(c.value());
            case LT -> "< " + v.apply(c.value());
            case BETWEEN -> "between " + v.apply(c.value()) + " and " + v.apply(c.upper());
        };
    }

    static final class ListMatch {
        /** Events shown before and after the decisive place. */
        static final int CONTEXT = 3;

        private ListMatch() {
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
}
