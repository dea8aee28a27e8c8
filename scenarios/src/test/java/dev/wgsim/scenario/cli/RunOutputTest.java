package dev.wgsim.scenario.cli;

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

/** Runs never overwrite silently; output failures are one line with the path and cause, exit 2. */
class RunOutputTest {
    @TempDir
    Path dir;

    static HelpTest.Output run(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "examples/lossy-link.yaml", "-o", out.toString(),
                "--set", "scenario.duration=3s", "--set", "expect=[]"));
        args.addAll(List.of(extra));
        return HelpTest.run(args.toArray(String[]::new));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondRunGetsItsOwnFolderAndForceReplaces() throws IOException {
        HelpTest.Output first = run(dir, "--seed", "1");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("results: " + dir.resolve("lossy-link")), first.out());
        HelpTest.Output second = run(dir, "--seed", "2");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains(dir.resolve("lossy-link") + " already exists, so this run went to " + dir.resolve("lossy-link-2")),
                second.err());
        assertEquals(List.of("lossy-link", "lossy-link-2"), listing());
        assertTrue(Files.readString(dir.resolve("lossy-link/summary.json")).contains("\"seed\" : 1,"));
        assertTrue(Files.readString(dir.resolve("lossy-link-2/summary.json")).contains("\"seed\" : 2,"));

        HelpTest.Output forced = run(dir, "--seed", "3", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(List.of("lossy-link", "lossy-link-2"), listing(), "replaced in place, no leftovers");
        assertTrue(Files.readString(dir.resolve("lossy-link/summary.json")).contains("\"seed\" : 3,"));
        String report = Files.readString(dir.resolve("lossy-link/report.html"));
        assertFalse(report.contains("partial"), "no temporary name in report.html");
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsOneLineAndExit2() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        HelpTest.Output o = run(file);
        assertEquals(2, o.code());
        assertEquals("wgsim run: cannot write the results folder: " + file + ": is in the way (it exists and is not a folder"
                + " that can be written into)", lastLine(o.err()));
        assertEquals(List.of("wgsim run: parsing examples/lossy-link.yaml"), o.err().lines().toList().subList(0, 1),
                "the progress phase, then the one-line error, no stack trace");
        assertEquals(2, o.err().lines().count());
        HelpTest.Output below = run(file.resolve("sub"));
        assertEquals(2, below.code());
        assertEquals("wgsim run: cannot write the results folder: " + file.resolve("sub") + ": not a directory", lastLine(below.err()));
    }

    static String lastLine(String s) {
        List<String> lines = s.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void aFullDiskIsNamedWithItsFolder() {
        assertEquals("out: no space left on device",
                IoErrors.describe(Path.of("out"), new IOException("No space left on device")));
        assertEquals("/r/x: permission denied", IoErrors.describe(Path.of("out"), new java.nio.file.AccessDeniedException("/r/x")));
    }
}
