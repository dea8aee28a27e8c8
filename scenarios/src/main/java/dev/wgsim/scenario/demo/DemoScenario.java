package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.WireGuardSpec;
import java.util.List;
import java.util.Optional;

/**
 * A scenario reshaped for the demo: {@code runnable} is the file's network without its traffic,
 * events and expectations (the clock moves only when the user acts); the interface on show is that
 * of the WireGuard node with most peers. The file's own events still inform the Roam button.
 *
 * @param original the scenario as read from its file
 * @param runnable what the demo builds
 * @param wgNode   the node whose interface the page shows
 * @param wgSpec   that interface
 */
record DemoScenario(Scenario original, Scenario runnable, String wgNode, WireGuardSpec wgSpec) {

    static DemoScenario of(Scenario s) {
        Scenario runnable = new Scenario(s.name(), s.description(), s.file(), s.seed(), s.duration(), s.epoch(),
                s.metricsBin(), s.nodes(), s.links(), s.nats(), List.of(), List.of(), s.capture(), List.of());
        NodeSpec best = null;
        for (NodeSpec n : s.nodes()) {
            if (n.wireguard().isPresent() && (best == null
                    || n.wireguard().get().peers().size() > best.wireguard().get().peers().size())) {
                best = n;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("scenario " + s.name() + " has no WireGuard node to show");
        }
        return new DemoScenario(s, runnable, best.name(), best.wireguard().get());
    }

    /** The inner address {@code node}'s interface sends from (its first), or null. */
    IpAddress innerAddressOf(String node) {
        WireGuardSpec w = original.node(node).flatMap(NodeSpec::wireguard).orElse(null);
        return w == null || w.addresses().isEmpty() ? null : w.addresses().get(0).address();
    }

    /** wg0's own inner address; a DemoInputException when the interface has none. */
    IpAddress wgAddress() {
        if (wgSpec.addresses().isEmpty()) {
            throw new DemoInputException("peer", wgSpec.interfaceName() + " has no address in this scenario");
        }
        return wgSpec.addresses().get(0).address();
    }

    /** The file's first roam of {@code node}, if it has one (the Roam button replays it). */
    Optional<EventSpec.Roam> scriptedRoam(String node) {
        for (EventSpec e : original.events()) {
            if (e instanceof EventSpec.Roam r && r.node().equals(node)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The first link {@code node} is on, if any. */
    Optional<String> firstLinkOf(String node) {
        for (LinkSpec l : original.links()) {
            if (l.a().equals(node) || l.b().equals(node)) {
                return Optional.of(l.name());
            }
        }
        return Optional.empty();
    }

    /** The router at the other end of the node's first link to one (where added peers are plugged in). */
    String routerOf(String node) {
        for (LinkSpec l : original.links()) {
            String other = l.a().equals(node) ? l.b() : l.b().equals(node) ? l.a() : null;
            if (other != null && original.node(other).map(NodeSpec::router).orElse(false)) {
                return other;
            }
        }
        throw new DemoInputException("peer", node + " is not linked to a router, so a new peer has nowhere to plug in");
    }
}
