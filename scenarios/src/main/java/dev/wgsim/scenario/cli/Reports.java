package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.run.Runner;

/**
 * The hook to the reports module (charts and report.html). The reports branch has not landed in
 * this build, so results folders are written without charts; replace {@link #renderer()} with the
 * reports module's entry point when it merges.
 */
final class Reports {
    private Reports() {
    }

    static Runner.ReportRenderer renderer() {
        return Runner.ReportRenderer.NONE;
    }

    static boolean available() {
        return false;
    }
}
