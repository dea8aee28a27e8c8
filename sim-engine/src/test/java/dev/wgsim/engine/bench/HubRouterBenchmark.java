package dev.wgsim.engine.bench;

import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.NetInterface;
import dev.wgsim.engine.net.Network;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hub router with one interface and one /32 route per spoke (issue 14): what a forwarded packet
 * costs the host (is the destination local? which route?) and what building the router costs, as
 * the number of spokes grows. Both should stay flat per packet and per spoke: compare the rows of one
 * run as ratios. {@code bench/run sim-engine HubRouterBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}
 *
 * <p>Measured 2026-12-03 on the shared 2-core machine (busy, so errors are wide): with the scan of
 * every interface and the per-add rebuild of the routing table (commit 9ef9204) a forward decision
 * cost 35 ns / 2.4 µs / 51 µs and building the hub 0.8 ms / 250 ms / 29 s for 10 / 1,000 / 10,000
 * spokes; with the hash of local addresses and the incremental table, 0.05-0.5 µs at every size and
 * 1 ms / 27-39 ms / 133-303 ms.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HubRouterBenchmark {
    @Param({"10", "1000", "10000"})
    int spokes;

    Host hub;
    IpAddress[] destinations;
    int next;

    static IpAddress spoke(int i) {
        return IpAddress.v4((100 << 24) | (64 << 16) | i + 2);
    }

    static Host build(int spokes) {
        Network net = new Network(1);
        Host hub = net.addRouter("hub");
        for (int i = 0; i < spokes; i++) {
            NetInterface iface = hub.addInterface("s" + i, new InterfaceAddress(IpAddress.v4((10 << 24) | i << 8 | 1), 24));
            hub.addRoute(IpPrefix.host(spoke(i)), iface);
        }
        return hub;
    }

    @Setup(Level.Trial)
    public void setup() {
        hub = build(spokes);
        destinations = new IpAddress[1024];
        for (int i = 0; i < destinations.length; i++) {
            destinations[i] = spoke((int) ((i * 2654435761L) % spokes));
        }
    }

    /** The host's per-packet decisions for a packet to forward: not local, then the route. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object forwardDecision() {
        IpAddress dst = destinations[next++ & 1023];
        if (hub.isLocal(dst)) {
            return null;
        }
        return hub.routes().lookup(dst);
    }

    /** Building the hub: N interfaces (unique names) and N routes. Divide by N for the per-spoke cost. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public Host buildHub() {
        return build(spokes);
    }
}
