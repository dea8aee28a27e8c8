package dev.wgsim.scenario.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The event log shared by the simulation thread of an action and the server-sent-event streams
 * that follow it. Keeps the latest {@link #CAPACITY} entries; {@link #clear()} (Reset) starts a new
 * generation so that streams tell their page to empty its log.
 */
public final class DemoEventBuffer {
    static final int CAPACITY = 5000;

    private final List<LogEntry> entries = new ArrayList<>();
    private long nextSeq = 1;
    private long generation = 1;

    synchronized void add(long timeNanos, String kind, String peer, String text) {
        add(timeNanos, kind, peer, text, null);
    }

    synchronized void add(long timeNanos, String kind, String peer, String text, Integer packet) {
        if (entries.size() == CAPACITY) {
            entries.remove(0);
        }
        entries.add(new LogEntry(nextSeq++, timeNanos, kind, peer == null ? "" : peer, text, packet));
        notifyAll();
    }

    synchronized void clear() {
        entries.clear();
        generation++;
        notifyAll();
    }

    /** Every entry kept, oldest first. */
    public synchronized List<LogEntry> entries() {
        return List.copyOf(entries);
    }

    public synchronized long generation() {
        return generation;
    }

    /** Entries with {@code seq > afterSeq}, oldest first. */
    public synchronized List<LogEntry> after(long afterSeq) {
        List<LogEntry> out = new ArrayList<>();
        for (LogEntry e : entries) {
            if (e.seq() > afterSeq) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Waits up to {@code millis} (wall time: this is the web server's side, not the model's) for an
     * entry after {@code afterSeq} or a generation other than {@code seenGeneration}.
     */
    public synchronized void await(long afterSeq, long seenGeneration, long millis) throws InterruptedException {
        if (generation == seenGeneration && (entries.isEmpty() || entries.get(entries.size() - 1).seq() <= afterSeq)) {
            wait(millis);
        }
    }
}
