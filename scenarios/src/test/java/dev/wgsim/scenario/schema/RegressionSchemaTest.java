package dev.wgsim.scenario.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The regression suite's files use the expectation vocabulary the schema describes (where:, span, ranges). */
class RegressionSchemaTest {
    static Stream<Path> regression() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("regression"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regression")
    void everyRegressionFileValidates(Path file) throws IOException {
        String text = Files.readString(file);
        var errors = SchemaTest.schema().validate(SchemaTest.toJson(text));
        assertTrue(errors.isEmpty(), file + ": " + errors);
    }
}
