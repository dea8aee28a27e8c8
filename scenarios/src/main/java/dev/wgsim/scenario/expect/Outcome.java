package dev.wgsim.scenario.expect;

import java.util.List;

/**
 * The verdict on one expectation.
 *
 * @param text     the expectation as the scenario states it
 * @param expected what should have happened, in words
 * @param actual   what did happen, in words
 * @param context  a few events around the place that decided the verdict, one per line, with
 *                 virtual times; a line starting with {@code >} is an event the expectation matched
 */
public record Outcome(String text, boolean passed, String expected, String actual, List<String> context) {
    public Outcome {
        context = List.copyOf(context);
    }

    /** {@code expected ...; got ...} on one line. */
    public String message() {
        return (passed ? "" : "expected " + expected + "; ") + actual;
    }

    /** The message followed by the context lines, for reports and JUnit failures. */
    public String details() {
        if (context.isEmpty()) {
            return message();
        }
        StringBuilder sb = new StringBuilder(message()).append("\n  events around it:");
        for (String c : context) {
            sb.append("\n    ").append(c);
        }
        return sb.toString();
    }

    /** As the runner's summary records it (the message carries the context lines). */
    public ExpectationResult toResult() {
        return new ExpectationResult(text, passed, passed ? message() : details());
    }
}
