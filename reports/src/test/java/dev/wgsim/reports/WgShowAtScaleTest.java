package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartKind;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.testing.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run with many WireGuard nodes and a hub with 100,000 peers: report.html shows the first 50
 * wg show blocks, each cut at 64 KiB on a line boundary, and says where the rest is.
 */
class WgShowAtScaleTest {
    @TempDir
    Path tmp;

    @Test
    void reportBoundsTheWgShowSection() throws Exception {
        Path dir = SyntheticRun.small(tmp.resolve("run"), 5).write();
        Path show = dir.resolve("wg-show");
        try (var old = Files.list(show)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        StringBuilder hub = new StringBuilder("interface: wg0\n  listening port: 51820\n");
        for (int i = 0; i < 100_000; i++) {
            hub.append(String.format(Locale.ROOT, "\npeer: spoke-%06d\n  allowed ips: 10.%d.%d.%d/32\n", i,
                    i >> 16, (i >> 8) & 255, i & 255));
        }
        Files.writeString(show.resolve("a-hub.txt"), hub);
        for (int i = 0; i < 120; i++) {
            Files.writeString(show.resolve(String.format(Locale.ROOT, "spoke-%03d.txt", i)), "interface: wg0\n");
        }
        RenderResult r = ReportRenderer.render(dir, ChartOptions.defaults().withCharts(EnumSet.of(ChartKind.THROUGHPUT)));
        String html = Files.readString(r.report());
        String section = html.substring(html.indexOf("<section id=\"wg-show\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertEquals(50, section.split("<details", -1).length - 1, "121 nodes have a wg show; the page keeps 50");
        assertTrue(section.contains("71 more in the results folder's wg-show/."), "the rest is pointed to");
        assertTrue(section.contains("peer: spoke-000000"), "the hub's first peers are shown");
        assertFalse(section.contains("peer: spoke-099999"), "its last ones are not");
        assertTrue(section.contains(" more characters in wg-show/a-hub.txt)"), "the cut says where the rest is");
        assertTrue(section.length() < 50 * 200 + 70 * 1024, "section of " + section.length() + " characters");
    }
}
