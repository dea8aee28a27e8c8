package dev.wgsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One broken scenario per error kind (src/test/resources/broken). Each file states in its first
 * three comment lines the exact line:column and field path of the error, a piece of the reason
 * and a piece of the fix; the parser must report exactly that (as its first error). The places
 * were worked out by hand from the text: the value, key or mapping the error is about, or for
 * input rejected before YAML is parsed, the first byte or character past a limit.
 */
class BrokenFixturesTest {
    static final Path DIR = Path.of("src/test/resources/broken");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void everyErrorKindHasAFixture() throws IOException {
        assertTrue(fixtures().count() >= 50, "one fixture per error kind");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsLineColumnPathReasonAndFix(Path fixture) throws IOException {
        // ISO-8859-1 reads any byte: some fixtures are broken UTF-8 after their ASCII header.
        List<String> header = Files.readAllLines(fixture, java.nio.charset.StandardCharsets.ISO_8859_1).subList(0, 3);
        String[] where = header.get(0).substring("# error: ".length()).split(" ", 2);
        String[] lc = where[0].split(":");
        String path = where.length > 1 ? where[1].trim() : "";
        String reason = header.get(1).substring("# reason: ".length());
        String fix = header.get(2).substring("# fix: ".length());

        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(fixture));
        assertEquals(fixture.toString(), e.file());
        assertEquals(Integer.parseInt(lc[0]) + ":" + Integer.parseInt(lc[1]) + " " + path,
                e.line() + ":" + e.column() + " " + e.path(), e.getMessage());
        assertTrue(e.reason().contains(reason), () -> "reason was: " + e.reason());
        assertTrue(e.fix().contains(fix), () -> "fix was: " + e.fix());
        assertTrue(e.getMessage().startsWith(fixture + ":" + e.line() + ":" + e.column() + ": "), e.getMessage());
    }
}
