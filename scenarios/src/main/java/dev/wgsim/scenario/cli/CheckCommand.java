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
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Validate a scenario without running it, its sweep: block (every point) included: every error as"
                + " file:line:col: field: reason. fix.",
                "Exit codes: 0 valid, 2 bad input."},
        footerHeading = "%nExamples:%n",
        footer = {"  wgsim check scenarios/examples/roaming-phone.yaml",
                "  wgsim check scenarios/examples/lossy-link.yaml --set links[one-inet].loss=0.02"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file.")
    Path file;

    @Option(names = "--set", paramLabel = "path=value",
            description = "Check with a value overridden, e.g. --set scenario.duration=10s (repeatable).")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Scenario s = ScenarioParser.parse(file, new ScenarioParser.Options(sets, OptionalLong.empty()));
        s.warnings().forEach(w -> spec.commandLine().getErr().println(w));
        spec.commandLine().getErr().flush();
        long wg = s.nodes().stream().filter(n -> n.wireguard().isPresent()).count();
        spec.commandLine().getOut().printf("%s: ok (%d nodes, %d with WireGuard, %d links, %d NATs, %d flows, %d events, %d expectations)%n",
                file, s.nodes().size(), wg, s.links().size(), s.nats().size(), s.traffic().size(), s.events().size(), s.expect().size());
        var sweep = dev.wgsim.scenario.sweep.SweepParser.parse(file, sets);
        if (sweep.isPresent()) {
            var plan = dev.wgsim.scenario.sweep.SweepPlan.of(file, sets);
            plan.check(); // every point's values, located at the sweep parameter that gave them
            spec.commandLine().getOut().printf("%s: sweep ok (%d points x %d replications = %d runs, master seed %d)%n", file,
                    plan.points().size(), plan.spec().replications(), plan.runCount(), plan.spec().masterSeed());
        }
        return WgsimCommand.OK;
    }
}
