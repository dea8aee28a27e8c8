package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same file and seed: byte-identical events.jsonl, summary.json and metrics; another seed differs. */
class DeterminismTest {
    @TempDir
    Path a;
    @TempDir
    Path b;
    @TempDir
    Path c;

    @Test
    void sameSeedSameBytes() throws IOException {
        String[] sets = {"scenario.duration=65s", "expect[3].at=62s", "links[phone-lte].loss=0.02"};
        RunResult r1 = ExampleRuns.run(a, "cryptokey-routing", sets);
        RunResult r2 = ExampleRuns.run(b, "cryptokey-routing", sets);
        for (String f : new String[] {"events.jsonl", "summary.json", "metrics/throughput.csv", "metrics/latency.csv",
                "metrics/drops.csv", "wg-show/home.txt"}) {
            assertArrayEquals(Files.readAllBytes(r1.folder().resolve(f)), Files.readAllBytes(r2.folder().resolve(f)), f);
        }
        assertTrue(Files.size(r1.folder().resolve("events.jsonl")) > 100_000);
        String[] other = Arrays.copyOf(sets, 4);
        other[3] = "scenario.seed=2";
        RunResult r3 = ExampleRuns.run(c, "cryptokey-routing", other);
        assertFalse(Arrays.equals(Files.readAllBytes(r1.folder().resolve("events.jsonl")),
                Files.readAllBytes(r3.folder().resolve("events.jsonl"))), "a different seed changes keys and draws");
    }

    /** Policy routing, masquerade and dual-stack paths add no hidden order: two runs, the same bytes. */
    @Test
    void roadWarriorSameSeedSameBytes() throws IOException {
        RunResult r1 = ExampleRuns.run(a, "road-warrior", "scenario.duration=20s");
        RunResult r2 = ExampleRuns.run(b, "road-warrior", "scenario.duration=20s");
        for (String f : new String[] {"events.jsonl", "summary.json", "metrics/drops.csv", "wg-show/laptop.txt"}) {
            assertArrayEquals(Files.readAllBytes(r1.folder().resolve(f)), Files.readAllBytes(r2.folder().resolve(f)), f);
        }
        assertTrue(Files.size(r1.folder().resolve("events.jsonl")) > 100_000);
    }
}
