package dev.wgsim.engine.net;

import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.metrics.MetricsRecorder;
import dev.wgsim.engine.random.RandomStreams;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.engine.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated network: the event loop, named random streams, the trace bus and the metric
 * recorders it shares with everything in it, plus its hosts and flows. Nothing is static, so two
 * networks in one JVM never interfere. Links and NATs are built by {@code dev.wgsim.engine.link.Link}
 * and {@code dev.wgsim.engine.nat.Nat} from a network and its hosts.
 */
public final class Network {
    private final EventLoop loop;
    private final RandomStreams random;
    private final Trace trace;
    private final MetricsRecorder metrics;
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final long[] dropCounts = new long[DropReason.values().length];
    private final List<String> flowNames = new ArrayList<>();
    /** Name -> index in flowNames: a hub of 100,000 spokes registers 100,000 flows at build. */
    private final Map<String, Integer> flowIds = new HashMap<>();
    private final List<FlowMetrics> flowMetrics = new ArrayList<>();

    /** A network with its own event loop starting at 0, streams from {@code seed}, a trace and 1 s metric bins. */
    public Network(long seed) {
        this(new EventLoop(), new RandomStreams(seed), new Trace(), new MetricsRecorder());
    }

    public Network(EventLoop loop, RandomStreams random, Trace trace, MetricsRecorder metrics) {
        if (loop == null || random == null || trace == null || metrics == null) {
            throw new IllegalArgumentException("loop, random, trace and metrics are required");
        }
        this.loop = loop;
        this.random = random;
        this.trace = trace;
        this.metrics = metrics;
    }

    public EventLoop loop() {
        return loop;
    }

    public long now() {
        return loop.now();
    }

    public RandomStreams random() {
        return random;
    }

    public Trace trace() {
        return trace;
    }

    public MetricsRecorder metrics() {
        return metrics;
    }

    /** Creates a host; names are unique. */
    public Host addHost(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("host name is empty");
        }
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("duplicate host name " + name);
        }
        Host h = new Host(this, name);
        hosts.put(name, h);
        return h;
    }

    /** Creates a forwarding host (a router). */
    public Host addRouter(String name) {
        Host h = addHost(name);
        h.setForwarding(true);
        return h;
    }

    /**
     * Takes a host out of the network now: it is no longer listed or found by name, and the name may
     * be used again. Whoever wired it (links, routes on other hosts, timers of its applications)
     * unwires it; packets still addressed to it are dropped where no route leads any more.
     */
    public void removeHost(String name) {
        if (hosts.remove(name) == null) {
            throw new IllegalArgumentException("no host named " + name + "; hosts: " + hosts.keySet());
        }
    }

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host named " + name + "; hosts: " + hosts.keySet());
        }
        return h;
    }

    public List<Host> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Runs {@code action} at virtual time {@code atNanos} (scheduled dynamics: roam, link down, NAT reboot...). */
    public long at(long atNanos, Runnable action) {
        return loop.schedule(atNanos, action);
    }

    /**
     * Counts a drop by reason and traces it when someone listens. Binned drop metrics come from the
     * trace ({@code metrics.TraceMetricsListener} on {@code packet.dropped}), so they are not recorded
     * here twice.
     */
    public void drop(String where, boolean atLink, DropReason reason, IpPacket packet) {
        dropCounts[reason.ordinal()]++;
        if (trace.active()) {
            trace.emit(new PacketDropped(loop.now(), where, atLink, reason, packet));
        }
    }

    /** Packets dropped so far for {@code reason}, anywhere in the network. */
    public long drops(DropReason reason) {
        return dropCounts[reason.ordinal()];
    }

    /**
     * The numeric id of flow {@code name} (created on first use) as carried in application headers,
     * so a sink can attribute a datagram to its flow without any string on the wire.
     */
    public int flowId(String name) {
        Integer known = flowIds.get(name);
        if (known != null) {
            return known;
        }
        flowIds.put(name, flowNames.size());
        flowNames.add(name);
        flowMetrics.add(metrics.flow(name));
        return flowNames.size() - 1;
    }

    /** The flow name for an id, or null for an unknown id (e.g. a corrupted header). */
    public String flowName(int id) {
        return id >= 0 && id < flowNames.size() ? flowNames.get(id) : null;
    }

    /** The metrics recorder of a flow id, or null for an unknown id. */
    public FlowMetrics flowMetrics(int id) {
        return id >= 0 && id < flowMetrics.size() ? flowMetrics.get(id) : null;
    }
}
