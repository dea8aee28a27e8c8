package dev.wgsim.engine.net;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One routing table of a host: the longest matching prefix wins. A default route is just
 * {@code 0.0.0.0/0} or {@code ::/0}. Small tables (most hosts) are scanned longest first; a router
 * with many routes (a hub with a /32 per spoke) looks up one hash table per distinct prefix length
 * instead, longest first, so lookup cost follows the number of lengths, not of routes. Adding or
 * removing a route is O(1) (plus O(lengths) when a length appears or disappears), so building a
 * table of N routes costs O(N). The per-length tables are made only when a table first outgrows
 * the scan (a spoke's three routes cost no hash tables: 100,000 hosts save ~1.5 KB each).
 */
public final class RoutingTable {
    private static final int SCAN_LIMIT = 8;
    private static final Comparator<Route> LONGEST_FIRST = Comparator
            .comparingInt((Route r) -> -r.prefix().length())
            .thenComparing(r -> r.prefix().isV6())
            .thenComparing(r -> r.prefix().address().toString());

    /** One route: destinations inside {@code prefix} leave through {@code iface}. */
    public record Route(IpPrefix prefix, NetInterface iface) {
    }

    /** The routes of one address family, by prefix length. */
    private static final class Family {
        @SuppressWarnings("unchecked") // generic array creation
        final Map<IpAddress, Route>[] byLength = new Map[129];
        /** Lengths that have at least one route, longest first. */
        int[] lengths = new int[0];

        void put(Route r) {
            int len = r.prefix().length();
            Map<IpAddress, Route> t = byLength[len];
            if (t == null) {
                t = new HashMap<>();
                byLength[len] = t;
            }
            if (t.isEmpty()) {
                int i = 0;
                while (i < lengths.length && lengths[i] > len) {
                    i++;
                }
                int[] next = new int[lengths.length + 1];
                System.arraycopy(lengths, 0, next, 0, i);
                next[i] = len;
                System.arraycopy(lengths, i, next, i + 1, lengths.length - i);
                lengths = next;
            }
            t.put(r.prefix().address(), r);
        }

        void remove(IpPrefix p) {
            Map<IpAddress, Route> t = byLength[p.length()];
            t.remove(p.address());
            if (t.isEmpty()) {
                int[] next = new int[lengths.length - 1];
                int j = 0;
                for (int l : lengths) {
                    if (l != p.length()) {
                        next[j++] = l;
                    }
                }
                lengths = next;
            }
        }

        Route lookup(IpAddress destination) {
            int[] l = lengths;
            for (int i = 0; i < l.length; i++) {
                Route hit = byLength[l[i]].get(IpPrefix.mask(destination, l[i]));
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }
    }

    private final Map<IpPrefix, Route> byPrefix = new HashMap<>();
    /** By length, per family; null while the table is small enough to scan. */
    private Family v4;
    private Family v6;
    /** Every route longest first while the table is small; null once it is not. */
    private Route[] small = new Route[0];

    /** Adds a route; a route for the same prefix is replaced. */
    public void add(IpPrefix prefix, NetInterface iface) {
        if (prefix == null || iface == null) {
            throw new IllegalArgumentException("route needs a prefix and an interface");
        }
        Route r = new Route(prefix, iface);
        byPrefix.put(prefix, r);
        if (v4 != null) {
            (prefix.isV6() ? v6 : v4).put(r);
        }
        resetSmall();
    }

    /** Removes the route for exactly {@code prefix}; returns whether there was one. */
    public boolean remove(IpPrefix prefix) {
        if (byPrefix.remove(prefix) == null) {
            return false;
        }
        if (v4 != null) {
            (prefix.isV6() ? v6 : v4).remove(prefix);
        }
        resetSmall();
        return true;
    }

    private void resetSmall() {
        if (byPrefix.size() > SCAN_LIMIT) {
            if (v4 == null) {
                // Outgrew the scan: the per-length tables from now on (kept if it shrinks again).
                v4 = new Family();
                v6 = new Family();
                for (Route r : byPrefix.values()) {
                    (r.prefix().isV6() ? v6 : v4).put(r);
                }
            }
            small = null;
            return;
        }
        Route[] s = byPrefix.values().toArray(new Route[0]);
        Arrays.sort(s, LONGEST_FIRST);
        small = s;
    }

    /** Removes every route through {@code iface}. */
    void removeAll(NetInterface iface) {
        for (Route r : new ArrayList<>(byPrefix.values())) {
            if (r.iface() == iface) {
                remove(r.prefix());
            }
        }
    }

    /** The interface of the longest matching prefix, or null when nothing matches. */
    public NetInterface lookup(IpAddress destination) {
        Route r = lookupRoute(destination);
        return r == null ? null : r.iface();
    }

    /** The longest matching route, or null when nothing matches. */
    public Route lookupRoute(IpAddress destination) {
        Route[] s = small;
        if (s != null) {
            for (Route r : s) {
                if (r.prefix().contains(destination)) {
                    return r;
                }
            }
            return null;
        }
        return (destination.isV6() ? v6 : v4).lookup(destination);
    }

    /** The interface of the route for exactly {@code prefix}, or null. */
    public NetInterface get(IpPrefix prefix) {
        Route r = byPrefix.get(prefix);
        return r == null ? null : r.iface();
    }

    /** The number of routes. */
    public int size() {
        return byPrefix.size();
    }

    /** The routes, longest prefix first. */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>(byPrefix.values());
        out.sort(LONGEST_FIRST);
        return List.copyOf(out);
    }
}
