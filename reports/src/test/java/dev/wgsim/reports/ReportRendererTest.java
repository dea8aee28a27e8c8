package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.testing.Images;
import dev.wgsim.reports.testing.SyntheticRun;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRendererTest {
    @TempDir
    static Path tmp;
    static Path dir;
    static RenderResult result;
    static String html;

    @BeforeAll
    static void render() throws Exception {
        dir = SyntheticRun.small(tmp.resolve("run"), 3).write();
        result = ReportRenderer.render(dir, ChartOptions.defaults());
        html = Files.readString(result.report());
    }

    @Test
    void writesEveryChartAsPngAndSvgAndTheReport() throws Exception {
        assertEquals(6, result.charts().size());
        assertEquals(13, result.files().size());
        for (String stem : result.charts()) {
            BufferedImage png = ImageIO.read(dir.resolve("charts/" + stem + ".png").toFile());
            assertEquals(1800, png.getWidth());
            assertEquals(1000, png.getHeight());
            Images.parseXml(Files.readAllBytes(dir.resolve("charts/" + stem + ".svg")));
        }
        try (var files = Files.list(dir.resolve("charts"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void pngRecordsThreeHundredDpi() throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve("charts/throughput.png").toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            assertEquals(300, Double.parseDouble(phys.getAttribute("pixelsPerUnitXAxis")) * 0.0254, 0.01);
        }
    }

    @Test
    void reportHasEverySection() {
        for (String id : new String[] {"scenario", "expectations", "topology", "summary", "charts", "wg-show"}) {
            assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
        }
        for (String stem : result.charts()) {
            assertTrue(html.contains("id=\"chart-" + stem + "\""), "chart " + stem);
        }
        assertTrue(html.contains("<h1>cryptokey-routing</h1>"));
        assertTrue(html.contains("<dt>Seed</dt><dd>7</dd>"));
        assertTrue(html.contains("<dt>Duration</dt><dd>10.0 min</dd>"), "duration shown");
        assertTrue(html.contains("1 failed"), "expectation outcome");
        assertTrue(html.contains("<pre>interface: wg0"), "wg show inside pre");
        assertTrue(html.contains("<td>handshakes initiated</td>"), "WireGuard counters");
        assertTrue(html.contains("<td>wg.replay</td>"), "drops by reason");
        assertTrue(html.contains(">video</td>"), "flow table");
        assertEquals(6, count(html, "<figure "), "every chart inlined");
        assertEquals(6 + 1, count(html, "<svg "), "charts plus topology inline");
    }

    @Test
    void reportFetchesNothing() {
        assertFalse(html.contains("http://"), "no http:// anywhere");
        assertFalse(html.contains("https://"), "no https:// anywhere");
        assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?//").matcher(html).find(), "no protocol-relative URLs");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no external stylesheets");
        assertFalse(html.contains("@import"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            String url = m.group(1);
            assertTrue(url.startsWith("#") || url.startsWith("charts/"), "only in-page or sibling links: " + url);
        }
    }

    @Test
    void everythingFromTheResultsIsEscaped() {
        assertTrue(html.contains("&lt;roaming&gt; &amp; &quot;NAT&quot;"), "description escaped");
        assertTrue(html.contains("99.9% &lt;script&gt;"), "expectation message escaped");
        assertTrue(html.contains("peer: &lt;server-peer&gt; &amp; &quot;quoted&quot;"), "wg show escaped");
        assertFalse(html.contains("<roaming>"));
    }

    @Test
    void inlineSvgIdsAreUniqueAcrossCharts() {
        Matcher m = Pattern.compile("id='([^']+)'").matcher(html);
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
        }
        assertTrue(ids.size() > 20);
    }

    @Test
    void renderingIsDeterministic() throws Exception {
        Path again = SyntheticRun.small(tmp.resolve("again"), 3).write();
        ReportRenderer.render(again, ChartOptions.defaults());
        String second = Files.readString(again.resolve("report.html"));
        assertEquals(html.replace("run.", "again."), second.replace("again.", "again."));
        assertArrayEquals(Files.readAllBytes(dir.resolve("charts/handshakes.svg")),
                Files.readAllBytes(again.resolve("charts/handshakes.svg")));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
