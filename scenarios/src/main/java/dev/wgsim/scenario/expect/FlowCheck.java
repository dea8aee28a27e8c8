package dev.wgsim.scenario.expect;

import dev.wgsim.engine.metrics.BinnedCounter;
import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.metrics.LatencySummary;
import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import java.util.List;
import java.util.Locale;

/** Delivery ratio, latency/RTT percentiles and windowed throughput of one flow, from the run's metrics. */
final class FlowCheck {
    private FlowCheck() {
    }

    static Outcome check(ExpectSpec.Flow f, Scenario scenario, MetricsRecorder metrics) {
        String metric = f.metric().name().toLowerCase(Locale.ROOT);
        boolean isTime = !f.metric().name().startsWith("DELIVERED") && !f.metric().name().startsWith("THROUGHPUT");
        String unit = isTime ? "s" : "";
        String what = "flow " + f.flow() + " " + metric + " " + (f.metric() == ExpectSpec.FlowMetric.DELIVERED
                ? ratioComp(f.value()) : f.metric() == ExpectSpec.FlowMetric.THROUGHPUT ? rateComp(f.value())
                : Evaluator.compText(f.value(), unit)) + Evaluator.windowText(f.window());
        FlowMetrics fm = metrics == null ? null
                : metrics.flows().stream().filter(x -> x.name().equals(f.flow())).findFirst().orElse(null);
        if (fm == null) {
            return new Outcome(f.text(), false, what, "the flow recorded nothing", List.of());
        }
        double v;
        String shown;
        switch (f.metric()) {
            case DELIVERED -> {
                v = fm.deliveryRatio();
                shown = String.format(Locale.ROOT, "%.3f%% (%d of %d packets)", v * 100, fm.deliveredPackets(), fm.sentPackets());
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
                shown = rate(v) + " (" + bytes + " bytes delivered in [" + TimeText.seconds(w.from()) + ", "
                        + TimeText.seconds(w.to()) + "))";
            }
            default -> {
                boolean rtt = f.metric().name().startsWith("RTT");
                LatencySummary s = rtt ? fm.rttSummary() : fm.oneWaySummary();
                if (s == null || s.count() == 0) { // null: the flow recorded no sample at all
                    return new Outcome(f.text(), false, what, "no " + (rtt ? "RTT" : "latency") + " samples", List.of());
                }
                v = switch (f.metric().name().substring(f.metric().name().indexOf('_') + 1)) {
                    case "P50" -> s.p50Nanos();
                    case "P90" -> s.p90Nanos();
                    case "P99" -> s.p99Nanos();
                    default -> s.maxNanos();
                };
                shown = TimeText.seconds((long) v) + " over " + s.count() + " samples (p50 " + TimeText.seconds(s.p50Nanos())
                        + ", max " + TimeText.seconds(s.maxNanos()) + ")";
            }
        }
        return new Outcome(f.text(), f.value().test(v), what, "was " + shown, List.of());
    }

    private static String ratioComp(ExpectSpec.Comparison c) {
        return compWith(c, x -> String.format(Locale.ROOT, "%.3f%%", x * 100));
    }

    private static String rateComp(ExpectSpec.Comparison c) {
        return compWith(c, FlowCheck::rate);
    }

    private static String compWith(ExpectSpec.Comparison c, java.util.function.DoubleFunction<String> f) {
        return switch (c.op()) {
            case EQ -> "exactly " + f.apply(c.value());
            case NE -> "not " + f.apply(c.value());
            case GE -> ">= " + f.apply(c.value());
            case GT -> "> " + f.apply(c.value());
            case LE -> "<= " + f.apply(c.value());
            case LT -> "< " + f.apply(c.value());
            case BETWEEN -> "between " + f.apply(c.value()) + " and " + f.apply(c.upper());
        };
    }

    private static String rate(double bps) {
        return bps >= 1e6 ? String.format(Locale.ROOT, "%.3f Mbit/s", bps / 1e6)
                : bps >= 1e3 ? String.format(Locale.ROOT, "%.3f kbit/s", bps / 1e3)
                : String.format(Locale.ROOT, "%.1f bit/s", bps);
    }
}
