package dev.wgsim.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** One look for every figure: white, thin light gridlines, no borders or shadows, readable sans-serif. */
public final class ChartStyle {
    public static final String FONT = "DejaVu Sans";
    public static final Font TITLE = new Font(FONT, Font.BOLD, 17);
    public static final Font SUBTITLE = new Font(FONT, Font.PLAIN, 12);
    public static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 14);
    public static final Font TICK = new Font(FONT, Font.PLAIN, 12);
    public static final Font LEGEND = new Font(FONT, Font.PLAIN, 12);
    public static final Font MARKER = new Font(FONT, Font.PLAIN, 11);
    public static final Color GRID = new Color(0xDDDDDD);
    public static final Color AXIS = new Color(0x444444);
    public static final Stroke GRID_STROKE = new BasicStroke(0.6f);
    public static final Stroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private ChartStyle() {}

    /** Applies the house style to a chart whose plot is an XYPlot or a CombinedDomainXYPlot of them. */
    public static JFreeChart apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 6, 14));
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE);
            title.setPaint(Color.BLACK);
            title.setPadding(new RectangleInsets(2, 0, 2, 0));
        }
        if (subtitle != null && !subtitle.isBlank()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(new Color(0x555555));
            sub.setPadding(new RectangleInsets(0, 0, 6, 0));
            chart.addSubtitle(0, sub);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
            legend.setFrame(BlockBorder.NONE);
            legend.setBackgroundPaint(Color.WHITE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setItemLabelPadding(new RectangleInsets(2, 3, 2, 10));
        }
        if (chart.getPlot() instanceof CombinedDomainXYPlot combined) {
            combined.setBackgroundPaint(Color.WHITE);
            combined.setOutlineVisible(false);
            axis(combined.getDomainAxis());
            combined.setGap(14);
            for (Object p : combined.getSubplots()) {
                plot((XYPlot) p);
            }
        } else if (chart.getPlot() instanceof XYPlot xy) {
            plot(xy);
        }
        return chart;
    }

    static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(GRID_STROKE);
        plot.setRangeGridlineStroke(GRID_STROKE);
        plot.setDomainMinorGridlinesVisible(false);
        plot.setRangeMinorGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setInsets(new RectangleInsets(4, 4, 4, 4));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axis(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axis(plot.getRangeAxis(i));
        }
    }

    static void axis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(AXIS_LABEL);
        axis.setLabelPaint(Color.BLACK);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(AXIS);
        axis.setAxisLinePaint(AXIS);
        axis.setAxisLineStroke(new BasicStroke(0.8f));
        axis.setTickMarkPaint(AXIS);
        axis.setTickMarkStroke(new BasicStroke(0.8f));
        axis.setTickMarkOutsideLength(3f);
        axis.setTickMarkInsideLength(0f);
        if (axis instanceof ValueAxis v) {
            v.setMinorTickMarksVisible(false);
        }
    }
}
