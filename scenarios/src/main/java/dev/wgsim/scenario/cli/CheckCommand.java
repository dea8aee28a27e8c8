package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim check FILE}: validate only. */
@Command(name = "check", description = "Validate a scenario without running it.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--set", paramLabel = "path=value")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Scenario s = ScenarioParser.parse(file, new ScenarioParser.Options(sets, OptionalLong.empty()));
        s.warnings().forEach(w -> spec.commandLine().getErr().println(w));
        spec.commandLine().getErr().flush();
        long wg = s.nodes().stream().filter(n -> n.wireguard().isPresent()).count();
        spec.commandLine().getOut().printf("%s: ok (%d nodes, %d with WireGuard, %d links, %d NATs, %d flows, %d events, %d expectations)%n",
                file, s.nodes().size(), wg, s.links().size(), s.nats().size(), s.traffic().size(), s.events().size(), s.expect().size());
        return WgsimCommand.OK;
    }
}
