package dev.wgsim.scenario.run;

import dev.wgsim.engine.metrics.BinnedCounter;
import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.metrics.LatencySummary;
import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a scenario's {@code expect} block against what the run produced. A first, honest
 * evaluator of the issue-7 vocabulary: events happen (in a window), counts, intervals, flow
 * delivery/latency/throughput, and a peer's endpoint at a time.
 */
public final class Expectations {
    private final Scenario scenario;
    private final ProtocolLog log;
    private final MetricsRecorder metrics;

    public Expectations(Scenario scenario, ProtocolLog log, MetricsRecorder metrics) {
        this.scenario = scenario;
        this.log = log;
        this.metrics = metrics;
    }

    public List<ExpectationResult> evaluate() {
        List<ExpectationResult> out = new ArrayList<>();
        for (ExpectSpec e : scenario.expect()) {
            out.add(check(e));
        }
        return out;
    }

    private ExpectationResult check(ExpectSpec e) {
        if (e instanceof ExpectSpec.Happens h) {
            List<ProtocolLog.Entry> all = matching(h.kind(), h.filter(), Optional.empty());
            List<ProtocolLog.Entry> in = matching(h.kind(), h.filter(), h.window());
            if (!in.isEmpty()) {
                return new ExpectationResult(h.text(), true, "first at " + time(in.get(0).t()));
            }
            return new ExpectationResult(h.text(), false, all.isEmpty() ? "it never happened"
                    : "it happened " + all.size() + " times, first at " + time(all.get(0).t()) + ", none in the window");
        }
        if (e instanceof ExpectSpec.Count c) {
            long n = c.kind().equals("packet.dropped") && c.filter().reason().isPresent() && c.window().isEmpty()
                    ? log.packetDrops(c.filter().reason().get())
                    : c.kind().startsWith("packet.") && c.filter().equals(EventFilter.ANY) && c.window().isEmpty()
                    ? log.count(c.kind()) : matching(c.kind(), c.filter(), c.window()).size();
            return new ExpectationResult(c.text(), c.count().test(n), "counted " + n);
        }
        if (e instanceof ExpectSpec.Interval iv) {
            List<ProtocolLog.Entry> m = matching(iv.kind(), iv.filter(), iv.window());
            if (m.size() < 2) {
                return new ExpectationResult(iv.text(), false, "only " + m.size() + " matching events");
            }
            long worst = 0;
            long worstAt = 0;
            for (int i = 1; i < m.size(); i++) {
                long gap = m.get(i).t() - m.get(i - 1).t();
                long off = Math.abs(gap - iv.every());
                if (off > worst) {
                    worst = off;
                    worstAt = m.get(i).t();
                }
            }
            boolean ok = worst <= iv.tolerance();
            return new ExpectationResult(iv.text(), ok, (m.size() - 1) + " intervals, largest deviation "
                    + Units.formatDuration(worst) + (ok ? "" : " at " + time(worstAt)));
        }
        if (e instanceof ExpectSpec.Flow f) {
            return flow(f);
        }
        ExpectSpec.EndpointAt ep = (ExpectSpec.EndpointAt) e;
        String actual = initialEndpoint(ep.node(), ep.peer());
        for (ProtocolLog.Entry x : log.entries()) {
            if (x.t() <= ep.at() && x.kind().equals("wg.endpoint.changed") && x.node().equals(ep.node()) && x.peer().equals(ep.peer())) {
                actual = x.value();
            }
        }
        boolean ok = actual.equals(ep.endpoint().toString());
        return new ExpectationResult(ep.text(), ok, "endpoint was " + (actual.isEmpty() ? "(none)" : actual));
    }

    private ExpectationResult flow(ExpectSpec.Flow f) {
        FlowMetrics fm = metrics.flows().stream().filter(x -> x.name().equals(f.flow())).findFirst().orElse(null);
        if (fm == null) {
            return new ExpectationResult(f.text(), false, "the flow recorded nothing");
        }
        double v;
        String shown;
        switch (f.metric()) {
            case DELIVERED -> {
                v = fm.deliveryRatio();
                shown = String.format(Locale.ROOT, "%.2f%% (%d of %d packets)", v * 100, fm.deliveredPackets(), fm.sentPackets());
            }
            case THROUGHPUT -> {
                TrafficSpec t = scenario.flow(f.flow()).orElseThrow();
                TimeWindow w = f.window().orElse(new TimeWindow(t.start(), t.stop()));
                BinnedCounter bins = fm.deliveredBytesPerBin();
                long bytes = 0;
                for (int k = 0; k < bins.binCount(); k++) {
                    long start = bins.bins().binStartSinceOrigin(k);
                    if (start >= w.from() && start < w.to()) {
                        bytes += bins.get(k);
                    }
                }
                v = bytes * 8.0 * 1e9 / Math.max(1, w.to() - w.from());
                shown = String.format(Locale.ROOT, "%.1f bit/s", v);
            }
            default -> {
                boolean rtt = f.metric().name().startsWith("RTT");
                LatencySummary s = rtt ? fm.rttSummary() : fm.oneWaySummary();
                if (s.count() == 0) {
                    return new ExpectationResult(f.text(), false, "no " + (rtt ? "RTT" : "latency") + " samples");
                }
                v = switch (f.metric().name().substring(f.metric().name().indexOf('_') + 1)) {
                    case "P50" -> s.p50Nanos();
                    case "P90" -> s.p90Nanos();
                    case "P99" -> s.p99Nanos();
                    default -> s.maxNanos();
                };
                shown = Units.formatDuration((long) v) + " over " + s.count() + " samples";
            }
        }
        return new ExpectationResult(f.text(), f.value().test(v), "was " + shown);
    }

    private String initialEndpoint(String node, String peer) {
        NodeSpec n = scenario.node(node).orElse(null);
        if (n == null || n.wireguard().isEmpty()) {
            return "";
        }
        for (PeerSpec p : n.wireguard().get().peers()) {
            if (p.name().equals(peer)) {
                return p.endpoint().map(Object::toString).orElse("");
            }
        }
        return "";
    }

    private List<ProtocolLog.Entry> matching(String kind, EventFilter f, Optional<TimeWindow> w) {
        List<ProtocolLog.Entry> out = new ArrayList<>();
        for (ProtocolLog.Entry x : log.entries()) {
            if (x.kind().equals(kind)
                    && f.node().map(v -> v.equals(x.node())).orElse(true)
                    && f.peer().map(v -> v.equals(x.peer())).orElse(true)
                    && f.reason().map(v -> v.equals(x.reason())).orElse(true)
                    && w.map(win -> win.contains(x.t())).orElse(true)) {
                out.add(x);
            }
        }
        return out;
    }

    private static String time(long t) {
        return String.format(Locale.ROOT, "%.3fs", t / 1e9);
    }
}
