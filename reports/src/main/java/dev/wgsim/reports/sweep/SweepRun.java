package dev.wgsim.reports.sweep;

import java.nio.file.Path;

/** One run of a sweep: its results folder and the parameter value it ran with (replications share a value). */
public record SweepRun(Path resultsDir, double parameter) {
    public SweepRun {
        if (!Double.isFinite(parameter)) {
            throw new IllegalArgumentException("parameter must be finite for " + resultsDir + ": " + parameter);
        }
    }
}
