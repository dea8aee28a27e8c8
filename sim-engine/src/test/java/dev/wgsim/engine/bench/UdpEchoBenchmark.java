package dev.wgsim.engine.bench;

import dev.wgsim.engine.app.UdpEchoServer;
import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns-3's end-to-end figure, rebuilt on plain UDP: 100 independent point-to-point pairs (5 Mbit/s,
 * 2 ms each way), each client sending a 1,024-byte request every 10 ms that the server echoes back,
 * for 60 simulated seconds: 1.2 M packets. ns-3.37 needs 8.0-8.3 s of wall time on these machines.
 * Run with {@code bench/run sim-engine UdpEchoBenchmark -f 1 -wi 1 -i 5} or as a plain main.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class UdpEchoBenchmark {
    static final int PAIRS = 100;
    static final long DURATION = 60_000_000_000L;
    static final long INTERVAL = 10_000_000L;
    static final int SIZE = 1024;

    /** Builds and runs the whole scenario; returns the number of echoes the clients received. */
    public static long simulate() {
        Network net = new Network(1);
        LinkConfig cfg = LinkConfig.builder().rateBitsPerSecond(5_000_000).delayNanos(2_000_000).build();
        long[] echoes = new long[1];
        EventLoop loop = net.loop();
        for (int i = 0; i < PAIRS; i++) {
            Host client = net.addHost("client" + i);
            Host server = net.addHost("server" + i);
            IpAddress base = IpAddress.v4((10 << 24) | (i << 8));
            PhysicalInterface ci = client.addInterface("eth0", new InterfaceAddress(IpAddress.v4(base.v4Bits() | 1), 24));
            PhysicalInterface si = server.addInterface("eth0", new InterfaceAddress(IpAddress.v4(base.v4Bits() | 2), 24));
            new Link(net, "p2p" + i, ci, si, cfg);
            new UdpEchoServer(server, 9);
            Endpoint dst = new Endpoint(si.address(), 9);
            UdpSocket socket = client.bind(49153, (now, src, d, payload) -> echoes[0]++);
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                socket.send(dst, new byte[SIZE]);
                if (loop.now() + INTERVAL < DURATION) {
                    loop.scheduleAfter(INTERVAL, tick[0]);
                }
            };
            loop.schedule(0, tick[0]);
        }
        loop.runUntil(DURATION);
        return echoes[0];
    }

    @Benchmark
    public long udpEcho100Pairs60s() {
        return simulate();
    }

    /**
     * Plain runner: prints wall and thread CPU time per run (first runs include JIT warm-up). CPU time
     * is the steadier figure on a shared machine, where wall time includes waiting for a core.
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long echoes = simulate();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
            System.out.println("run " + r + ": " + echoes + " echoes (" + 2 * echoes + " packets) in " + ms + " ms wall, "
                    + cpuMs + " ms CPU");
        }
    }
}
