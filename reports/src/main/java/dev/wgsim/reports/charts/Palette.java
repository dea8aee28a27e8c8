package dev.wgsim.reports.charts;

import java.awt.Color;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Colours keyed by name, the same in every chart of a report: the sorted names take a qualitative
 * palette in order, later names golden-angle hues. {@code total} is black and {@code others} grey.
 */
public final class Palette {
    /** Okabe-Ito's colour-blind-safe set plus Tableau tones, light yellow left out (unreadable on white). */
    private static final Color[] BASE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0x8C564B), new Color(0x332288),
        new Color(0x999933), new Color(0xAA4499), new Color(0x117733), new Color(0x882255),
    };
    public static final Color TOTAL = new Color(0x111111);
    public static final Color OTHERS = new Color(0x9A9A9A);
    public static final String TOTAL_NAME = "total";
    public static final String OTHERS_PREFIX = "others";

    private final Map<String, Color> colours = new HashMap<>();

    public Palette(Collection<String> names) {
        int i = 0;
        for (String n : new TreeSet<>(names)) {
            colours.put(n, byIndex(i++));
        }
    }

    public Color of(String name) {
        if (name.equals(TOTAL_NAME) || name.startsWith(TOTAL_NAME + " (")) {
            return TOTAL;
        }
        if (name.startsWith(OTHERS_PREFIX)) {
            return OTHERS;
        }
        Color c = colours.get(name);
        return c != null ? c : byIndex(BASE.length + Math.floorMod(name.hashCode(), 997));
    }

    private static Color byIndex(int i) {
        if (i < BASE.length) {
            return BASE[i];
        }
        float hue = (float) (((i - BASE.length) * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.75f, 0.72f);
    }
}
