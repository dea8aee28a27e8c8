package dev.wgsim.scenario.testing;

import dev.wgsim.scenario.expect.Evaluator;
import dev.wgsim.scenario.expect.ExpectationWatch;
import dev.wgsim.scenario.expect.LoggedEvent;
import dev.wgsim.scenario.expect.Outcome;
import dev.wgsim.scenario.expect.RunEvents;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.sim.Simulation;
import java.util.List;

/**
 * One finished, in-memory run of a scenario (no results folder): its events, its flow metrics and
 * the verdicts on the file's own expectations. Further expectations are written in the same
 * vocabulary as a YAML flow mapping:
 * <pre>{@code
 * ScenarioRun run = Wgsim.run(Path.of("scenarios/regression/unreachable-peer.yaml"));
 * run.assertExpectations();
 * run.expect("{count: wg.handshake.initiated, node: phone, peer: server, is: 20}");
 * }</pre>
 */
public final class ScenarioRun {
    private final ScenarioSource source;
    private final Scenario scenario;
    private final Simulation simulation;
    private final RunEvents log;
    private final List<Outcome> outcomes;
    private final long wallNanos;

    ScenarioRun(ScenarioSource source, Scenario scenario, Simulation simulation, RunEvents log, long wallNanos) {
        this.source = source;
        this.scenario = scenario;
        this.simulation = simulation;
        this.log = log;
        this.wallNanos = wallNanos;
        this.outcomes = evaluator().evaluateAll();
    }

    /** A run that kept no events: its verdicts came from {@link ExpectationWatch} as it went. */
    private ScenarioRun(ScenarioSource source, Scenario scenario, Simulation simulation, List<Outcome> outcomes, long wallNanos) {
        this.source = source;
        this.scenario = scenario;
        this.simulation = simulation;
        this.log = null;
        this.wallNanos = wallNanos;
        this.outcomes = List.copyOf(outcomes);
    }

    /** Builds, runs and evaluates the file's expectations as the run goes, keeping no event. */
    static ScenarioRun verdicts(ScenarioSource source) {
        Scenario s = source.parse();
        Simulation sim = Simulation.build(s);
        dev.wgsim.scenario.tailnet.Tailnet.attach(sim);
        ExpectationWatch watch = new ExpectationWatch(s);
        if (watch.wantsPackets()) {
            sim.network().trace().subscribe(watch);
        } else {
            sim.network().trace().subscribeProtocol(watch);
        }
        long start = System.nanoTime(); // wall time is a figure about the run, never part of its results
        sim.run(s.duration(), t -> { });
        long wall = System.nanoTime() - start;
        return new ScenarioRun(source, s, sim, watch.finish(sim.network().metrics()), wall);
    }

    /** Builds, runs to the scenario's duration and evaluates; deterministic, shares nothing with other runs. */
    static ScenarioRun execute(ScenarioSource source) {
        Scenario s = source.parse();
        Simulation sim = Simulation.build(s);
        dev.wgsim.scenario.tailnet.Tailnet.attach(sim);
        RunEvents log = new RunEvents();
        sim.network().trace().subscribe(log);
        long start = System.nanoTime(); // wall time is a figure about the run, never part of its results
        sim.run(s.duration(), t -> { });
        return new ScenarioRun(source, s, sim, log, System.nanoTime() - start);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The live simulation after the run (devices, hosts, metrics) for assertions the vocabulary lacks. */
    public Simulation simulation() {
        return simulation;
    }

    public List<LoggedEvent> events() {
        return stored().events();
    }

    public RunEvents eventLog() {
        return stored();
    }

    private RunEvents stored() {
        if (log == null) {
            throw new IllegalStateException(scenario.file() + " ran for its verdicts only (Wgsim.verdicts) and kept no"
                    + " events; run it with Wgsim.run to look at its events or check more expectations");
        }
        return log;
    }

    /** Wall-clock nanoseconds the simulation took. */
    public long wallNanos() {
        return wallNanos;
    }

    /** Verdicts on the scenario file's own {@code expect} block, in its order. */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    public boolean passed() {
        return outcomes.stream().allMatch(Outcome::passed);
    }

    /** Fails with every failed expectation of the file, each with its context. */
    public ScenarioRun assertExpectations() {
        List<Outcome> failed = outcomes.stream().filter(o -> !o.passed()).toList();
        if (!failed.isEmpty()) {
            StringBuilder sb = new StringBuilder(scenario.file()).append(": ").append(failed.size()).append(" of ")
                    .append(outcomes.size()).append(" expectations failed");
            for (Outcome o : failed) {
                sb.append("\n- ").append(o.text()).append("\n  ").append(o.details().replace("\n", "\n  "));
            }
            throw new AssertionError(sb.toString());
        }
        return this;
    }

    /** Evaluates one more expectation, written as a YAML flow mapping, without asserting. */
    public Outcome check(String expectation) {
        List<ExpectSpec> specs = source.parseWithExpectations(List.of(expectation)).expect();
        return evaluator().evaluate(specs.get(0));
    }

    /** Asserts one more expectation, written as a YAML flow mapping, e.g. {@code {count: wg.keys.zeroed, is: 2}}. */
    public ScenarioRun expect(String expectation) {
        Outcome o = check(expectation);
        if (!o.passed()) {
            throw new AssertionError(scenario.file() + ": " + o.text() + "\n" + o.details());
        }
        return this;
    }

    private Evaluator evaluator() {
        return new Evaluator(scenario, stored(), simulation.network().metrics());
    }
}
