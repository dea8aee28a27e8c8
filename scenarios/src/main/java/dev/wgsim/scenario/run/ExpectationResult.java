package dev.wgsim.scenario.run;

/** The outcome of one expectation: what was expected, whether it held, and what happened. */
public record ExpectationResult(String text, boolean passed, String message) {
}
