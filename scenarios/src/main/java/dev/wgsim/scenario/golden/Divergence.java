package dev.wgsim.scenario.golden;

import java.util.List;

/**
 * Where a run first departs from its golden trace.
 *
 * @param index    0-based position of the first differing protocol event
 * @param expected the golden line there, or null when the golden trace ended first
 * @param actual   the run's line there, or null when the run ended first
 * @param before   up to three lines both agree on just before the divergence
 * @param expectedAfter up to three golden lines after the divergence
 * @param actualAfter   up to three run lines after the divergence
 */
public record Divergence(int index, String expected, String actual, List<String> before, List<String> expectedAfter,
                         List<String> actualAfter) {
    public Divergence {
        before = List.copyOf(before);
        expectedAfter = List.copyOf(expectedAfter);
        actualAfter = List.copyOf(actualAfter);
    }

    /** A readable report: the agreed context, then both sides from the first difference on. */
    public String describe() {
        StringBuilder sb = new StringBuilder("protocol event #").append(index + 1).append(" differs from the golden trace");
        sb.append("\n  common events before it:");
        if (before.isEmpty()) {
            sb.append("\n      (none)");
        }
        before.forEach(l -> sb.append("\n      ").append(l));
        sb.append("\n  golden:");
        sb.append("\n    - ").append(expected == null ? "(the golden trace ends here)" : expected);
        expectedAfter.forEach(l -> sb.append("\n      ").append(l));
        sb.append("\n  this run:");
        sb.append("\n    + ").append(actual == null ? "(the run has no more protocol events)" : actual);
        actualAfter.forEach(l -> sb.append("\n      ").append(l));
        return sb.toString();
    }
}
