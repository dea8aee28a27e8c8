package dev.wgsim.scenario.expect;

/** The outcome of one expectation: what was expected, whether it held, and what happened. */
public record ExpectationResult(String text, boolean passed, String message) {
}
