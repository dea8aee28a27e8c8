package dev.wgsim.reports.results;

/** A row of nat.csv; {@code refreshed} is -1 when the file has no such column (it is optional). */
public record NatRow(double timeSeconds, String nat, long activeMappings, long created, long expired, long refreshed) {}
