package dev.wgsim.reports.charts;

import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.WgEvent;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One lane per (node, peer): keypair lifetimes as bars in the node's colour, with initiations,
 * retries, completions, rekeys, zeroed keys and give-ups as distinct marks, so the 120 s rekey
 * rhythm and the 5 s retry ladder are visible at a glance.
 */
public final class HandshakeTimelineChart {
    /** Mark kinds, in legend order; each has one shape and colour in every report. */
    public enum Mark {
        INITIATION("initiation", new Color(0x0072B2), up(5.5), 0.26),
        RETRY("retry", new Color(0xE69F00), up(4.0), 0.26),
        COMPLETED("completed", new Color(0x009E73), new Ellipse2D.Double(-3.5, -3.5, 7, 7), 0),
        REKEY("rekey", EventMarkers.REKEY, diamond(5), 0),
        ZEROED("keys zeroed", new Color(0x666666), new Rectangle2D.Double(-3.5, -3.5, 7, 7), -0.26),
        GAVE_UP("gave up", new Color(0xC00000), cross(6), -0.26);

        final String label;
        final Color colour;
        final Shape shape;
        final double laneOffset;

        Mark(String label, Color colour, Shape shape, double laneOffset) {
            this.label = label;
            this.colour = colour;
            this.shape = shape;
            this.laneOffset = laneOffset;
        }

        public String label() {
            return label;
        }

        static Mark of(WgEvent e) {
            return switch (e.kind()) {
                case HANDSHAKE_INITIATED -> e.retry() ? RETRY : INITIATION;
                case HANDSHAKE_COMPLETED -> COMPLETED;
                case KEYPAIR_ROTATED -> e.rekey() ? REKEY : null;
                case KEYS_ZEROED -> ZEROED;
                case GAVE_UP -> GAVE_UP;
            };
        }
    }

    private static final double BAR_HALF_HEIGHT = 0.13;

    private HandshakeTimelineChart() {}

