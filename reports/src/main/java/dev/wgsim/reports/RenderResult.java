package dev.wgsim.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * What a render wrote.
 *
 * @param files every file written (charts and report.html), in write order
 * @param charts stems of the charts drawn (throughput, latency-time, ...)
 */
public record RenderResult(Path report, List<Path> files, List<String> charts) {
    public RenderResult {
        files = List.copyOf(files);
        charts = List.copyOf(charts);
    }
}
