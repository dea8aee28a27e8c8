package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    /** Naive reference: scan every route, keep the longest match (first added among equals). */
    private static NetInterface naive(List<IpPrefix> prefixes, List<NetInterface> ifaces, IpAddress dst) {
        NetInterface best = null;
        int bestLen = -1;
        for (int i = 0; i < prefixes.size(); i++) {
            if (prefixes.get(i).contains(dst) && prefixes.get(i).length() > bestLen) {
                best = ifaces.get(i);
                bestLen = prefixes.get(i).length();
            }
        }
        return best;
    }

    @Test
    void smallAndLargeTablesAgreeWithANaiveLongestPrefixMatch() {
        long seed = 4242;
        SplittableRandom r = new SplittableRandom(seed);
        for (int size : new int[] {3, 8, 9, 50, 1000}) {
            Network net = new Network(1);
            Host h = net.addHost("r");
            List<NetInterface> pool = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                pool.add(h.addInterface("eth" + i, null));
            }
            RoutingTable table = new RoutingTable();
            List<IpPrefix> prefixes = new ArrayList<>();
            List<NetInterface> ifaces = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                boolean v6 = r.nextInt(4) == 0;
                IpAddress a = v6 ? IpAddress.v6(0x20010db8_00000000L | r.nextInt(16), r.nextLong()) : IpAddress.v4(0x0a000000 | r.nextInt(1 << 16));
                int len = v6 ? new int[] {0, 32, 64, 128}[r.nextInt(4)] : new int[] {0, 8, 16, 24, 32}[r.nextInt(5)];
                IpPrefix p = IpPrefix.masked(a, len);
                NetInterface via = pool.get(r.nextInt(pool.size()));
                int existing = prefixes.indexOf(p);
                if (existing >= 0) { // the table replaces a route for the same prefix
                    prefixes.remove(existing);
                    ifaces.remove(existing);
                }
                table.add(p, via);
                prefixes.add(p);
                ifaces.add(via);
            }
            for (int q = 0; q < 2000; q++) {
                boolean v6 = r.nextInt(4) == 0;
                IpAddress dst = v6 ? IpAddress.v6(0x20010db8_00000000L | r.nextInt(16), r.nextLong()) : IpAddress.v4(0x0a000000 | r.nextInt(1 << 16));
                if (q % 3 == 0 && !prefixes.isEmpty()) {
                    dst = prefixes.get(r.nextInt(prefixes.size())).address();
                }
                assertSame(naive(prefixes, ifaces, dst), table.lookup(dst), "seed " + seed + " size " + size + " dst " + dst);
            }
        }
    }

    /** Adds and removes interleaved, crossing the small/hashed boundary both ways. */
    @Test
    void addsAndRemovesKeepAgreeingWithTheNaiveMatch() {
        SplittableRandom r = new SplittableRandom(99);
        Network net = new Network(1);
        Host h = net.addHost("r");
        List<NetInterface> pool = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pool.add(h.addInterface("eth" + i, null));
        }
        RoutingTable table = new RoutingTable();
        List<IpPrefix> prefixes = new ArrayList<>();
        List<NetInterface> ifaces = new ArrayList<>();
        int lookups = 0;
        for (int step = 0; step < 3000; step++) {
            IpAddress a = IpAddress.v4(0x0a000000 | r.nextInt(1 << 12));
            IpPrefix p = IpPrefix.masked(a, new int[] {0, 8, 20, 24, 28, 32}[r.nextInt(6)]);
            boolean grow = prefixes.size() < (step / 300 % 2 == 0 ? 20 : 4);
            if (grow || prefixes.isEmpty()) {
                int existing = prefixes.indexOf(p);
                if (existing >= 0) {
                    prefixes.remove(existing);
                    ifaces.remove(existing);
                }
                NetInterface via = pool.get(r.nextInt(pool.size()));
                table.add(p, via);
                prefixes.add(p);
                ifaces.add(via);
            } else {
                int i = r.nextInt(prefixes.size());
                org.junit.jupiter.api.Assertions.assertTrue(table.remove(prefixes.remove(i)));
                ifaces.remove(i);
            }
            org.junit.jupiter.api.Assertions.assertEquals(prefixes.size(), table.size());
            for (int q = 0; q < 20; q++) {
                IpAddress dst = IpAddress.v4(0x0a000000 | r.nextInt(1 << 12));
                assertSame(naive(prefixes, ifaces, dst), table.lookup(dst), "step " + step + " dst " + dst);
                lookups++;
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(60000, lookups);
    }
}
