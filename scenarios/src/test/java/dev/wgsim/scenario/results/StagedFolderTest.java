package dev.wgsim.scenario.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.results.StagedFolder.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFolderTest {
    @TempDir
    Path parent;

    final List<String> notes = new ArrayList<>();

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void writeRun(String content, Mode mode) throws IOException {
        try (StagedFolder f = StagedFolder.begin(parent, "demo", notes::add)) {
            Files.writeString(f.dir().resolve("summary.json"), content);
            f.commit(mode);
        }
    }

    /** A run killed between "old renamed to its backup" and "new renamed into place". */
    private static final class Killed extends Error {
    }

    @AfterEach
    void noHook() {
        StagedFolder.afterBackup = () -> { };
    }

    @Test
    void buildsInAHiddenSiblingAndAppearsWhole() throws IOException {
        try (StagedFolder f = StagedFolder.begin(parent, "demo")) {
            assertTrue(f.dir().getFileName().toString().startsWith(".demo.partial-"));
            assertEquals(parent, f.dir().getParent());
            Files.writeString(f.dir().resolve("summary.json"), "{}");
            assertFalse(Files.exists(parent.resolve("demo")), "nothing under the final name before commit");
            f.commit(Mode.NEW_NAME);
        }
        assertEquals(List.of("demo"), listing(), "no partial folder or lock file left");
        assertEquals("{}", Files.readString(parent.resolve("demo/summary.json")));
    }

    @Test
    void replacesAnOlderFolderCompletelyOnlyWhenAsked() throws IOException {
        Files.createDirectories(parent.resolve("demo/metrics"));
        Files.writeString(parent.resolve("demo/metrics/stale.csv"), "old");
        writeRun("new", Mode.REPLACE);
        assertEquals(List.of("demo"), listing(), "no partial, backup or lock left behind");
        assertFalse(Files.exists(parent.resolve("demo/metrics/stale.csv")));
        assertEquals("new", Files.readString(parent.resolve("demo/summary.json")));
    }

    @Test
    void neverOverwritesByDefaultButTakesTheNextFreeName() throws IOException {
        writeRun("seed 1", Mode.NEW_NAME);
        writeRun("seed 2", Mode.NEW_NAME);
        writeRun("seed 3", Mode.NEW_NAME);
        assertEquals(List.of("demo", "demo-2", "demo-3"), listing());
        assertEquals("seed 1", Files.readString(parent.resolve("demo/summary.json")));
        assertEquals("seed 2", Files.readString(parent.resolve("demo-2/summary.json")));
        assertEquals("seed 3", Files.readString(parent.resolve("demo-3/summary.json")));
    }

    @Test
    void anAbandonedRunLeavesTheOldFolderUntouched() throws IOException {
        Files.createDirectories(parent.resolve("demo"));
        Files.writeString(parent.resolve("demo/summary.json"), "old");
        try (StagedFolder f = StagedFolder.begin(parent, "demo")) {
            Files.writeString(f.dir().resolve("summary.json"), "half");
        }
        assertEquals(List.of("demo"), listing());
        assertEquals("old", Files.readString(parent.resolve("demo/summary.json")));
    }

    @Test
    void aRunKilledBetweenTheRenamesIsRecoveredByTheNextRun() throws IOException {
        writeRun("old", Mode.REPLACE);
        StagedFolder.afterBackup = () -> {
            throw new Killed();
        };
        assertThrows(Killed.class, () -> writeRun("lost", Mode.REPLACE));
        List<String> afterKill = listing();
        assertFalse(afterKill.contains("demo"), "the kill struck with the old folder renamed away: " + afterKill);
        assertEquals(1, afterKill.stream().filter(n -> n.startsWith(".demo.backup-")).count(), afterKill.toString());
        StagedFolder.afterBackup = () -> { };

        // The next run in that folder (here of another scenario) puts the old folder back first, and says so.
        try (StagedFolder f = StagedFolder.begin(parent, "other", notes::add)) {
            assertEquals("old", Files.readString(parent.resolve("demo/summary.json")), "old folder back under its name");
        }
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("restored " + parent.resolve("demo")), notes.get(0));
        assertEquals(List.of("demo"), listing());
    }

    @Test
    void staleLeftoversAreRemovedAndSaidSoButALiveRunsAreNot() throws IOException {
        writeRun("current", Mode.REPLACE);
        // A killed run's partial folder and a backup whose replacement did complete, neither with a live owner.
        Files.createDirectories(parent.resolve(".demo.partial-0123456789abcdef/metrics"));
        Files.createDirectories(parent.resolve(".demo.backup-fedcba9876543210"));
        Files.createFile(parent.resolve(".demo.fedcba9876543210.lock"));
        try (StagedFolder live = StagedFolder.begin(parent, "demo", notes::add)) {
            assertEquals(2, notes.size(), notes.toString());
            assertTrue(notes.stream().allMatch(n -> n.startsWith("removed ") && n.endsWith("left by an interrupted run")), notes.toString());
            notes.clear();
            // A second run starting while the first is still writing must not touch its folder.
            try (StagedFolder second = StagedFolder.begin(parent, "demo", notes::add)) {
                assertTrue(Files.isDirectory(live.dir()), "a live run's partial folder survives another run's start");
                assertEquals(List.of(), notes);
            }
        }
        assertEquals(List.of("demo"), listing());
        assertEquals("current", Files.readString(parent.resolve("demo/summary.json")));
    }

    @Test
    void namesThatAreNotOneFolderAreRefused() {
        for (String bad : List.of(".", "..", "a/b", "")) {
            assertThrows(IllegalArgumentException.class, () -> StagedFolder.begin(parent, bad), bad);
        }
    }
}
