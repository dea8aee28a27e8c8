package dev.wgsim.scenario.expect;

import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import dev.wgsim.scenario.expect.EventMatch.Around;
import dev.wgsim.scenario.expect.EventMatch.Ends;
import dev.wgsim.scenario.expect.EventMatch.Recent;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario's expectations evaluated as the run goes: subscribed to the run's trace, each
 * expectation keeps only what its verdict and its failure message need (counts, the first or
 * nearest match, the worst gap, a few events of context), so memory does not grow with the
 * run's length. {@link #finish} gives the same outcomes, word for word, as {@link Evaluator} over
 * the whole stored event list (which replays its events through the same watchers).
 * <p>
 * Subscribe it with {@code Trace.subscribe} when {@link #wantsPackets()} (an expectation counts
 * per-packet events), else with {@code Trace.subscribeProtocol}.
 */
public final class ExpectationWatch implements TraceListener {
    private final Scenario scenario;
    private final List<Watch> watches = new ArrayList<>();
    private final List<PacketCount> packetCounts = new ArrayList<>();
    /** Events of each kind (any node), for "it never happened (N events for other nodes)". */
    private final Map<String, long[]> kindCounts = new LinkedHashMap<>();

    public ExpectationWatch(Scenario scenario, List<ExpectSpec> specs) {
        this.scenario = scenario;
        for (ExpectSpec e : List.copyOf(specs)) {
            Watch w = watchFor(e);
            watches.add(w);
            if (w instanceof PacketCount p) {
                packetCounts.add(p);
            }
            if (w instanceof Happens h) {
                kindCounts.putIfAbsent(h.spec.kind(), new long[1]);
            }
        }
    }

    /** All of the scenario's own expectations. */
    public ExpectationWatch(Scenario scenario) {
        this(scenario, scenario.expect());
    }

    /** True when an expectation counts per-packet events: subscribe for packets then. */
    public boolean wantsPackets() {
        return !packetCounts.isEmpty();
    }

    @Override
    public void onEvent(TraceEvent e) {
        String kind = e.kind();
        if (RunEvents.perPacket(kind)) {
            if (!packetCounts.isEmpty()) {
                String who = field(e, "node");
                if (who.isEmpty()) {
                    who = field(e, "link");
                }
                String reason = field(e, "reason");
                for (PacketCount p : packetCounts) {
                    p.see(kind, who, reason);
                }
            }
            return;
        }
        see(new Live(e));
    }

    private static String field(TraceEvent e, String key) {
        String v = e.field(key);
        return v == null ? "" : v;
    }

    /** One non-per-packet event (a live one, or a stored one replayed). */
    void see(EventView e) {
        long[] n = kindCounts.get(e.kind());
        if (n != null) {
            n[0]++;
        }
        for (Watch w : watches) {
            w.see(e);
        }
    }

    /** The verdicts, in the order of the specs. */
    public List<Outcome> finish(MetricsRecorder metrics) {
        List<Outcome> out = new ArrayList<>(watches.size());
        for (Watch w : watches) {
            out.add(w.finish(metrics));
        }
        return out;
    }

    private Watch watchFor(ExpectSpec e) {
        if (e instanceof ExpectSpec.Happens h) {
            return new Happens(h);
        }
        if (e instanceof ExpectSpec.Count c) {
            return RunEvents.perPacket(c.kind()) ? new PacketCount(c) : new Count(c);
        }
        if (e instanceof ExpectSpec.Interval iv) {
            return new Interval(iv);
        }
        if (e instanceof ExpectSpec.Span s) {
            return new Span(s);
        }
        if (e instanceof ExpectSpec.Flow f) {
            return new Watch() {
                @Override
                Outcome finish(MetricsRecorder metrics) {
                    return FlowCheck.check(f, scenario, metrics);
                }
            };
        }
        return new EndpointAt((ExpectSpec.EndpointAt) e);
    }

    /** A trace event seen live: fields read from its typed components, materialised at most once. */
    private static final class Live implements EventView {
        private final TraceEvent e;
        private LoggedEvent kept;

        Live(TraceEvent e) {
            this.e = e;
        }

        @Override
        public long t() {
            return e.timeNanos();
        }

        @Override
        public String kind() {
            return e.kind();
        }

        @Override
        public String field(String key) {
            if (kept != null) {
                return kept.field(key);
            }
            String v = e.field(key);
            return v == null ? "" : v;
        }

        @Override
        public LoggedEvent keep() {
            if (kept == null) {
                Map<String, String> fields = new LinkedHashMap<>();
                e.writeFields(JsonFields.collecting(fields));
                fields.remove("t");
                fields.remove("kind");
                kept = new LoggedEvent(e.timeNanos(), e.kind(), fields, JsonLines.toJson(e));
            }
            return kept;
        }
    }

    /** One expectation's state. */
    private abstract static class Watch {
        void see(EventView e) {
        }

        abstract Outcome finish(MetricsRecorder metrics);
    }