    public static Figure build(ResultsFolder r, ChartOptions o, Palette nodes) {
        HandshakeLanes.Selection sel = HandshakeLanes.select(r.wgEvents(), r.durationSeconds(), o.maxLanes());
        List<HandshakeLanes.Lane> lanes = sel.lanes();
        TimeScale ts = TimeScale.forDuration(r.durationSeconds());

        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        XYIntervalSeries barSeries = new XYIntervalSeries("keypair in use", false, true);
        List<Paint> barPaints = new ArrayList<>();
        XYSeriesCollection marks = new XYSeriesCollection();
        XYSeries[] markSeries = new XYSeries[Mark.values().length];
        for (Mark m : Mark.values()) {
            markSeries[m.ordinal()] = new XYSeries(m.label, false, true);
        }
        String[] laneNames = new String[lanes.size()];
        // Lane 0 at the top: JFreeChart's y grows upwards, so lanes are numbered from the bottom.
        for (int li = 0; li < lanes.size(); li++) {
            HandshakeLanes.Lane lane = lanes.get(li);
            int y = lanes.size() - 1 - li;
            laneNames[y] = lane.label();
            Color c = nodes.of(lane.node());
            int k = 0;
            for (double[] kp : lane.keypairs()) {
                barSeries.add(ts.toUnits(kp[0]), ts.toUnits(kp[0]), ts.toUnits(kp[1]),
                        y, y - BAR_HALF_HEIGHT, y + BAR_HALF_HEIGHT);
                // Alternating tints make each rekey boundary visible inside a continuous bar.
                barPaints.add(k++ % 2 == 0 ? tint(c, 0.45) : tint(c, 0.72));
            }
            for (WgEvent e : lane.events()) {
                Mark m = Mark.of(e);
                if (m != null) {
                    markSeries[m.ordinal()].add(ts.toUnits(e.timeNanos() / 1e9), y + m.laneOffset, false);
                }
            }
        }
        bars.addSeries(barSeries);
        for (XYSeries s : markSeries) {
            marks.addSeries(s);
        }

        NumberAxis x = new NumberAxis(ts.axisLabel());
        x.setRange(0, ts.toUnits(r.durationSeconds()));
        SymbolAxis y = new SymbolAxis(null, laneNames);
        y.setGridBandsVisible(true);
        y.setGridBandPaint(new Color(0xF6F6F6));
        y.setGridBandAlternatePaint(Color.WHITE);
        y.setRange(-0.6, Math.max(0.6, lanes.size() - 0.4));

        XYBarRenderer barRenderer = new XYBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int series, int item) {
                return barPaints.get(item);
            }
        };
        barRenderer.setUseYInterval(true);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);

        XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
        for (Mark m : Mark.values()) {
            markRenderer.setSeriesPaint(m.ordinal(), m.colour);
            markRenderer.setSeriesShape(m.ordinal(), m.shape);
            markRenderer.setSeriesOutlineStroke(m.ordinal(), new BasicStroke(1f));
        }
        markRenderer.setUseOutlinePaint(false);

        XYPlot plot = new XYPlot(marks, x, y, markRenderer);
        plot.setDataset(1, bars);
        plot.setRenderer(1, barRenderer);
        // Marks (dataset 0) over the bars.
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        plot.setRangeGridlinesVisible(false);

        LegendItemCollection legend = new LegendItemCollection();
        LegendItem bar = new LegendItem("keypair in use (node colour)", null, null, null,
                new Rectangle2D.Double(-7, -3, 14, 6), new Color(0x9DB7D0));
        legend.add(bar);
        for (Mark m : Mark.values()) {
            legend.add(new LegendItem(m.label, null, null, null, m.shape, m.colour));
        }
        for (int i = 0; i < legend.getItemCount(); i++) {
            legend.get(i).setLabelFont(ChartStyle.LEGEND);
        }
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart("Handshake timeline", ChartStyle.TITLE, plot, true);
        String sub = sel.total() > lanes.size()
                ? lanes.size() + " of " + sel.total() + " node → peer lanes (give-ups first, then the busiest)"
                : "one lane per node → peer; a bar is a keypair in use, each rekey starts a new shade";
        ChartStyle.apply(chart, sub);
        y.setTickLabelFont(lanes.size() > 16 ? ChartStyle.TICK.deriveFont(10f) : ChartStyle.TICK);
        return new Figure("handshakes", "Handshakes per node → peer: keypair lifetimes, initiations and retries, "
                + "completions, rekeys and give-ups.", chart, 1, ts.secondsPerUnit());
    }

    static Color tint(Color c, double towardsWhite) {
        return new Color(
                (int) Math.round(c.getRed() + (255 - c.getRed()) * towardsWhite),
                (int) Math.round(c.getGreen() + (255 - c.getGreen()) * towardsWhite),
                (int) Math.round(c.getBlue() + (255 - c.getBlue()) * towardsWhite));
    }

    private static Shape up(double s) {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -s);
        p.lineTo(s, s * 0.8);
        p.lineTo(-s, s * 0.8);
        p.closePath();
        return p;
    }

    private static Shape diamond(double s) {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -s);
        p.lineTo(s, 0);
        p.lineTo(0, s);
        p.lineTo(-s, 0);
        p.closePath();
        return p;
    }

    private static Shape cross(double s) {
        double w = s * 0.35;
        Path2D p = new Path2D.Double();
        p.moveTo(-s, -s + w);
        p.lineTo(-s + w, -s);
        p.lineTo(0, -w);
        p.lineTo(s - w, -s);
        p.lineTo(s, -s + w);
        p.lineTo(w, 0);
        p.lineTo(s, s - w);
        p.lineTo(s - w, s);
        p.lineTo(0, w);
        p.lineTo(-s + w, s);
        p.lineTo(-s, s - w);
        p.lineTo(-w, 0);
        p.closePath();
        return p;
    }
}
