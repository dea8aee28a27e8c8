package dev.wgsim.scenario.expect;

import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.Comparison;
import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evaluates the issue-7 vocabulary over one run's stored events: an event happens (at a time with
 * a tolerance, or in a window), counts, intervals between successive events, the span from first
 * to last, flow delivery/latency/throughput, and a node's endpoint for a peer at a time. Every
 * failure says what was expected, what happened, and shows the events around the decisive place.
 * The work is {@link ExpectationWatch}'s, which a run without stored events subscribes to its
 * trace instead (the same verdicts, in memory that does not grow with the run).
 */
public final class Evaluator {
    private final Scenario scenario;
    private final RunEvents log;
    private final MetricsRecorder metrics;

    /** @param metrics the run's flow metrics, or null when only events are at hand */
    public Evaluator(Scenario scenario, RunEvents log, MetricsRecorder metrics) {
        this.scenario = scenario;
        this.log = log;
        this.metrics = metrics;
    }

    public List<Outcome> evaluateAll() {
        return evaluate(scenario.expect());
    }

    /** The verdicts on {@code specs}: the stored events replayed through {@link ExpectationWatch}, in one pass. */
    public List<Outcome> evaluate(List<ExpectSpec> specs) {
        ExpectationWatch watch = new ExpectationWatch(scenario, specs);
        for (LoggedEvent e : log.events()) {
            watch.see(e);
        }
        List<Outcome> out = new ArrayList<>(watch.finish(metrics));
        // Per-packet events are not stored, only counted: read their counts from the log.
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i) instanceof ExpectSpec.Count c && RunEvents.perPacket(c.kind())) {
                out.set(i, packetOutcome(c, packetCountable(c)
                        ? log.packetCount(c.kind(), c.filter().node().orElse(""), c.filter().reason().orElse("")) : 0));
            }
        }
        return out;
    }

    public Outcome evaluate(ExpectSpec e) {
        return evaluate(List.of(e)).get(0);
    }

    /** Per-packet events are counted over the whole run by node and reason only. */
    static boolean packetCountable(ExpectSpec.Count c) {
        return c.window().isEmpty() && c.filter().peer().isEmpty() && c.filter().where().isEmpty();
    }

    /** The verdict on a count of per-packet events, {@code n} of them counted. */
    static Outcome packetOutcome(ExpectSpec.Count c, long n) {
        String what = compText(c.count(), "") + " " + c.kind() + filterText(c.filter()) + windowText(c.window());
        if (!packetCountable(c)) {
            return new Outcome(c.text(), false, what, "per-packet events can only be counted over the whole run by node"
                    + " and reason", List.of());
        }
        return new Outcome(c.text(), c.count().test(n), what, "counted " + n, List.of());
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
}
