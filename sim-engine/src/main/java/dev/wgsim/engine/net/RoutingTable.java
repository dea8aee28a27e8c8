package dev.wgsim.engine.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A host's routes: longest matching prefix wins; among equal lengths the route added first wins.
 * A default route is just {@code 0.0.0.0/0} or {@code ::/0}. Tables are small (a handful of routes
 * per host), so a sorted array scan beats a trie here.
 */
public final class RoutingTable {
    /** One route: destinations inside {@code prefix} leave through {@code iface}. */
    public record Route(IpPrefix prefix, NetInterface iface) {
    }

    private Route[] routes = new Route[0];

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
    }

    /** Removes the route for exactly {@code prefix}; returns whether there was one. */
    public boolean remove(IpPrefix prefix) {
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].prefix().equals(prefix)) {
                Route[] next = new Route[routes.length - 1];
                System.arraycopy(routes, 0, next, 0, i);
                System.arraycopy(routes, i + 1, next, i, routes.length - i - 1);
                routes = next;
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
