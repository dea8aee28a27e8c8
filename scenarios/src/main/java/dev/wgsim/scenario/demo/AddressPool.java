package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.device.PeerSnapshot;
import java.util.List;

/** Where the demo finds addresses nobody uses: outer ones for roams and new peers, inner ones in wg0's subnet. */
final class AddressPool {
    /** Fresh outer addresses: RFC 2544's benchmarking block, unused by the examples. */
    private static final IpAddress OUTER_POOL = IpAddress.parse("198.18.0.1");

    private int next;

    /** The next pool address no host of {@code net} has. */
    IpAddress nextOuter(Network net) {
        while (true) {
            IpAddress a = OUTER_POOL.plus(next++);
            if (!outerInUse(net, a)) {
                return a;
            }
        }
    }

    static boolean outerInUse(Network net, IpAddress a) {
        for (Host h : net.hosts()) {
            if (h.isLocal(a)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An address in {@code subnet} that is not {@code own}, no peer sends from, and no peer's allowed
     * IPs cover (for a spoof with no other peer, or a new peer); a DemoInputException when full.
     */
    static IpAddress freeInner(IpPrefix subnet, IpAddress own, DemoPeers peers, List<PeerSnapshot> table) {
        for (long i = 2; i < Math.min(subnet.size() - 1, 65536); i++) {
            IpAddress a = subnet.address().plus(i);
            boolean used = a.equals(own) || peers.innerAddressInUse(a);
            for (PeerSnapshot s : table) {
                for (dev.wgsim.net.IpPrefix q : s.allowedIps()) {
                    used |= q.contains(a);
                }
            }
            if (!used) {
                return a;
            }
        }
        throw new DemoInputException("tunnelAddress", "no free address left in " + subnet);
    }
}
