package dev.wgsim.scenario.junit;

import dev.wgsim.scenario.expect.Outcome;
import java.nio.file.Path;
import java.util.List;
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
 * Each file runs once, when its container is first reached.
 */
public final class ScenarioTests {
    private ScenarioTests() {
    }

    public static Stream<DynamicNode> forPath(Path path) {
        return forPath(path, List.of());
    }

    public static Stream<DynamicNode> forPath(Path path, List<String> sets) {
        return ScenarioFiles.find(List.of(path)).stream().map(f -> forFile(f, sets));
    }

    /** A container with one test per expectation of the file. */
    public static DynamicNode forFile(Path file, List<String> sets) {
        ScenarioRun run = Wgsim.run(file, sets);
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