    /** Shared by the expectations over a kind and filter: the recent related events and a fixed-time context. */
    private abstract static class Matching extends Watch {
        final String kind;
        final EventFilter filter;
        final Recent recent = new Recent();
        /** Context around a time known from the start (a window's start, or 0), for "nothing matched". */
        final Around fixed;
        /** Context around the decisive match, restarted whenever another match becomes decisive. */
        Around decisive;

        Matching(String kind, EventFilter filter, long fixedAt) {
            this.kind = kind;
            this.filter = filter;
            this.fixed = new Around(fixedAt, null);
        }

        @Override
        final void see(EventView e) {
            if (EventMatch.concerns(e, filter)) {
                fixed.see(e);
                if (decisive != null) {
                    decisive.see(e);
                }
                recent.add(e.keep());
                if (EventMatch.matches(e, kind, filter)) {
                    matched(e);
                }
            }
        }

        /** Starts the decisive context at {@code e} (already in {@link #recent}). */
        void decisive(EventView e) {
            decisive = new Around(e.t(), recent);
        }

        abstract void matched(EventView e);
    }

    private final class Happens extends Matching {
        final ExpectSpec.Happens spec;
        long all;
        long firstIn = -1;
        long nearest = -1;

        Happens(ExpectSpec.Happens h) {
            super(h.kind(), h.filter(), h.window().map(TimeWindow::from).orElse(0L));
            this.spec = h;
        }

        @Override
        void matched(EventView e) {
            all++;
            if (spec.window().map(w -> w.contains(e.t())).orElse(true)) {
                if (firstIn < 0) {
                    firstIn = e.t();
                }
            } else if (firstIn < 0 && (nearest < 0 || distance(e.t(), spec.window().get()) < distance(nearest, spec.window().get()))) {
                nearest = e.t();
                decisive(e);
            }
        }

        @Override
        Outcome finish(MetricsRecorder metrics) {
            ExpectSpec.Happens h = spec;
            String what = h.kind() + Evaluator.filterText(h.filter()) + Evaluator.windowText(h.window());
            if (firstIn >= 0) {
                return new Outcome(h.text(), true, what, "first at " + TimeText.seconds(firstIn), List.of());
            }
            if (all == 0) {
                long n = kindCounts.get(h.kind())[0];
                String others = n == 0 ? " (no " + h.kind() + " events at all)"
                        : " (" + n + " " + h.kind() + " events for other nodes/peers/fields)";
                return new Outcome(h.text(), false, what, "it never happened" + others, fixed.lines(kind, filter));
            }
            TimeWindow w = h.window().orElseThrow();
            String side = nearest < w.from() ? TimeText.delta(nearest - w.from()) + " before the window"
                    : TimeText.delta(nearest - w.to()) + " after the window";
            return new Outcome(h.text(), false, what, "it happened " + all + " time" + (all == 1 ? "" : "s")
                    + ", none in the window; nearest at " + TimeText.seconds(nearest) + " (" + side + ")",
                    decisive.lines(kind, filter));
        }
    }

    private static long distance(long t, TimeWindow w) {
        return t < w.from() ? w.from() - t : t > w.to() ? t - w.to() : 0;
    }

    private static final class Count extends Matching {
        final ExpectSpec.Count spec;
        final Ends ends = new Ends();

        Count(ExpectSpec.Count c) {
            super(c.kind(), c.filter(), c.window().map(TimeWindow::from).orElse(0L));
            this.spec = c;
        }

        @Override
        void matched(EventView e) {
            if (spec.window().map(w -> w.contains(e.t())).orElse(true)) {
                ends.add(e);
            }
        }

        @Override
        Outcome finish(MetricsRecorder metrics) {
            ExpectSpec.Count c = spec;
            String what = Evaluator.compText(c.count(), "") + " " + c.kind() + Evaluator.filterText(c.filter())
                    + Evaluator.windowText(c.window());
            long n = ends.size();
            boolean ok = c.count().test(n);
            List<String> context = ok ? List.of() : n == 0 ? fixed.lines(kind, filter) : ends.lines();
            return new Outcome(c.text(), ok, what, "counted " + n, context);
        }
    }

    /** A count of per-packet events: only over the whole run, by node (or link) and reason. */
    private static final class PacketCount extends Watch {
        final ExpectSpec.Count spec;
        final boolean countable;
        long n;

        PacketCount(ExpectSpec.Count c) {
            this.spec = c;
            this.countable = Evaluator.packetCountable(c);
        }

        void see(String kind, String who, String reason) {
            if (countable && kind.equals(spec.kind()) && spec.filter().node().map(who::equals).orElse(true)
                    && spec.filter().reason().map(reason::equals).orElse(true)) {
                n++;
            }
        }

        @Override
        Outcome finish(MetricsRecorder metrics) {
            return Evaluator.packetOutcome(spec, n);
        }
    }

