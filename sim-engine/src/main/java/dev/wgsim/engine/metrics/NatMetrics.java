package dev.wgsim.engine.metrics;

/**
 * Mapping activity of one NAT box per time bin: mappings created, mappings removed (expired, or
 * lost in a reboot) and the number active at the end of each bin.
 */
public final class NatMetrics {

    private final String name;
    private final BinnedCounter created;
    private final BinnedCounter expired;
    private long active;

    public NatMetrics(String name, TimeBins bins) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("nat name must not be empty");
        }
        this.name = name;
        this.created = new BinnedCounter(bins);
        this.expired = new BinnedCounter(bins);
    }

    public String name() {
        return name;
    }

    public void mappingCreated(long timeNanos) {
        created.add(timeNanos, 1);
        active++;
    }

    /** {@code n} mappings went away at {@code timeNanos} (timeout, or all of them on reboot). */
    public void mappingsRemoved(long timeNanos, long n) {
        if (n > active) {
            throw new IllegalStateException("nat " + name + ": removing " + n + " mappings but only " + active + " active");
        }
        expired.add(timeNanos, n);
        active -= n;
    }

    /** Mappings active now. */
    public long active() {
        return active;
    }

    public BinnedCounter created() {
        return created;
    }

    public BinnedCounter expired() {
        return expired;
    }
}
