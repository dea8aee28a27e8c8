package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wgsim run --trace LEVEL}: the scenario's trace level from the command line. */
class TraceOptionTest {
    @TempDir
    Path dir;

    @Test
    void traceNoneWritesNoEventFileAndTheReproduceLineKeepsIt() throws Exception {
        HelpTest.Output r = RunOutputTest.run(dir, "--trace", "none");
        assertEquals(0, r.code(), r.err());
        Path folder = dir.resolve("lossy-link");
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")));
        assertFalse(Files.exists(folder.resolve("events.jsonl")));
        assertTrue(Files.readString(folder.resolve("provenance.json")).contains("scenario.trace=none"));
    }

    @Test
    void anUnknownLevelIsBadInputNamingTheChoices() {
        HelpTest.Output r = RunOutputTest.run(dir, "--trace", "all");
        assertEquals(WgsimCommand.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("--trace all: unknown trace level; write packets, protocol or none"), r.err());
        assertFalse(Files.exists(dir.resolve("lossy-link")));
    }
}
