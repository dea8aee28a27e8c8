package dev.wgsim.engine.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's routes: the longest matching prefix wins. A default route is just {@code 0.0.0.0/0} or
 * {@code ::/0}. Small tables (most hosts) are scanned in prefix-length order; a router with many
 * routes (a hub with a /32 per spoke) looks up one hash table per distinct prefix length instead,
 * longest first, so lookup cost follows the number of lengths, not of routes.
 */
public final class RoutingTable {
    private static final int SCAN_LIMIT = 8;

    /** One route: destinations inside {@code prefix} leave through {@code iface}. */
    public record Route(IpPrefix prefix, NetInterface iface) {
    }

    private Route[] routes = new Route[0];
    /** Per family, distinct prefix lengths (longest first) and their exact-match tables; built on change. */
    private int[][] lengths = {new int[0], new int[0]};
    private List<Map<IpAddress, NetInterface>>[] tables = newTables();

    @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
    private static List<Map<IpAddress, NetInterface>>[] newTables() {
        return new List[] {new ArrayList<>(), new ArrayList<>()};
    }

    private void reindex() {
        if (routes.length <= SCAN_LIMIT) {
            return;
        }
        List<Map<IpAddress, NetInterface>>[] t = newTables();
        int[][] lens = {new int[0], new int[0]};
        for (Route r : routes) { // longest first, so the first route of each length starts its table
            int f = r.prefix().isV6() ? 1 : 0;
            int[] l = lens[f];
            if (l.length == 0 || l[l.length - 1] != r.prefix().length()) {
                lens[f] = Arrays.copyOf(l, l.length + 1);
                lens[f][l.length] = r.prefix().length();
                t[f].add(new HashMap<>());
            }
            t[f].get(t[f].size() - 1).putIfAbsent(r.prefix().address(), r.iface());
        }
        lengths = lens;
        tables = t;
    }

    /** Adds a route; a route for the same prefix is replaced. */
    public void add(IpPrefix prefix, NetInterface iface) {
        if (prefix == null || iface == null) {
            throw new IllegalArgumentException("route needs a prefix and an interface");
        }
        remove(prefix);
        Route[] next = Arrays.copyOf(routes, routes.length + 1);
        int i = next.length - 1;
        while (i > 0 && next[i - 1].prefix().length() < prefix.length()) {
            next[i] = next[i - 1];
            i--;
        }
        next[i] = new Route(prefix, iface);
        routes = next;
        reindex();
    }

    /** Removes the route for exactly {@code prefix}; returns whether there was one. */
    public boolean remove(IpPrefix prefix) {
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].prefix().equals(prefix)) {
                Route[] next = new Route[routes.length - 1];
                System.arraycopy(routes, 0, next, 0, i);
                System.arraycopy(routes, i + 1, next, i, routes.length - i - 1);
                routes = next;
                reindex();
                return true;
            }
        }
        return false;
    }

    /** Removes every route through {@code iface}. */
    void removeAll(NetInterface iface) {
        for (Route r : List.copyOf(Arrays.asList(routes))) {
            if (r.iface() == iface) {
                remove(r.prefix());
            }
        }
    }

    /** The interface of the longest matching prefix, or null when nothing matches. */
    public NetInterface lookup(IpAddress destination) {
        if (routes.length > SCAN_LIMIT) {
            int f = destination.isV6() ? 1 : 0;
            int[] l = lengths[f];
            List<Map<IpAddress, NetInterface>> t = tables[f];
            for (int i = 0; i < l.length; i++) {
                NetInterface hit = t.get(i).get(IpPrefix.mask(destination, l[i]));
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }
        for (Route r : routes) {
            if (r.prefix().contains(destination)) {
                return r.iface();
            }
        }
        return null;
    }

    /** The routes, longest prefix first. */
    public List<Route> routes() {
        return List.copyOf(new ArrayList<>(Arrays.asList(routes)));
    }
}
