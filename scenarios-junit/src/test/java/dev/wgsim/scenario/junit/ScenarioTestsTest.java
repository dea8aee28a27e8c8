package dev.wgsim.scenario.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** A scenario file in a test suite must test something: no expectations is a failing test, not a passing container. */
class ScenarioTestsTest {
    static final String TWO_HOSTS = """
            scenario: {name: t, duration: 1s}
            nodes: [{name: a, address: 192.0.2.1}, {name: b, address: 192.0.2.2}]
            links: [{name: l, a: a, b: b}]
            """;

    @Test
    void aFileWithoutExpectationsIsOneFailingTest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nothing.yaml"), TWO_HOSTS);
        List<DynamicNode> nodes = ScenarioTests.forPath(dir).toList();
        assertEquals(1, nodes.size());
        DynamicTest t = assertInstanceOf(DynamicTest.class, nodes.get(0));
        assertEquals("nothing.yaml (no expectations)", t.getDisplayName());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> t.getExecutable().execute());
        assertTrue(e.getMessage().contains("has no expectations, so it tests nothing"), e.getMessage());
    }

    @Test
    void aFileWithExpectationsIsAContainerOfOneTestEach(@TempDir Path dir) throws Throwable {
        Files.writeString(dir.resolve("some.yaml"), TWO_HOSTS + """
                expect:
                  - {count: packet.dropped, is: 0}
                  - {count: wg.dropped, is: 0}
                """);
        List<DynamicNode> nodes = ScenarioTests.forPath(dir).toList();
        DynamicContainer c = assertInstanceOf(DynamicContainer.class, nodes.get(0));
        List<DynamicTest> tests = c.getChildren().map(DynamicTest.class::cast).toList();
        assertEquals(2, tests.size());
        for (DynamicTest t : tests) {
            t.getExecutable().execute();
        }
    }
}
