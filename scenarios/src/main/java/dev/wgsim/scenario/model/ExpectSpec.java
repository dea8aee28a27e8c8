package dev.wgsim.scenario.model;

import dev.wgsim.engine.net.Endpoint;
import java.util.Optional;

/**
 * One expectation over the run's events and metrics (evaluated as the run goes; the vocabulary
 * follows issue 7).
 */
public sealed interface ExpectSpec {
    /** A one-line statement of the expectation for results and failure messages. */
    String text();

    /** An event of {@code kind} matching {@code filter} happens (at a time within tolerance, or inside a window). */
    record Happens(String text, String kind, EventFilter filter, Optional<TimeWindow> window) implements ExpectSpec {
    }

    /** The number of matching events compares as given. */
    record Count(String text, String kind, EventFilter filter, Comparison count, Optional<TimeWindow> window)
            implements ExpectSpec {
    }

    /** Successive matching events are {@code every} ± {@code tolerance} apart. */
    record Interval(String text, String kind, EventFilter filter, long every, long tolerance, Optional<TimeWindow> window)
            implements ExpectSpec {
    }

    /** A flow metric compares as given (ratio 0..1, nanoseconds, or bits per second). */
    record Flow(String text, String flow, FlowMetric metric, Comparison value, Optional<TimeWindow> window)
            implements ExpectSpec {
    }

    /** The time from the first to the last matching event compares as given (nanoseconds). */
    record Span(String text, String kind, EventFilter filter, Comparison span, Optional<TimeWindow> window)
            implements ExpectSpec {
    }

    /** At a time, a node's endpoint for a peer is the given one. */
    record EndpointAt(String text, long at, String node, String peer, Endpoint endpoint) implements ExpectSpec {
    }

    enum FlowMetric {
        DELIVERED, THROUGHPUT, LATENCY_P50, LATENCY_P90, LATENCY_P99, LATENCY_MAX, RTT_P50, RTT_P90, RTT_P99, RTT_MAX
    }

    /**
     * Fields an event must have to match; empty ones match anything. {@code where} holds any
     * other field of the event (e.g. {@code persistent: false}, {@code role: initiator}) as the
     * text events.jsonl shows.
     */
    record EventFilter(Optional<String> node, Optional<String> peer, Optional<String> reason, Optional<String> flow,
                       java.util.Map<String, String> where) {
        public static final EventFilter ANY = new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), java.util.Map.of());

        public EventFilter {
            where = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(where));
        }

        public EventFilter(Optional<String> node, Optional<String> peer, Optional<String> reason, Optional<String> flow) {
            this(node, peer, reason, flow, java.util.Map.of());
        }
    }

    /** [from, to] in nanoseconds, inclusive. */
    record TimeWindow(long from, long to) {
        public boolean contains(long t) {
            return t >= from && t <= to;
        }
    }

    /** {@code op value} or {@code between value and upper}. */
    record Comparison(Op op, double value, double upper) {
        public boolean test(double x) {
            return switch (op) {
                case EQ -> x == value;
                case NE -> x != value;
                case GE -> x >= value;
                case GT -> x > value;
                case LE -> x <= value;
                case LT -> x < value;
                case BETWEEN -> x >= value && x <= upper;
            };
        }
    }

    enum Op { EQ, NE, GE, GT, LE, LT, BETWEEN }
}
