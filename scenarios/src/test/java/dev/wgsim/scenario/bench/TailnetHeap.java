package dev.wgsim.scenario.bench;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.sim.WgTunnel;
import dev.wgsim.scenario.tailnet.Tailnet;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The heap a tailnet's model state takes (devices, their WireGuard peers, magicsock peers, netmaps,
 * relays), without any results listener: builds SCENARIO, runs it to SECONDS of virtual time,
 * collects garbage and prints the live heap and its share per peer relation (a device's peer). Not
 * a test; run with the test classpath:
 * <pre>
 * java -cp ... dev.wgsim.scenario.bench.TailnetHeap bench/scenarios/tailnet-1000.yaml 70
 * </pre>
 */
public final class TailnetHeap {
    private TailnetHeap() {}

    public static void main(String[] args) throws Exception {
        Scenario s = ScenarioParser.parse(Path.of(args[0]));
        long until = Long.parseLong(args[1]) * 1_000_000_000L;
        long t0 = System.nanoTime();
        Simulation sim = Simulation.build(s);
        Tailnet t = Tailnet.attach(sim).orElseThrow();
        sim.run(until, x -> { });
        long wall = System.nanoTime() - t0;
        long relations = 0;
        for (WgTunnel w : sim.tunnels().values()) {
            relations += w.device().snapshot().peers().size();
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("%s to %d s: %d devices, %d peer relations, %.1f s wall, live heap %d MB, %d bytes per relation%n",
                s.name(), until / 1_000_000_000L, t.devices().size(), relations, wall / 1e9, heap.getUsed() >> 20,
                relations == 0 ? 0 : heap.getUsed() / relations);
        if (Boolean.getBoolean("tailnet.histogram")) {
            System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()}).toString().lines().limit(40)
                    .reduce("", (a, b) -> a + b + "\n"));
        }
        sim.hashCode(); // keep the simulation reachable until measured
    }
}
