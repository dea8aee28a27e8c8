package dev.wgsim.wg.config;

/**
 * A configuration file that cannot be used, with where and how to fix it. The message reads
 * {@code wg0.conf:12: [Peer] PublicKey: <reason>. Fix: <sentence>}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String section;
    private final String key;
    private final String reason;
    private final String fix;

    /**
     * @param file file name as the user gave it
     * @param line 1-based line, 0 when the problem is the file as a whole (e.g. a missing section)
     * @param section {@code Interface} or {@code Peer}, or null outside any section
     * @param key the key as written in the file, or null
     */
    public ConfigException(String file, int line, String section, String key, String reason, String fix) {
        super(format(file, line, section, key, reason, fix));
        this.file = file;
        this.line = line;
        this.section = section;
        this.key = key;
        this.reason = reason;
        this.fix = fix;
    }

    static String format(String file, int line, String section, String key, String reason, String fix) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (section != null) {
            sb.append('[').append(section).append("] ");
        }
        if (key != null) {
            sb.append(key).append(": ");
        }
        sb.append(reason);
        if (fix != null) {
            sb.append(". Fix: ").append(fix);
        }
        return sb.toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String section() {
        return section;
    }

    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }

    public String fix() {
        return fix;
    }
}