    private static final class Interval extends Matching {
        final ExpectSpec.Interval spec;
        final Ends ends = new Ends();
        long count;
        long prev;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long worst = 1;
        long worstOff = -1;
        long worstFrom;
        long worstTo;

        Interval(ExpectSpec.Interval iv) {
            super(iv.kind(), iv.filter(), iv.window().map(TimeWindow::from).orElse(0L));
            this.spec = iv;
        }

        @Override
        void matched(EventView e) {
            if (!spec.window().map(w -> w.contains(e.t())).orElse(true)) {
                return;
            }
            if (count < 2) {
                ends.add(e);
            }
            if (count > 0) {
                long gap = e.t() - prev;
                min = Math.min(min, gap);
                max = Math.max(max, gap);
                long off = Math.abs(gap - spec.every());
                if (off > worstOff) {
                    worstOff = off;
                    worst = count;
                    worstFrom = prev;
                    worstTo = e.t();
                    decisive(e);
                }
            }
            prev = e.t();
            count++;
        }

        @Override
        Outcome finish(MetricsRecorder metrics) {
            ExpectSpec.Interval iv = spec;
            String what = iv.kind() + Evaluator.filterText(iv.filter()) + " every " + TimeText.seconds(iv.every()) + " ± "
                    + TimeText.seconds(iv.tolerance()) + " (" + TimeText.seconds(iv.every() - iv.tolerance()) + " to "
                    + TimeText.seconds(iv.every() + iv.tolerance()) + ")" + Evaluator.windowText(iv.window());
            if (count < 2) {
                return new Outcome(iv.text(), false, what, "only " + count + " matching event" + (count == 1 ? "" : "s"),
                        count == 0 ? fixed.lines(kind, filter) : ends.lines());
            }
            boolean ok = worstOff <= iv.tolerance();
            String range = (count - 1) + " gaps from " + TimeText.seconds(min) + " to " + TimeText.seconds(max);
            if (ok) {
                return new Outcome(iv.text(), true, what, range, List.of());
            }
            long gap = worstTo - worstFrom;
            return new Outcome(iv.text(), false, what, range + "; gap " + worst + " (" + TimeText.seconds(worstFrom)
                    + " -> " + TimeText.seconds(worstTo) + ") was " + TimeText.seconds(gap) + ", off by "
                    + TimeText.seconds(worstOff), decisive.lines(kind, filter));
        }
    }

    private static final class Span extends Matching {
        final ExpectSpec.Span spec;
        final Ends ends = new Ends();
        long first;
        long last;

        Span(ExpectSpec.Span s) {
            super(s.kind(), s.filter(), 0L);
            this.spec = s;
        }

        @Override
        void matched(EventView e) {
            if (spec.window().map(w -> w.contains(e.t())).orElse(true)) {
                if (ends.size() == 0) {
                    first = e.t();
                }
                last = e.t();
                ends.add(e);
            }
        }

        @Override
        Outcome finish(MetricsRecorder metrics) {
            ExpectSpec.Span s = spec;
            String what = "first to last " + s.kind() + Evaluator.filterText(s.filter()) + Evaluator.windowText(s.window()) + " "
                    + Evaluator.compText(s.span(), "s");
            long n = ends.size();
            if (n < 2) {
                return new Outcome(s.text(), false, what, "only " + n + " matching event" + (n == 1 ? "" : "s"), ends.lines());
            }
            long span = last - first;
            boolean ok = s.span().test(span);
            return new Outcome(s.text(), ok, what, "span was " + TimeText.seconds(span) + " (" + TimeText.seconds(first) + " -> "
                    + TimeText.seconds(last) + ", " + n + " events)", ok ? List.of() : ends.lines());
        }
    }

    private final class EndpointAt extends Matching {
        final ExpectSpec.EndpointAt spec;
        String actual;
        long lastAt = -1;

        EndpointAt(ExpectSpec.EndpointAt ep) {
            super("wg.endpoint.changed", new EventFilter(Optional.of(ep.node()), Optional.of(ep.peer()), Optional.empty(),
                    Optional.empty()), ep.at());
            this.spec = ep;
            this.actual = initialEndpoint(ep.node(), ep.peer());
        }

        @Override
        void matched(EventView e) {
            if (e.t() <= spec.at()) {
                actual = e.field("new");
                lastAt = e.t();
            }
        }

        @Override
        Outcome finish(MetricsRecorder metrics) {
            ExpectSpec.EndpointAt ep = spec;
            String want = ep.endpoint().toString();
            String what = "at " + TimeText.seconds(ep.at()) + " " + ep.node() + "'s endpoint for " + ep.peer() + " to be " + want;
            boolean ok = actual.equals(want);
            String how = lastAt < 0 ? " (as configured; it never changed before then)" : " (since " + TimeText.seconds(lastAt) + ")";
            return new Outcome(ep.text(), ok, what, "it was " + (actual.isEmpty() ? "(none)" : actual) + how,
                    ok ? List.of() : fixed.lines(kind, filter));
        }
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
}
