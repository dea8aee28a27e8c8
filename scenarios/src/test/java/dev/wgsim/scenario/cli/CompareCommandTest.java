package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wgsim compare}: two runs of lossy-link, one with 20% loss on client one's link, side by side. */
class CompareCommandTest {
    @TempDir
    Path tmp;

    static double deliveryRatio(Path run, String flow) throws Exception {
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        for (JsonNode f : s.path("flows")) {
            if (f.path("name").asText().equals(flow)) {
                return f.path("delivery_ratio").asDouble();
            }
        }
        throw new AssertionError("no flow " + flow);
    }

    @Test
    void tableAndOverlaidChartsOfTwoRuns() throws Exception {
        assertEquals(0, RunOutputTest.run(tmp).code());
        assertEquals(0, RunOutputTest.run(tmp, "--set", "links[one-inet].loss=0.2").code());
        Path a = tmp.resolve("lossy-link");
        Path b = tmp.resolve("lossy-link-2");
        HelpTest.Output o = HelpTest.run("compare", a.toString(), b.toString(), "-o", tmp.toString());
        assertEquals(0, o.code(), o.err());
        double ra = deliveryRatio(a, "one-up");
        double rb = deliveryRatio(b, "one-up");
        assertTrue(ra > 0.95 && rb < 0.9, ra + " " + rb + ": 20% loss each way shows");
        String line = o.out().lines().filter(l -> l.startsWith("flows.one-up.delivery_ratio ")).findFirst().orElseThrow();
        List<String> cells = List.of(line.trim().split("\\s+"));
        assertEquals(3, cells.size(), line);
        assertEquals(ra, Double.parseDouble(cells.get(1)), 1e-5);
        assertEquals(rb, Double.parseDouble(cells.get(2)), 1e-5);
        assertTrue(o.out().lines().findFirst().orElseThrow().matches("figure\\s+lossy-link\\s+lossy-link-2"), o.out());

        Path cmp = tmp.resolve("compare");
        List<String> csv = Files.readAllLines(cmp.resolve("compare.csv"));
        assertEquals("figure,lossy-link,lossy-link-2", csv.get(0));
        assertTrue(csv.size() > 20, "every figure: " + csv.size());
        for (String chart : List.of("compare-throughput", "compare-latency-cdf", "compare-handshakes")) {
            assertTrue(Files.size(cmp.resolve("charts/" + chart + ".png")) > 10_000, chart);
            assertTrue(Files.readString(cmp.resolve("charts/" + chart + ".svg")).contains("lossy-link-2"), chart + " has both runs");
        }
        assertTrue(Files.readString(cmp.resolve("report.html")).contains("<tr class=\"diff\"><td class=\"l\">flows.one-up.delivery_ratio"));
    }

    @Test
    void oneFolderOrANonResultsFolderIsExit2() {
        assertEquals(2, HelpTest.run("compare", tmp.toString()).code());
        HelpTest.Output o = HelpTest.run("compare", tmp.toString(), tmp.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("not a results folder"), o.err());
    }
}
