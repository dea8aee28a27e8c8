package dev.wgsim.reports.charts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which names get their own series when there are many: the largest by weight (ties by name),
 * the rest pooled as "others". Deterministic, so the same results always give the same chart.
 */
public record LargestSeries(List<String> shown, List<String> pooled) {

    public LargestSeries {
        shown = List.copyOf(shown);
        pooled = List.copyOf(pooled);
    }

    /** All names shown when there are at most {@code maxSeries}; else the top {@code maxSeries - 4}. */
    public static LargestSeries of(Map<String, Double> weights, int maxSeries) {
        List<String> names = new ArrayList<>(weights.keySet());
        names.sort(Comparator.naturalOrder());
        if (names.size() <= maxSeries) {
            return new LargestSeries(names, List.of());
        }
        List<String> ranked = new ArrayList<>(names);
        ranked.sort(Comparator.comparing((String n) -> -weights.get(n)).thenComparing(Comparator.naturalOrder()));
        int keep = Math.max(1, maxSeries - 4);
        List<String> shown = new ArrayList<>(ranked.subList(0, keep));
        shown.sort(Comparator.naturalOrder());
        return new LargestSeries(shown, ranked.subList(keep, ranked.size()));
    }

    public boolean aggregated() {
        return !pooled.isEmpty();
    }

    public String othersLabel() {
        return Palette.OTHERS_PREFIX + " (" + pooled.size() + ")";
    }
}
