package dev.wgsim.reports.results;

/** A row of drops.csv: drops of one reason in the bin starting at {@code timeSeconds}. */
public record DropRow(double timeSeconds, String reason, long count) {

    /** WireGuard's own reasons carry the {@code wg.} prefix; the rest are the network's. */
    public boolean isWireGuard() {
        return reason.startsWith("wg.");
    }
}
