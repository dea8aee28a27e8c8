package dev.wgsim.wg.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** Lookups run once per packet: they must not allocate (checked with the JVM's per-thread counter). */
class AllowedIpsAllocationTest {

    @Test
    void lookupsAllocateNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AllowedIps<String> table = new AllowedIps<>();
        for (int i = 0; i < 256; i++) {
            table.insert(IpPrefix.masked(IpAddress.v4(10, i, 0, 0), 16), "p" + i);
            table.insert(IpPrefix.masked(IpAddress.v6((0xfd00_0000L | i) << 32, 0), 32), "q" + i);
        }
        byte[] packet = new byte[40];
        packet[8] = (byte) 0xfd; // IPv6 source fd00:00ii::/32 at offset 8
        packet[12] = 10;          // IPv4 source 10.ii.x.x at offset 12
        long tid = Thread.currentThread().getId();
        int hits = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = mx.getThreadAllocatedBytes(tid);
            hits = 0;
            for (int i = 0; i < 100_000; i++) {
                packet[11] = (byte) i;
                packet[13] = (byte) i;
                if (table.lookup(packet, 12, 4) != null) {
                    hits++;
                }
                if (table.lookup(packet, 8, 16) != null) {
                    hits++;
                }
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - before;
            if (round == 1) {
                assertTrue(allocated < 1024, "200,000 lookups allocated " + allocated + " bytes");
            }
        }
        assertEquals(200_000, hits, "every lookup hits one of the 512 prefixes");
    }
}
