package dev.wgsim.scenario.expect;

import java.util.List;
import java.util.Optional;

/**
 * One scenario file's verdicts for a test report: its outcomes, or the input error that kept it
 * from running.
 *
 * @param file      the file as the user named it
 * @param wallNanos wall-clock time of the run (reports only; never compared)
 * @param error     a bad-input message when the file could not run
 */
public record SuiteResult(String file, String scenarioName, long seed, List<Outcome> outcomes, long wallNanos,
                          Optional<String> error) {
    public SuiteResult {
        outcomes = List.copyOf(outcomes);
    }

    public static SuiteResult badInput(String file, String message) {
        return new SuiteResult(file, "", 0, List.of(), 0, Optional.of(message));
    }

    public long failures() {
        return outcomes.stream().filter(o -> !o.passed()).count();
    }

    public boolean passed() {
        return error.isEmpty() && failures() == 0;
    }
}
