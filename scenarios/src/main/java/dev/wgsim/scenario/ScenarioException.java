package dev.wgsim.scenario;

/**
 * A scenario file (or a {@code --set} override) that cannot run: it names where the problem is
 * and says how to fix it. Thrown before anything is simulated.
 */
public final class ScenarioException extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String path;
    private final String reason;
    private final String fix;

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
}
