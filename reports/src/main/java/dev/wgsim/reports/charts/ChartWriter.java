package dev.wgsim.reports.charts;

import dev.wgsim.reports.output.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/** Renders a chart headless to a PNG (scaled, with its dpi recorded) and to SVG. */
public final class ChartWriter {
    /** Points per inch the logical size maps to; scale 2 gives 300 dpi. */
    private static final double POINTS_PER_INCH = 150;

    private ChartWriter() {}

    /** A raster rendering and where its plot data areas landed, in pixels. */
    public record Rendered(BufferedImage image, List<Rectangle2D> dataAreas) {
        public Rendered {
            dataAreas = List.copyOf(dataAreas);
        }
    }

    public static Rendered render(JFreeChart chart, int width, int height, double scale) {
        int pw = (int) Math.round(width * scale);
        int ph = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, pw, ph);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.scale(scale, scale);
            ChartRenderingInfo info = new ChartRenderingInfo();
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
            List<Rectangle2D> areas = new ArrayList<>();
            collect(info.getPlotInfo(), scale, areas);
            return new Rendered(img, areas);
        } finally {
            g.dispose();
        }
    }

    private static void collect(PlotRenderingInfo p, double scale, List<Rectangle2D> out) {
        if (p.getSubplotCount() > 0) {
            for (int i = 0; i < p.getSubplotCount(); i++) {
                collect(p.getSubplotInfo(i), scale, out);
            }
            return;
        }
        Rectangle2D a = p.getDataArea();
        out.add(new Rectangle2D.Double(a.getX() * scale, a.getY() * scale, a.getWidth() * scale, a.getHeight() * scale));
    }

    public static byte[] png(JFreeChart chart, int width, int height, double scale) {
        return encodePng(render(chart, width, height, scale).image(), POINTS_PER_INCH * scale);
    }

    /** PNG bytes with a pHYs chunk, so a word processor places the figure at its intended size. */
    public static byte[] encodePng(BufferedImage img, double dpi) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
                setDpi(meta, dpi);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
                try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(img, null, meta), param);
                }
                return bytes.toByteArray();
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the pHYs chunk through PNG's native metadata (the standard tree's pixel size is mis-read by some JDKs). */
    private static void setDpi(IIOMetadata meta, double dpi) throws IIOInvalidTreeException {
        String perMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", perMetre);
        phys.setAttribute("pixelsPerUnitYAxis", perMetre);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        meta.mergeTree("javax_imageio_png_1.0", root);
    }

    /**
     * The chart as an SVG document. {@code idPrefix} keeps element ids unique (and stable between
     * runs) when several SVGs are inlined into one HTML page.
     */
    public static String svg(JFreeChart chart, int width, int height, String idPrefix) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svgElement(chart, width, height, idPrefix, true) + "\n";
    }

    /**
     * The bare {@code <svg>} element (no prolog or DOCTYPE, which would point at an external DTD),
     * with a viewBox so it scales; without fixed dimensions when inlined into a page.
     */
    public static String svgElement(JFreeChart chart, int width, int height, String idPrefix, boolean dimensions) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix);
        // Two decimals of a point are far below what any screen or printer resolves; full doubles triple the size.
        g.setGeomDoubleConverter(ChartWriter::twoDecimals);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(null, dimensions, new ViewBox(0, 0, width, height), null, null);
    }

    static String twoDecimals(double d) {
        if (!Double.isFinite(d)) {
            return "0";
        }
        long r = Math.round(d * 100);
        String sign = r < 0 ? "-" : "";
        r = Math.abs(r);
        long ip = r / 100;
        long fp = r % 100;
        if (fp == 0) {
            return sign + ip;
        }
        return sign + ip + "." + (fp < 10 ? "0" + fp : Long.toString(fp % 10 == 0 ? fp / 10 : fp));
    }

    public static void writePng(Figure f, int width, int height, double scale, Path file) {
        AtomicFiles.write(file, png(f.chart(), width, height, scale));
    }

    public static void writeSvg(Figure f, int width, int height, Path file) {
        AtomicFiles.write(file, svg(f.chart(), width, height, "wgsim-" + f.stem() + "-").getBytes(StandardCharsets.UTF_8));
    }
}
