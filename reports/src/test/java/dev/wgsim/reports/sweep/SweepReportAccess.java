package dev.wgsim.reports.sweep;

import dev.wgsim.reports.charts.Figure;
import java.util.List;

/** Test access to the package-private chart builders. */
public final class SweepReportAccess {
    private SweepReportAccess() {}

    public static Figure lines(SweepTables.Manifest m, String metric, List<SweepTables.Aggregate> aggs) {
        return SweepReport.lines(m, metric, aggs);
    }
}
