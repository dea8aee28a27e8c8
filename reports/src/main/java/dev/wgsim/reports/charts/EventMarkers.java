package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.Summary;
import dev.wgsim.reports.results.WgEvent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.Arrays;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;

/**
 * Vertical lines on time-series charts: the scenario's scheduled events (labelled, dark) and
 * rekeys from the event log (thin, dotted, one legend entry), so cause and effect line up.
 */
public final class EventMarkers {
    static final Color SCENARIO = new Color(0x222222);
    static final Color REKEY = new Color(0x7B3294);
    private static final int MAX_REKEY_LINES = 300;
    private static final BasicStroke REKEY_STROKE =
            new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f);

    private EventMarkers() {}

    /**
     * Rekey times in seconds, merged when closer than 1/600 of the run (both ends log the same
     * rekey); when that still leaves more than 30 lines (many peers), merged within 1/60 of the run.
     */
    public static double[] rekeySeconds(ResultsFolder r) {
        double[] t = r.wgEvents().stream()
                .filter(e -> e.kind() == WgEvent.Kind.KEYPAIR_ROTATED && e.rekey())
                .mapToDouble(e -> e.timeNanos() / 1e9).sorted().toArray();
        double[] fine = merge(t, Math.max(r.durationSeconds() / 600, 1e-3));
        return fine.length > 30 ? merge(t, r.durationSeconds() / 60) : fine;
    }

    private static double[] merge(double[] t, double window) {
        double[] out = new double[t.length];
        int n = 0;
        for (double v : t) {
            if (n == 0 || v - out[n - 1] > window) {
                out[n++] = v;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Adds the lines and their legend entries to a single plot. */
    public static void addTo(XYPlot plot, ResultsFolder r, TimeScale scale) {
        addLines(plot, r, scale, true);
        addLegend(plot, r);
    }

    /** Adds the lines; {@code labels} false on lower subplots of a combined chart. */
    public static void addLines(XYPlot plot, ResultsFolder r, TimeScale scale, boolean labels) {
        double[] rekeys = rekeySeconds(r);
        int step = Math.max(1, (int) Math.ceil(rekeys.length / (double) MAX_REKEY_LINES));
        for (int i = 0; i < rekeys.length; i += step) {
            ValueMarker m = new ValueMarker(scale.toUnits(rekeys[i]), REKEY, REKEY_STROKE);
            m.setAlpha(0.55f);
            plot.addDomainMarker(m, Layer.BACKGROUND);
        }
        int i = 0;
        for (Summary.Marker mk : r.summary().markers()) {
            ValueMarker m = new ValueMarker(scale.toUnits(mk.timeNanos() / 1e9), SCENARIO, new BasicStroke(1.1f));
            if (labels) {
                m.setLabel(mk.label().isBlank() ? mk.kind() : mk.label());
                m.setLabelFont(ChartStyle.MARKER);
                m.setLabelPaint(SCENARIO);
                m.setLabelBackgroundColor(new Color(255, 255, 255, 150));
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                // Staggered so labels of nearby events do not overprint.
                m.setLabelOffset(new RectangleInsets(2 + 14 * (i % 3), 3, 2, 3));
            }
            plot.addDomainMarker(m, Layer.FOREGROUND);
            i++;
        }
    }

    /** Adds the legend entries for the marker lines after {@code plot}'s own items. */
    public static void addLegend(XYPlot plot, ResultsFolder r) {
        double[] rekeys = rekeySeconds(r);
        if (rekeys.length > 0 || !r.summary().markers().isEmpty()) {
            LegendItemCollection items = new LegendItemCollection();
            items.addAll(plot.getLegendItems());
            if (rekeys.length > 0) {
                items.add(line("rekey", REKEY, REKEY_STROKE));
            }
            if (!r.summary().markers().isEmpty()) {
                items.add(line("scenario event", SCENARIO, new BasicStroke(1.5f)));
            }
            plot.setFixedLegendItems(items);
        }
    }

    static LegendItem line(String label, Color c, BasicStroke stroke) {
        LegendItem li = new LegendItem(label, null, null, null, new Line2D.Double(-7, 0, 7, 0), stroke, c);
        li.setLabelFont(ChartStyle.LEGEND);
        return li;
    }
}
