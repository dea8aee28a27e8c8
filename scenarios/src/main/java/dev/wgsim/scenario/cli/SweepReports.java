package dev.wgsim.scenario.cli;

import dev.wgsim.reports.charts.ChartOptions;
import dev.wgsim.reports.sweep.SweepReport;
import java.nio.file.Path;
import java.util.List;

/** The hook to the reports module for sweep folders: charts and report.html. */
final class SweepReports {
    private SweepReports() {
    }

    static List<String> render(Path sweepDir, List<String> metrics) {
        return SweepReport.render(sweepDir, metrics, ChartOptions.defaults());
    }
}
