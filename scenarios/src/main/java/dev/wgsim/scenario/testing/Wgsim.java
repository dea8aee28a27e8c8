package dev.wgsim.scenario.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs scenarios from Java tests. Each call builds its own simulation: runs are deterministic and
 * may execute in parallel.
 */
public final class Wgsim {
    private Wgsim() {
    }

    /** Runs a scenario file. */
    public static ScenarioRun run(Path file) {
        return run(file, List.of());
    }

    /** Runs a scenario file with {@code --set path=value} overrides (e.g. {@code nodes[a].wireguard.rekey_timeout=4s}). */
    public static ScenarioRun run(Path file, List<String> sets) {
        return ScenarioRun.execute(ScenarioSource.of(file, sets));
    }

    /**
     * Runs a scenario file for the verdicts on its own expectations only, evaluated as the run goes:
     * no event is kept, so memory does not grow with the run ({@code wgsim test} and the JUnit
     * factory use it). Its {@link ScenarioRun#events()}, {@link ScenarioRun#check} and
     * {@link ScenarioRun#expect} refuse; use {@link #run} to ask more after the run.
     */
    public static ScenarioRun verdicts(Path file, List<String> sets) {
        return ScenarioRun.verdicts(ScenarioSource.of(file, sets));
    }

    /** Builds a scenario file's simulation without running it, for a test to step through. */
    public static LiveRun start(Path file) {
        return LiveRun.start(ScenarioSource.of(file, List.of()));
    }

    /** Runs a scenario written in code as YAML text; {@code name} stands for the file in messages. */
    public static ScenarioRun runYaml(String name, String yaml) {
        return ScenarioRun.execute(new ScenarioSource(name, yaml, Path.of("").toAbsolutePath(), List.of()));
    }
}
