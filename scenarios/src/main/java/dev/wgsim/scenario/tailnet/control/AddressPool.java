package dev.wgsim.scenario.tailnet.control;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.List;

/**
 * Sequential tailnet addresses, as Headscale's sequential allocator hands them out: IPv4 from
 * 100.64.0.0/10 (skipping the prefix's own address and 100.100.100.100, Tailscale's quad-100 DNS
 * address) and IPv6 from fd7a:115c:a1e0::/48, the n-th node getting the n-th of each.
 */
public final class AddressPool {
    public static final IpPrefix V4 = IpPrefix.parse("100.64.0.0/10");
    public static final IpPrefix V6 = IpPrefix.parse("fd7a:115c:a1e0::/48");
    private static final IpAddress QUAD_100 = IpAddress.parse("100.100.100.100");

    private IpAddress nextV4 = V4.address().plus(1);
    private IpAddress nextV6 = V6.address().plus(1);
    private final java.util.Set<IpAddress> excluded = new java.util.HashSet<>();

    /** Never hands out {@code a} (it is reserved for a named node). */
    public void exclude(IpAddress a) {
        excluded.add(a);
    }

    /** The next pair: a /32 and a /128. */
    public List<IpPrefix> allocate() {
        while (nextV4.equals(QUAD_100) || excluded.contains(nextV4)) {
            nextV4 = nextV4.plus(1);
        }
        while (excluded.contains(nextV6)) {
            nextV6 = nextV6.plus(1);
        }
        if (!V4.contains(nextV4)) {
            throw new IllegalStateException("the tailnet's IPv4 range 100.64.0.0/10 is exhausted");
        }
        List<IpPrefix> a = List.of(IpPrefix.host(nextV4), IpPrefix.host(nextV6));
        nextV4 = nextV4.plus(1);
        nextV6 = nextV6.plus(1);
        return a;
    }
}
