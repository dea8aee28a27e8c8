package dev.wgsim.scenario.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A whole scenario, parsed, expanded (templates, topology helpers) and checked.
 *
 * @param name        scenario name (also the results folder name)
 * @param description free text for the report
 * @param file        the file it was read from, as the user named it
 * @param seed        the seed every random stream derives from
 * @param duration    virtual nanoseconds to run
 * @param epoch       wall-clock instant virtual time 0 stands for (TAI64N timestamps start here)
 * @param metricsBin  width of metric time bins in nanoseconds
 * @param warnings    what runs but is probably not meant (printed by check and run, in summary.json)
 * @param trace       how much of the trace events.jsonl gets ({@code scenario.trace}, {@code --trace})
 * @param tailnet     the tailnet (control, relays, devices), whose nodes, NATs and links are also in the lists
 */
public record Scenario(
        String name,
        String description,
        String file,
        long seed,
        long duration,
        Instant epoch,
        long metricsBin,
        List<NodeSpec> nodes,
        List<LinkSpec> links,
        List<NatSpec> nats,
        List<EventSpec> events,
        List<TrafficSpec> traffic,
        CaptureSpec capture,
        List<ExpectSpec> expect,
        List<ScenarioWarning> warnings,
        TraceLevel trace,
        Optional<TailnetSpec> tailnet) {

    public Scenario {
        java.util.Objects.requireNonNull(trace, "trace");
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        nats = List.copyOf(nats);
        events = List.copyOf(events);
        traffic = List.copyOf(traffic);
        expect = List.copyOf(expect);
        warnings = List.copyOf(warnings);
        tailnet = tailnet == null ? Optional.empty() : tailnet;
    }

    /** A scenario without a tailnet. */
    public Scenario(String name, String description, String file, long seed, long duration, Instant epoch,
            long metricsBin, List<NodeSpec> nodes, List<LinkSpec> links, List<NatSpec> nats, List<EventSpec> events,
            List<TrafficSpec> traffic, CaptureSpec capture, List<ExpectSpec> expect, List<ScenarioWarning> warnings,
            TraceLevel trace) {
        this(name, description, file, seed, duration, epoch, metricsBin, nodes, links, nats, events, traffic, capture,
                expect, warnings, trace, Optional.empty());
    }

    /** A scenario that traces every event, without a tailnet. */
    public Scenario(String name, String description, String file, long seed, long duration, Instant epoch,
            long metricsBin, List<NodeSpec> nodes, List<LinkSpec> links, List<NatSpec> nats, List<EventSpec> events,
            List<TrafficSpec> traffic, CaptureSpec capture, List<ExpectSpec> expect, List<ScenarioWarning> warnings) {
        this(name, description, file, seed, duration, epoch, metricsBin, nodes, links, nats, events, traffic, capture,
                expect, warnings, TraceLevel.PACKETS, Optional.empty());
    }

    /** The same scenario (tailnet included) run for {@code nanos} instead. */
    public Scenario withDuration(long nanos) {
        return new Scenario(name, description, file, seed, nanos, epoch, metricsBin, nodes, links, nats, events,
                traffic, capture, expect, warnings, trace, tailnet);
    }

    /** The same scenario at another trace level. */
    public Scenario withTrace(TraceLevel level) {
        return new Scenario(name, description, file, seed, duration, epoch, metricsBin, nodes, links, nats, events,
                traffic, capture, expect, warnings, level, tailnet);
    }

    /** A scenario without warnings. */
    public Scenario(String name, String description, String file, long seed, long duration, Instant epoch,
            long metricsBin, List<NodeSpec> nodes, List<LinkSpec> links, List<NatSpec> nats, List<EventSpec> events,
            List<TrafficSpec> traffic, CaptureSpec capture, List<ExpectSpec> expect) {
        this(name, description, file, seed, duration, epoch, metricsBin, nodes, links, nats, events, traffic, capture,
                expect, List.of());
    }

    public Optional<NodeSpec> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    public Optional<LinkSpec> link(String linkName) {
        return links.stream().filter(l -> l.name().equals(linkName)).findFirst();
    }

    public Optional<NatSpec> nat(String natName) {
        return nats.stream().filter(n -> n.name().equals(natName)).findFirst();
    }

    public Optional<TrafficSpec> flow(String flowName) {
        return traffic.stream().filter(t -> t.name().equals(flowName)).findFirst();
    }
}
