package dev.wgsim.reports.charts;

import java.util.Locale;

/** The per-run charts a report can contain; names are what a scenario's report block lists. */
public enum ChartKind {
    THROUGHPUT("throughput"),
    LATENCY("latency"),
    HANDSHAKES("handshakes"),
    DROPS("drops"),
    NAT("nat"),
    TAILNET("tailnet"),
    FLOWS("flows");

    private final String id;

    ChartKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a chart name as a scenario file spells it; the message lists the valid names. */
    public static ChartKind parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ChartKind k : values()) {
            if (k.id.equals(n)) {
                return k;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (ChartKind k : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(k.id);
        }
        throw new IllegalArgumentException("unknown chart '" + name + "' (valid: " + valid + ")");
    }
}
