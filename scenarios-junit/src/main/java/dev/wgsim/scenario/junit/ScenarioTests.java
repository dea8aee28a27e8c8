package dev.wgsim.scenario.junit;

import dev.wgsim.scenario.expect.Outcome;
import dev.wgsim.scenario.testing.ScenarioFiles;
import dev.wgsim.scenario.testing.ScenarioRun;
import dev.wgsim.scenario.testing.Wgsim;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Turns scenario files into JUnit 5 dynamic tests, one container per file and one test per
 * expectation, for a {@code @TestFactory}:
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> regression() {
 *     return ScenarioTests.forPath(Path.of("scenarios/regression"));
 * }
 * }</pre>
 * The files start running at once, up to one per core (each run is isolated and deterministic);
 * each container waits for its own file. A file that is bad input, or that has no expectations
 * (it would test nothing), becomes one failing test.
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    public static Stream<DynamicNode> forPath(Path path) {
        return forPath(path, List.of());
    }

    public static Stream<DynamicNode> forPath(Path path, List<String> sets) {
        List<Path> files = ScenarioFiles.find(List.of(path));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(files.size(),
                Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "wgsim-scenario");
                    t.setDaemon(true);
                    return t;
                });
        List<CompletableFuture<ScenarioRun>> runs = files.stream()
                .map(f -> CompletableFuture.supplyAsync(() -> Wgsim.verdicts(f, sets), pool)).toList();
        pool.shutdown(); // no new work; the submitted runs finish
        return java.util.stream.IntStream.range(0, files.size()).mapToObj(i -> container(files.get(i), runs.get(i)));
    }

    /** A container with one test per expectation of the file (runs it now). */
    public static DynamicNode forFile(Path file, List<String> sets) {
        return container(file, CompletableFuture.completedFuture(Wgsim.verdicts(file, sets)));
    }

    private static DynamicNode container(Path file, CompletableFuture<ScenarioRun> future) {
        ScenarioRun run;
        try {
            run = future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            return DynamicTest.dynamicTest(file.getFileName() + " (could not run)", file.toUri(), () -> {
                throw new AssertionFailedError(file + ": " + cause.getMessage(), cause);
            });
        }
        if (run.outcomes().isEmpty()) {
            // A file in a test suite that asserts nothing would pass whatever the simulation did.
            return DynamicTest.dynamicTest(file.getFileName() + " (no expectations)", file.toUri(), () -> {
                throw new AssertionFailedError(file + ": the scenario has no expectations, so it tests nothing. "
                        + "Add an 'expect:' block, or move the file out of the test suite's folder.");
            });
        }
        Stream<DynamicTest> tests = run.outcomes().stream().map(o -> DynamicTest.dynamicTest(o.text(), file.toUri(),
                () -> assertPassed(file, o)));
        return DynamicContainer.dynamicContainer(file.getFileName().toString(), file.toUri(), tests);
    }

    private static void assertPassed(Path file, Outcome o) {
        if (!o.passed()) {
            throw new AssertionFailedError(file + ": " + o.text() + "\n" + o.details());
        }
    }
}
