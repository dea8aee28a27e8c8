package dev.wgsim.reports.results;

/** latency.csv's {@code kind} column. */
public enum LatencyKind {
    ONE_WAY("one_way", "one-way"),
    RTT("rtt", "RTT");

    private final String wireName;
    private final String label;

    LatencyKind(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    public String wireName() {
        return wireName;
    }

    /** How a chart names it. */
    public String label() {
        return label;
    }

    static LatencyKind of(String wireName) {
        for (LatencyKind k : values()) {
            if (k.wireName.equals(wireName)) {
                return k;
            }
        }
        return null;
    }
}
