package dev.wgsim.scenario.junit;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where a scenario came from (a file or YAML text) and the {@code --set} overrides applied to it,
 * kept so that an ad-hoc expectation can be parsed against the same names, times and duration.
 */
record ScenarioSource(String file, String text, Path baseDir, List<String> sets) {
    ScenarioSource {
        sets = List.copyOf(sets);
    }

    static ScenarioSource of(Path file, List<String> sets) {
        try {
            return new ScenarioSource(file.toString(), Files.readString(file, StandardCharsets.UTF_8),
                    file.toAbsolutePath().getParent(), sets);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "cannot read the file (" + e.getMessage() + ")",
                    "Check the path.");
        }
    }

    Scenario parse() {
        return ScenarioParser.parse(file, text, baseDir, new ScenarioParser.Options(sets, OptionalLong.empty()));
    }

    /** The scenario with its expect block replaced by the given entries (YAML flow mappings). */
    Scenario parseWithExpectations(List<String> entries) {
        List<String> all = new ArrayList<>(sets);
        all.add("expect=[" + String.join(", ", entries) + "]");
        return ScenarioParser.parse(file, text, baseDir, new ScenarioParser.Options(all, OptionalLong.empty()));
    }
}
