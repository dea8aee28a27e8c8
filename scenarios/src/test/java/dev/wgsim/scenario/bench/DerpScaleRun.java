package dev.wgsim.scenario.bench;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.Host;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.scenario.tailnet.derp.DerpClient;
import dev.wgsim.scenario.tailnet.derp.DerpServer;
import dev.wgsim.wg.crypto.PublicKey;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * A scale run of one DERP region, as {@code bench/derp} starts it: N clients (default 1,000), 10 to
 * 49 ms from the relay, connect over the first 10 s and mark it home; from 15 s each sends a 100-byte
 * packet to the next client every second until 75 s; the run ends at 90 s. Prints virtual events,
 * wall and CPU time, and the relay's counters. Trace off (the events a results folder would log are
 * not formatted), so this is the model's own cost.
 * <p>{@code DerpScaleRun [N]}
 */
public final class DerpScaleRun {
    private DerpScaleRun() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long s = 1_000_000_000L;
        long wallStart = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Network net = new Network(42);
        Host inet = net.addRouter("inet");
        Host relay = net.addHost("derp1");
        Link rl = Link.connect(net, "derp1", relay, "eth0", InterfaceAddress.parse("198.51.100.10/32"),
                inet, "r", InterfaceAddress.parse("10.255.255.1/32"), delay(5), delay(5));
        relay.setDefaultRoute(rl.a());
        inet.addRoute(IpPrefix.parse("198.51.100.10/32"), rl.b());
        DerpServer server = new DerpServer(relay, 1, key(0));
        Endpoint at = Endpoint.parse("198.51.100.10:443");
        DerpClient[] clients = new DerpClient[n];
        DerpClient.Listener quiet = (c, src, p) -> { };
        for (int i = 0; i < n; i++) {
            Host h = net.addHost("n" + i);
            String addr = "100." + (64 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255);
            LinkConfig d = delay(5 + i % 40);
            Link l = Link.connect(net, "n" + i, h, "eth0", InterfaceAddress.parse(addr + "/32"),
                    inet, "p" + i, InterfaceAddress.parse("10.254." + ((i >> 8) & 255) + "." + (i & 255) + "/32"), d, d);
            h.setDefaultRoute(l.a());
            inet.addRoute(IpPrefix.parse(addr + "/32"), l.b());
            DerpClient c = new DerpClient(h, key(i + 1), at, 1, quiet);
            clients[i] = c;
            net.at(i * (10 * s / n), () -> {
                c.connect();
                c.notePreferred(true);
            });
        }
        for (int i = 0; i < n; i++) {
            DerpClient c = clients[i];
            PublicKey next = key((i + 1) % n + 1);
            for (long t = 15 * s + i * (s / n); t < 75 * s; t += s) {
                net.at(t, () -> c.send(next, new byte[100]));
            }
        }
        long built = System.nanoTime();
        net.loop().runUntil(90 * s);
        long wall = System.nanoTime() - wallStart;
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
        DerpServer.Stats st = server.stats();
        System.out.printf(Locale.ROOT, "derp clients %d: %d events, build %.2f s, run %.2f s wall, %.2f s CPU total, %.0f ns CPU/event%n",
                n, net.loop().executedCount(), (built - wallStart) / 1e9, (System.nanoTime() - built) / 1e9, cpu / 1e9,
                (double) cpu / net.loop().executedCount());
        System.out.printf(Locale.ROOT, "relay: %d packets, %d bytes forwarded, drops %s, %d connections (%d home)%n",
                st.packetsForwarded(), st.bytesForwarded(), st.drops(), st.connections(), st.homeConnections());
        System.out.printf(Locale.ROOT, "total wall %.2f s%n", wall / 1e9);
    }

    static LinkConfig delay(long ms) {
        return LinkConfig.builder().delayNanos(ms * 1_000_000L).build();
    }

    static PublicKey key(int i) {
        byte[] b = new byte[32];
        b[0] = (byte) i;
        b[1] = (byte) (i >> 8);
        b[2] = (byte) (i >> 16);
        b[31] = 1;
        return PublicKey.of(b);
    }
}
