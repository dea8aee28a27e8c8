package dev.wgsim.engine.trace;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Writes each event as one line of JSON ({@code events.jsonl}): {@code t} and {@code kind} first,
 * then the event's fields in the order it puts them, {@code \n} line ends. Output is buffered;
 * {@link #close()} flushes and closes the writer. The writer should encode UTF-8.
 */
public final class JsonLinesSink implements TraceListener, Closeable, Flushable {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private char[] chars = new char[256];
    private long lines;

    public JsonLinesSink(Writer out) {
        Objects.requireNonNull(out, "out");
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out, 1 << 16);
    }

    @Override
    public void onEvent(TraceEvent event) {
        line.setLength(0);
        JsonLines.appendJson(line, event);
        line.append('\n');
        int n = line.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        line.getChars(0, n, chars, 0); // no String per line
        try {
            out.write(chars, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the event log failed", e);
        }
        lines++;
    }

    /** The number of lines written so far. */
    public long lineCount() {
        return lines;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
