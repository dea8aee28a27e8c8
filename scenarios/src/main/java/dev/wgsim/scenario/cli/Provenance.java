package dev.wgsim.scenario.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.scenario.results.RunRecord;
import dev.wgsim.scenario.run.RunResult;
import dev.wgsim.scenario.run.Runner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine-dependent half of the reproducibility record, {@code provenance.json}: the command
 * line as typed, how to reproduce the run from the folder, the wgsim build (version, git commit),
 * JVM and OS, when it ran, its wall time and events per second. Kept out of summary.json, which
 * stays byte-identical across identical runs (docs/results-format.md). Reads the wall clock, so it
 * lives in the CLI layer.
 */
final class Provenance implements Runner.FolderExtras {
    static final String FILE = "provenance.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command;
    private final Path scenarioFile;
    private final RunRecord record;
    private final List<String> reproduceArgs;
    private final Instant started;

    /**
     * @param command       the arguments as typed, after {@code wgsim}
     * @param reproduceArgs the options that, after the copied scenario file, give the same run
     */
    Provenance(List<String> command, Path scenarioFile, RunRecord record, List<String> reproduceArgs) {
        this.command = List.copyOf(command);
        this.scenarioFile = scenarioFile;
        this.record = record;
        this.reproduceArgs = List.copyOf(reproduceArgs);
        this.started = Instant.now();
    }

    /** The options of a run that shape its results: --seed, every --set in order, --run-id. */
    static List<String> shapingArgs(Long seed, List<String> sets, Long runId) {
        List<String> a = new ArrayList<>();
        if (seed != null) {
            a.add("--seed");
            a.add(Long.toString(seed));
        }
        for (String s : sets) {
            a.add("--set");
            a.add(s);
        }
        if (runId != null) {
            a.add("--run-id");
            a.add(Long.toString(runId));
        }
        return a;
    }

    @Override
    public void write(Path dir, RunResult r) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cmd = root.putArray("command");
        cmd.add("wgsim");
        command.forEach(cmd::add);
        root.put("working_directory", Path.of("").toAbsolutePath().toString());
        root.put("scenario_file", scenarioFile.toString());
        root.put("reproduce", "wgsim run <this folder>/" + record.scenarioCopy()
                + (reproduceArgs.isEmpty() ? "" : " " + String.join(" ", reproduceArgs.stream().map(Provenance::quote).toList())));
        ArrayNode ra = root.putArray("reproduce_args");
        reproduceArgs.forEach(ra::add);
        BuildInfo b = BuildInfo.current();
        root.putObject("wgsim").put("version", b.version()).put("commit", b.commit()).put("dirty", b.dirty());
        root.putObject("java").put("version", System.getProperty("java.version")).put("vendor", System.getProperty("java.vendor"))
                .put("vm", System.getProperty("java.vm.name"));
        root.putObject("os").put("name", System.getProperty("os.name")).put("version", System.getProperty("os.version"))
                .put("arch", System.getProperty("os.arch"));
        root.put("cpus", Runtime.getRuntime().availableProcessors()).put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        long events = r.summary().path("run").path("events_executed").asLong();
        double wall = r.wallNanos() / 1e9;
        root.put("started_at", started.toString());
        root.put("wall_seconds", Math.round(wall * 1e3) / 1e3);
        root.put("events_per_second", wall > 0 ? Math.round(events / wall) : 0);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        Files.writeString(dir.resolve(FILE), JSON.writer(pp).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "provenance of %s", scenarioFile);
    }
}
