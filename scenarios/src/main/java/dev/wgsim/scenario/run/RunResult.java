package dev.wgsim.scenario.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.scenario.expect.ExpectationResult;
import dev.wgsim.scenario.sim.Simulation;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run produced.
 *
 * @param folder     the results folder, or null when none was written
 * @param wallNanos  wall-clock time the simulation took (for the closing figures; never in results)
 * @param cpuNanos   CPU time the simulating thread spent over the same span, or -1 where the JVM
 *                   cannot measure it (benchmarks compare it, as it varies less than wall time on a
 *                   shared machine; never in results)
 */
public record RunResult(Simulation simulation, ObjectNode summary, List<ExpectationResult> expectations, Path folder,
                        long wallNanos, long cpuNanos) {
    public RunResult {
        expectations = List.copyOf(expectations);
    }

    public boolean passed() {
        return expectations.stream().allMatch(ExpectationResult::passed);
    }
}
