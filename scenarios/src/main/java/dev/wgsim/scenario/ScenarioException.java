package dev.wgsim.scenario;

import java.util.List;

/**
 * A scenario file (or a {@code --set} override) that cannot run: it names where the problem is
 * and says how to fix it. Thrown before anything is simulated.
 *
 * <p>One exception may carry several independent problems of the same file (as a compiler reports
 * every error it finds, up to a cap): {@link #problems()} lists them in the order found, and the
 * message has one {@code file:line:col: field: reason. fix} line per problem. The accessors
 * {@link #file()}, {@link #line()}, ... describe the first.
 */
public final class ScenarioException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String reason;
    private final String fix;
    private final List<ScenarioException> problems;

    /**
     * @param file   the file as the user named it
     * @param line   1-based line, or 0 when unknown
     * @param column 1-based column, or 0 when unknown
     * @param path   the field path, e.g. {@code nodes[2].wireguard.peers[0].allowed_ips[1]}
     * @param reason what is wrong, one sentence without a trailing period
     * @param fix    how to fix it, one sentence
     */
    public ScenarioException(String file, int line, int column, String path, String reason, String fix) {
        super(format(file, line, column, path, reason, fix));
        this.file = file;
        this.line = line;
        this.column = column;
        this.path = path;
        this.reason = reason;
        this.fix = fix;
        this.problems = List.of(this);
    }

    private ScenarioException(List<ScenarioException> problems, String message) {
        super(message);
        ScenarioException first = problems.get(0);
        this.file = first.file;
        this.line = first.line;
        this.column = first.column;
        this.path = first.path;
        this.reason = first.reason;
        this.fix = first.fix;
        this.problems = List.copyOf(problems);
    }

    /**
     * All of {@code problems} as one exception (a single problem is returned as it is).
     *
     * @param more true when collecting stopped at a cap and the file may have further problems
     */
    public static ScenarioException of(List<ScenarioException> problems, boolean more) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problems");
        }
        if (problems.size() == 1 && !more) {
            return problems.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (ScenarioException p : problems) {
            sb.append(p.getMessage()).append('\n');
        }
        sb.append(problems.size()).append(problems.size() == 1 ? " error" : " errors");
        if (more) {
            sb.append("; stopped there, the file may have more");
        }
        return new ScenarioException(problems, sb.toString());
    }

    private static String format(String file, int line, int column, String path, String reason, String fix) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(reason).append('.');
        if (!fix.isEmpty()) {
            sb.append(' ').append(fix);
        }
        return sb.toString();
    }

    public String file() { return file; }

    public int line() { return line; }

    public int column() { return column; }

    public String path() { return path; }

    public String reason() { return reason; }

    public String fix() { return fix; }

    /** Every independent problem this exception reports, at least one; a single problem is {@code [this]}. */
    public List<ScenarioException> problems() { return problems; }
}
