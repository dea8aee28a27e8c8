package dev.wgsim.engine.metrics;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * All metrics of one run, binned alike: flows by name, drops by reason, NATs by name. Components
 * fetch their recorder once ({@link #flow}, {@link #nat}) and record into it directly.
 */
public final class MetricsRecorder {

    private final TimeBins bins;
    private final Map<String, FlowMetrics> flows = new HashMap<>();
    private final Map<String, NatMetrics> nats = new HashMap<>();
    private final Map<String, BinnedCounter> drops = new HashMap<>();

    /** Bins of {@link TimeBins#DEFAULT_BIN_NANOS} from time 0. */
    public MetricsRecorder() {
        this(new TimeBins(0, TimeBins.DEFAULT_BIN_NANOS));
    }

    public MetricsRecorder(TimeBins bins) {
        this.bins = Objects.requireNonNull(bins, "bins");
    }

    public TimeBins bins() {
        return bins;
    }

    /** The recorder of flow {@code name}, created on first use. */
    public FlowMetrics flow(String name) {
        return flows.computeIfAbsent(name, n -> new FlowMetrics(n, bins));
    }

    /** The recorder of NAT {@code name}, created on first use. */
    public NatMetrics nat(String name) {
        return nats.computeIfAbsent(name, n -> new NatMetrics(n, bins));
    }

    /** Counts one drop for {@code reason} at {@code timeNanos}. */
    public void recordDrop(long timeNanos, String reason) {
        Objects.requireNonNull(reason, "reason");
        BinnedCounter counter = drops.get(reason);
        if (counter == null) {
            counter = new BinnedCounter(bins);
            drops.put(reason, counter);
        }
        counter.add(timeNanos, 1);
    }

    /** Flows sorted by name. */
    public List<FlowMetrics> flows() {
        return List.copyOf(new TreeMap<>(flows).values());
    }

    /** NATs sorted by name. */
    public List<NatMetrics> nats() {
        return List.copyOf(new TreeMap<>(nats).values());
    }

    /** Drop counters per bin by reason, sorted by reason. */
    public SortedMap<String, BinnedCounter> dropsPerBin() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(drops));
    }

    /** Total drops by reason, sorted by reason. */
    public SortedMap<String, Long> dropTotals() {
        TreeMap<String, Long> totals = new TreeMap<>();
        drops.forEach((reason, counter) -> totals.put(reason, counter.total()));
        return Collections.unmodifiableSortedMap(totals);
    }

    /**
     * Bins to report for a run that ended at {@code endNanos}: enough to cover the run and every
     * recorded value.
     */
    public int binCount(long endNanos) {
        int n = bins.binsUntil(endNanos);
        for (FlowMetrics f : flows.values()) {
            n = Math.max(n, f.deliveredBytesPerBin().binCount());
        }
        for (NatMetrics m : nats.values()) {
            n = Math.max(n, Math.max(m.created().binCount(), m.expired().binCount()));
        }
        for (BinnedCounter c : drops.values()) {
            n = Math.max(n, c.binCount());
        }
        return n;
    }
}
