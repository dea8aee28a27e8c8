package dev.wgsim.scenario.run;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Test helper: run an example (optionally with overrides) into a folder. */
final class ExampleRuns {
    private ExampleRuns() {
    }

    static Scenario load(String name, String... sets) {
        return ScenarioParser.parse(Path.of("examples", name + ".yaml"),
                new ScenarioParser.Options(List.of(sets), OptionalLong.empty()));
    }

    static RunResult run(Path out, String name, String... sets) throws IOException {
        return Runner.run(load(name, sets), out, t -> { }, Runner.ReportRenderer.NONE);
    }
}
