package dev.wgsim.scenario.cli;

import dev.wgsim.reports.ReportRenderer;
import dev.wgsim.scenario.run.Runner;

/** The hook to the reports module: charts (PNG + SVG) and a self-contained report.html. */
final class ReportsModuleHook {
    private ReportsModuleHook() {
    }

    static Runner.ReportRenderer renderer() {
        return dir -> ReportRenderer.render(dir);
    }
}
