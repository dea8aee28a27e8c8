package dev.wgsim.reports.testing;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Checks on rendered output shared by the tests. */
public final class Images {
    private Images() {}

    /** Distinct colours, and pixels differing from white, inside {@code area}: a blank plot has 1 and 0. */
    public static int[] inkIn(BufferedImage img, Rectangle2D area) {
        Set<Integer> colours = new HashSet<>();
        int ink = 0;
        int x0 = (int) Math.ceil(area.getX()) + 2;
        int y0 = (int) Math.ceil(area.getY()) + 2;
        int x1 = (int) Math.floor(area.getMaxX()) - 2;
        int y1 = (int) Math.floor(area.getMaxY()) - 2;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                // Gridlines are light grey; count only what is clearly darker or coloured.
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (Math.min(r, Math.min(g, b)) < 200) {
                    ink++;
                }
            }
        }
        return new int[] {colours.size(), ink};
    }

    /** Parses XML without fetching anything (no DTDs, no external entities). */
    public static Document parseXml(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new InputSource(new StringReader(xml)));
    }

    public static Document parseXml(byte[] xml) throws Exception {
        return parseXml(new String(xml, java.nio.charset.StandardCharsets.UTF_8));
    }

    static ByteArrayInputStream in(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
