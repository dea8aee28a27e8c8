package dev.wgsim.scenario.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {
    @TempDir
    Path parent;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void buildsInAHiddenSiblingAndAppearsWhole() throws IOException {
        try (ResultsFolder f = ResultsFolder.begin(parent, "demo")) {
            assertTrue(f.dir().getFileName().toString().startsWith(".demo.partial-"));
            assertEquals(parent, f.dir().getParent());
            Files.writeString(f.dir().resolve("summary.json"), "{}");
            assertFalse(Files.exists(parent.resolve("demo")), "nothing under the final name before commit");
            f.commit();
        }
        assertEquals(List.of("demo"), listing());
        assertEquals("{}", Files.readString(parent.resolve("demo/summary.json")));
    }

    @Test
    void replacesAnOlderFolderCompletely() throws IOException {
        Files.createDirectories(parent.resolve("demo/metrics"));
        Files.writeString(parent.resolve("demo/metrics/stale.csv"), "old");
        try (ResultsFolder f = ResultsFolder.begin(parent, "demo")) {
            Files.writeString(f.dir().resolve("summary.json"), "new");
            f.commit();
        }
        assertEquals(List.of("demo"), listing(), "no partial or old folder left behind");
        assertFalse(Files.exists(parent.resolve("demo/metrics/stale.csv")));
        assertEquals("new", Files.readString(parent.resolve("demo/summary.json")));
    }

    @Test
    void anAbandonedRunLeavesTheOldFolderUntouched() throws IOException {
        Files.createDirectories(parent.resolve("demo"));
        Files.writeString(parent.resolve("demo/summary.json"), "old");
        try (ResultsFolder f = ResultsFolder.begin(parent, "demo")) {
            Files.writeString(f.dir().resolve("summary.json"), "half");
        }
        assertEquals(List.of("demo"), listing());
        assertEquals("old", Files.readString(parent.resolve("demo/summary.json")));
    }
}
