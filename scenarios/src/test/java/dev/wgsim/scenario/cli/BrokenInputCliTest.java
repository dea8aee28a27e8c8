package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every broken fixture is refused the same way by {@code check} and by {@code run}: exit 2,
 * every line of the error output a {@code file:line:col: field: reason. fix} (no stack trace),
 * nothing written, and quickly. The 60 s bounds only guard against a hang.
 */
class BrokenInputCliTest {
    static final Path DIR = Path.of("src/test/resources/broken");
    /** {@code file:line:col: } with a 1-based line and column, then a reason ending in a period. */
    static final Pattern LOCATED = Pattern.compile("^(.+):([1-9][0-9]*):([1-9][0-9]*): .+\\..*$");

    record Result(int exit, String out, String err) {
    }

    static Result wgsim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /**
     * Exit 2, and each error line located at this file; left aside are a final "N errors" count and
     * the progress line naming the parsing phase, which `run` prints before it reads the file.
     */
    static void assertRefusedWithLocation(Result r, Path file) {
        assertEquals(2, r.exit(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.matches("\\d+ errors.*"))
                .filter(l -> !l.equals("wgsim run: parsing " + file)).toList();
        assertFalse(lines.isEmpty(), "an error was printed");
        for (String line : lines) {
            var m = LOCATED.matcher(line);
            assertTrue(m.matches(), () -> "not file:line:col: " + line);
            assertEquals(file.toString(), m.group(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void checkAndRunBothRefuseEachFixtureWithALocatedErrorAndExit2(Path fixture, @TempDir Path out) throws IOException {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            assertRefusedWithLocation(wgsim("check", fixture.toString()), fixture);
            Result run = wgsim("run", fixture.toString(), "-o", out.toString());
            assertRefusedWithLocation(run, fixture);
            assertEquals("", run.out(), "nothing ran");
        });
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(0, left.count(), "nothing written");
        }
    }

    @Test
    void aFileWithThreeTyposGetsThreeErrorsInFileOrder() {
        Path f = DIR.resolve("three-typos.yaml");
        Result r = wgsim("check", f.toString());
        assertRefusedWithLocation(r, f);
        // By hand from the file: duraton at 6:3, adress at 9:5, routr at 12:5 (and the missing
        // 'duration' is the same mistake as 'duraton', so it is not reported again).
        assertEquals(List.of(
                f + ":6:3: scenario.duraton: unknown key 'duraton' in scenario. Did you mean 'duration'?",
                f + ":9:5: nodes[0].adress: unknown key 'adress' in node. Did you mean 'address'?",
                f + ":12:5: nodes[1].routr: unknown key 'routr' in node. Did you mean 'router'?",
                "3 errors"), r.err().lines().toList());
    }

    @Test
    void errorsStopAtTheCapOfTwenty(@TempDir Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder("scenario: {name: t, duration: 10s}\nnodes:\n");
        for (int i = 0; i < 30; i++) {
            yaml.append("  - {name: n").append(i).append(", adress: 10.0.0.1}\n");
        }
        Path f = dir.resolve("many.yaml");
        Files.writeString(f, yaml);
        Result r = wgsim("check", f.toString());
        assertRefusedWithLocation(r, f);
        List<String> lines = r.err().lines().toList();
        assertEquals(21, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith(f + ":3:16: nodes[0].adress: unknown key 'adress'"), lines.get(0));
        assertEquals("20 errors; stopped there, the file may have more", lines.get(20));
    }

    @Test
    void aTenMegabyteScalarIsRefusedAtTheSizeLimitWithoutReadingTheRest(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.yaml");
        String head = "scenario:\n  name: t\n  duration: 10s\n  description: ";
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        try (var os = Files.newOutputStream(f)) {
            os.write(head.getBytes(StandardCharsets.US_ASCII));
            os.write(body);
        }
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> wgsim("check", f.toString()));
        assertRefusedWithLocation(r, f);
        // Byte offset 4 MiB (4194304) is on line 4, which starts at offset 36: column 4194304 - 36 + 1.
        assertTrue(r.err().startsWith(f + ":4:4194269: the file is larger than the limit of 4194304 bytes"), r.err());
    }
}
