package dev.wgsim.reports.charts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.results.SummaryReader;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The tailnet NAT-pair outcome grid (summary.json {@code tailnet.matrix}, from a scenario's
 * {@code matrix:} helper): one cell per pair of NAT kinds, green where both devices went direct,
 * orange where they stayed relayed through DERP; the grid is symmetric.
 */
public final class TailnetMatrixChart {
    static final Color DIRECT = new Color(0x009E73);
    static final Color RELAYED = new Color(0xE69F00);

    private TailnetMatrixChart() {}

    /** One cell: the two kinds and whether the pair went direct. */
    public record Cell(String natA, String natB, boolean direct) {}

    /** The matrix cells of a results folder, empty when the run had none. */
    public static List<Cell> cells(ResultsFolder r) {
        Path summary = r.dir().resolve("summary.json");
        List<Cell> out = new ArrayList<>();
        if (!Files.isRegularFile(summary)) {
            return out;
        }
        for (JsonNode c : SummaryReader.readTree(summary).path("tailnet").path("matrix")) {
            out.add(new Cell(c.path("nat_a").asText(), c.path("nat_b").asText(), "direct".equals(c.path("outcome").asText())));
        }
        return out;
    }

    public static boolean applies(ResultsFolder r) {
        return !cells(r).isEmpty();
    }

    public static Figure build(ResultsFolder r) {
        List<Cell> cells = cells(r);
        List<String> kinds = new ArrayList<>();
        for (Cell c : cells) {
            if (!kinds.contains(c.natA())) {
                kinds.add(c.natA());
            }
            if (!kinds.contains(c.natB())) {
                kinds.add(c.natB());
            }
        }
        int n = cells.size() * 2;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[] zs = new double[n];
        int i = 0;
        for (Cell c : cells) {
            int a = kinds.indexOf(c.natA());
            int b = kinds.indexOf(c.natB());
            double z = c.direct() ? 1 : 0;
            xs[i] = a;
            ys[i] = b;
            zs[i++] = z;
            xs[i] = b;
            ys[i] = a;
            zs[i++] = z;
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries("outcome", new double[][] {xs, ys, zs});
        XYBlockRenderer rend = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, 1.01, Color.LIGHT_GRAY);
        scale.add(0, RELAYED);
        scale.add(1, DIRECT);
        rend.setPaintScale(scale);
        // Cells centred on their kinds' ticks, a hair smaller than the grid so neighbours stay apart.
        rend.setBlockAnchor(org.jfree.chart.ui.RectangleAnchor.CENTER);
        rend.setBlockWidth(0.96);
        rend.setBlockHeight(0.96);
        String[] names = kinds.toArray(String[]::new);
        SymbolAxis x = new SymbolAxis("NAT of device a", names);
        SymbolAxis y = new SymbolAxis("NAT of device b", names);
        x.setRange(-0.5, kinds.size() - 0.5);
        y.setRange(-0.5, kinds.size() - 0.5);
        XYPlot plot = new XYPlot(ds, x, y, rend);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem("direct (both ways)", DIRECT));
        legend.add(new LegendItem("relayed (DERP)", RELAYED));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart("NAT-pair outcome", ChartStyle.TITLE, plot, true);
        ChartStyle.apply(chart, "one device pair per pair of NAT kinds; direct = both sides' packets went direct");
        return new Figure("tailnet-matrix", "Tailnet NAT-pair outcomes: direct or relayed through DERP.", chart, 1, 1);
    }
}
