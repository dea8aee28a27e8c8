package dev.wgsim.wg.config;

/**
 * A wg-quick-only [Interface] line (DNS, MTU, Table, PreUp, PostUp, PreDown, PostDown,
 * SaveConfig) or FwMark: kept verbatim so a file survives a read/write round trip, but not
 * applied by the simulator.
 *
 * @param key the canonical key spelling, e.g. {@code PostUp}
 * @param value the value as written (trimmed)
 */
public record ExtraSetting(String key, String value) {
}
