package dev.wgsim.reports.bench;

import dev.wgsim.reports.Charts;
import dev.wgsim.reports.ReportRenderer;
import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.results.ResultsFolder;
import dev.wgsim.reports.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to turn a results folder into charts and report.html: the full render, the read alone and
 * the chart building alone, for the small example-like run and 1,000 spokes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBenchmark {
    @Param({"small", "hub1000"})
    public String run;

    private Path dir;
    private ResultsFolder folder;

    @Setup
    public void write() throws IOException {
        Path tmp = Files.createTempDirectory("wgsim-render-bench");
        dir = run.equals("small") ? SyntheticRun.small(tmp.resolve("r"), 1).write()
                : SyntheticRun.hub(tmp.resolve("r"), 1, 1000).write();
        folder = ResultsFolder.read(dir);
    }

    @Benchmark
    public Object render() {
        return ReportRenderer.render(dir, ChartOptions.defaults());
    }

    @Benchmark
    public Object read() {
        return ResultsFolder.read(dir);
    }

    @Benchmark
    public Object buildCharts() {
        return Charts.build(folder, ChartOptions.defaults());
    }
}
