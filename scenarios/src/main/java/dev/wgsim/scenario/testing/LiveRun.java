package dev.wgsim.scenario.testing;

import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.scenario.expect.RunEvents;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.sim.Simulation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * A scenario run that a test steps through: run to a virtual time, look at or record packets,
 * inject a packet (a spoofed or replayed datagram, from any host, with any source address), and
 * finish into a {@link ScenarioRun} to check expectations. For what the YAML language cannot say.
 */
public final class LiveRun {
    private final ScenarioSource source;
    private final Scenario scenario;
    private final Simulation simulation;
    private final RunEvents log = new RunEvents();
    private final long wallStart;

    private LiveRun(ScenarioSource source) {
        this.source = source;
        this.scenario = source.parse();
        this.simulation = Simulation.build(scenario);
        dev.wgsim.scenario.tailnet.Tailnet.attach(this.simulation);
        simulation.network().trace().subscribe(log);
        this.wallStart = System.nanoTime(); // a figure about the run, never part of its results
    }

    static LiveRun start(ScenarioSource source) {
        return new LiveRun(source);
    }

    public Simulation simulation() {
        return simulation;
    }

    public long now() {
        return simulation.network().now();
    }

    /** Runs until virtual time {@code nanos} (at most the scenario's duration). */
    public LiveRun runUntil(long nanos) {
        if (nanos < now() || nanos > scenario.duration()) {
            throw new IllegalArgumentException("cannot run to " + nanos + " ns: now " + now() + ", end " + scenario.duration());
        }
        simulation.run(nanos, t -> { });
        return this;
    }

    /**
     * Records, from now on, the packets crossing {@code node}'s physical interfaces that
     * {@code which} accepts (copies, in order); the list fills as the run goes on.
     */
    public List<IpPacket> record(String node, Predicate<IpPacket> which) {
        List<IpPacket> out = Collections.synchronizedList(new ArrayList<>());
        host(node).addObserver((t, p) -> {
            if (which.test(p)) {
                out.add(p.copy());
            }
        });
        return out;
    }

    /** Sends {@code packet} from {@code node} now, source address as given (spoofing allowed). */
    public LiveRun inject(String node, IpPacket packet) {
        host(node).send(packet);
        return this;
    }

    /** Runs to the end and evaluates the file's expectations. */
    public ScenarioRun finish() {
        runUntil(scenario.duration());
        return new ScenarioRun(source, scenario, simulation, log, System.nanoTime() - wallStart);
    }

    private Host host(String node) {
        if (scenario.node(node).isEmpty()) {
            throw new IllegalArgumentException("no node named '" + node + "' in " + scenario.file());
        }
        return simulation.outerNetwork().host(node);
    }
}
