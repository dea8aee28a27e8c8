package dev.wgsim.scenario.testing;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
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
        return new ScenarioSource(file.toString(), dev.wgsim.scenario.yaml.YamlInput.read(file, file.toString()),
                file.toAbsolutePath().getParent(), sets);
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
