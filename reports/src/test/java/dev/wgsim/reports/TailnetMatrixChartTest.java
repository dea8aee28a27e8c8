package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.charts.Figure;
import dev.wgsim.reports.charts.TailnetMatrixChart;
import dev.wgsim.reports.results.ResultsFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NAT-pair grid reads summary.json's tailnet.matrix and is drawn only when there is one. */
class TailnetMatrixChartTest {
    @Test
    void cellsComeFromTheSummaryAndTheGridIsDrawn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), """
                {"scenario": {"name": "m", "duration_ns": 10000000000},
                 "tailnet": {"matrix": [
                   {"nat_a": "easy", "nat_b": "easy", "outcome": "direct"},
                   {"nat_a": "easy", "nat_b": "hard", "outcome": "relayed"},
                   {"nat_a": "hard", "nat_b": "hard", "outcome": "relayed"}]}}
                """);
        ResultsFolder r = ResultsFolder.read(dir);
        List<TailnetMatrixChart.Cell> cells = TailnetMatrixChart.cells(r);
        assertEquals(List.of(new TailnetMatrixChart.Cell("easy", "easy", true), new TailnetMatrixChart.Cell("easy", "hard", false),
                new TailnetMatrixChart.Cell("hard", "hard", false)), cells);
        List<Figure> figs = Charts.build(r, ChartOptions.defaults());
        assertTrue(figs.stream().anyMatch(f -> f.stem().equals("tailnet-matrix")));
    }

    @Test
    void noMatrixNoGrid(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{\"scenario\": {\"name\": \"m\", \"duration_ns\": 1000000000}}");
        ResultsFolder r = ResultsFolder.read(dir);
        assertFalse(TailnetMatrixChart.applies(r));
        assertFalse(Charts.build(r, ChartOptions.defaults()).stream().anyMatch(f -> f.stem().equals("tailnet-matrix")));
    }
}
