package dev.wgsim.wg.routing.bench;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.routing.AllowedIps;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-packet cryptokey-routing lookups on a hub's table: {@code peers} host routes in 10.0.0.0/8
 * (IPv4) and as many /128s in fd00::/16, plus a default route, looked up from packet buffers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AllowedIpsBenchmark {

    @Param({"16", "1000", "100000"})
    int peers;

    private AllowedIps<Integer> table;
    private byte[][] v4Packets;
    private byte[][] v6Packets;
    private int i;

    @Setup
    public void setup() {
        Random r = new Random(20);
        table = new AllowedIps<>();
        table.insert(IpPrefix.parse("0.0.0.0/0"), -1);
        v4Packets = new byte[4096][];
        v6Packets = new byte[4096][];
        byte[][] v4 = new byte[peers][];
        byte[][] v6 = new byte[peers][];
        for (int p = 0; p < peers; p++) {
            v4[p] = new byte[] {10, (byte) r.nextInt(256), (byte) r.nextInt(256), (byte) r.nextInt(256)};
            v6[p] = new byte[16];
            r.nextBytes(v6[p]);
            v6[p][0] = (byte) 0xfd;
            v6[p][1] = 0;
            table.insert(IpPrefix.host(IpAddress.fromBytes(v4[p])), p);
            table.insert(IpPrefix.host(IpAddress.fromBytes(v6[p])), p);
        }
        for (int k = 0; k < 4096; k++) {
            byte[] ip4 = new byte[20];
            System.arraycopy(v4[r.nextInt(peers)], 0, ip4, 12, 4);
            v4Packets[k] = ip4;
            byte[] ip6 = new byte[40];
            System.arraycopy(v6[r.nextInt(peers)], 0, ip6, 8, 16);
            v6Packets[k] = ip6;
        }
    }

    @Benchmark
    public Integer lookupIpv4Source() {
        byte[] p = v4Packets[i++ & 4095];
        return table.lookup(p, 12, 4);
    }

    @Benchmark
    public Integer lookupIpv6Source() {
        byte[] p = v6Packets[i++ & 4095];
        return table.lookup(p, 8, 16);
    }
}
