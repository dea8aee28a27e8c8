package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.run.WgShowRender;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.sim.WgTunnel;
import dev.wgsim.scenario.units.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wgsim show FILE --at 30s}: every WireGuard node's {@code wg show} at a virtual time. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        description = {"Run a scenario up to a virtual time and print `wg show` of every WireGuard node then.",
                "Exit codes: 0 ok, 2 bad input."},
        footerHeading = "%nExample:%n",
        footer = {"  wgsim show scenarios/examples/cryptokey-routing.yaml --at 30s"})
final class ShowCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML file.")
    Path file;

    @Option(names = "--at", paramLabel = "TIME", description = "Virtual time, e.g. 30s (default: the scenario's end).")
    String at;

    @Option(names = "--seed", paramLabel = "N", description = "Override the scenario's seed.")
    Long seed;

    @Option(names = "--set", paramLabel = "path=value", description = "Override a value, e.g. --set links[0].loss=0.05 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Scenario s = ScenarioParser.parse(file, new ScenarioParser.Options(sets,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed)));
        long t;
        try {
            t = at == null ? s.duration() : Units.parseDuration(at);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("--at: " + e.getMessage().replace('|', '.' ).replace("..", ". "));
            return WgsimCommand.BAD_INPUT;
        }
        Simulation sim = Simulation.build(s);
        dev.wgsim.scenario.tailnet.Tailnet.attach(sim);
        sim.run(t, x -> { });
        var out = spec.commandLine().getOut();
        boolean first = true;
        for (Map.Entry<String, WgTunnel> e : sim.tunnels().entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println("# " + e.getKey() + " at t=" + Units.formatDuration(t));
            out.print(WgShowRender.pretty(s.node(e.getKey()).get().wireguard().map(w -> w.interfaceName()).orElse(dev.wgsim.scenario.tailnet.Tailnet.INTERFACE), e.getValue(),
                    sim.wallEpochUnixNanos(), t));
        }
        out.flush();
        return WgsimCommand.OK;
    }
}
