package dev.wgsim.scenario.golden;

import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.engine.trace.TraceEvent;
import dev.wgsim.engine.trace.TraceListener;
import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.scenario.expect.LoggedEvent;
import dev.wgsim.scenario.expect.RunEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stored trace of a run's protocol events: the {@code wg.*} lines of events.jsonl, exactly as
 * written there (virtual times, stable field order), one per line. Packets are left out on
 * purpose: a golden trace pins protocol behaviour, not every datagram.
 */
public final class GoldenTraceFile {
    private static final int CONTEXT = 3;

    private GoldenTraceFile() {
    }

    /** The run's protocol events as golden lines. */
    public static List<String> of(RunEvents log) {
        return log.protocolEvents().stream().map(LoggedEvent::json).toList();
    }

    /**
     * Records a run's golden lines as it goes (subscribe it to the trace): only the {@code wg.*}
     * events, as events.jsonl renders them; a run that compares no golden trace keeps none.
     */
    public static final class Recorder implements TraceListener {
        private final List<String> lines = new ArrayList<>();

        @Override
        public void onEvent(TraceEvent e) {
            if (e.kind().startsWith("wg.")) {
                lines.add(JsonLines.toJson(e));
            }
        }

        public List<String> lines() {
            return java.util.Collections.unmodifiableList(lines);
        }
    }

    public static List<String> read(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Writes the trace to a temporary sibling and renames it into place. */
    public static void write(Path file, List<String> lines) {
        AtomicFiles.write(file, (lines.isEmpty() ? "" : String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The first place {@code actual} departs from {@code golden}, or empty when they are identical. */
    public static Optional<Divergence> compare(List<String> golden, List<String> actual) {
        int n = Math.min(golden.size(), actual.size());
        int i = 0;
        while (i < n && golden.get(i).equals(actual.get(i))) {
            i++;
        }
        if (i == golden.size() && i == actual.size()) {
            return Optional.empty();
        }
        return Optional.of(new Divergence(i, i < golden.size() ? golden.get(i) : null, i < actual.size() ? actual.get(i) : null,
                golden.subList(Math.max(0, i - CONTEXT), i), after(golden, i), after(actual, i)));
    }

    private static List<String> after(List<String> l, int i) {
        return i + 1 >= l.size() ? List.of() : l.subList(i + 1, Math.min(l.size(), i + 1 + CONTEXT));
    }
}
