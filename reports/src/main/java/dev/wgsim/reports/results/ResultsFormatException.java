package dev.wgsim.reports.results;

import java.nio.file.Path;

/** A results folder that does not follow docs/results-format.md: names the file, line (when known) and field. */
public final class ResultsFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ResultsFormatException(Path file, long line, String field, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + field + ": " + reason);
    }

    public ResultsFormatException(Path file, String field, String reason) {
        this(file, 0, field, reason);
    }
}
