package dev.wgsim.scenario.sim;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.nat.Nat;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.PhysicalInterface;
import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.Scenario;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outer network of a scenario: a host per node, a NAT box per NAT, an interface on each end
 * of every link, and routes. Hosts route everything out of their active interface; NAT boxes route
 * their inside hosts' addresses inward and the rest outward; routers get a host route for every
 * public address they can reach without crossing a NAT (the scenario does not model a routing
 * protocol, so the routes are computed here and recomputed when a host roams).
 */
public final class OuterNetwork {
    final Network net;
    final Scenario scenario;
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, Link> links = new LinkedHashMap<>();
    final Map<String, Nat> nats = new LinkedHashMap<>();
    /** station -> (link name -> its interface on that link). */
    final Map<String, Map<String, PhysicalInterface>> ifaces = new HashMap<>();
    /** A host's interface that currently carries its address (default route). */
    final Map<String, PhysicalInterface> active = new HashMap<>();
    /** Public addresses per station (node addresses, NAT outside addresses). */
    final Map<String, List<IpAddress>> publicAddresses = new HashMap<>();
    /** The links as they stand: the scenario's, then those of nodes added at run time. */
    private final List<LinkSpec> linkSpecs;
    private final Set<String> natNames = new HashSet<>();
    private final Set<String> routers = new HashSet<>();
    /** The NATs each host or NAT sits behind (several for a multi-homed host). */
    private final Map<String, List<String>> natOf = new HashMap<>();
    /** How many links each station has. */
    private final Map<String, Integer> linkCounts = new HashMap<>();

    OuterNetwork(Network net, Scenario s) {
        this.net = net;
        this.scenario = s;
        this.linkSpecs = new ArrayList<>(s.links());
        for (NodeSpec n : s.nodes()) {
            hosts.put(n.name(), n.router() ? net.addRouter(n.name()) : net.addHost(n.name()));
            if (n.router()) {
                routers.add(n.name());
            }
            publicAddresses.put(n.name(), new ArrayList<>(n.addresses()));
        }
        for (NatSpec n : s.nats()) {
            hosts.put(n.name(), net.addRouter(n.name()));
            natNames.add(n.name());
            publicAddresses.put(n.name(), new ArrayList<>(n.publicAddresses()));
            n.inside().forEach(i -> natOf.computeIfAbsent(i, k -> new ArrayList<>()).add(n.name()));
        }
        for (LinkSpec l : s.links()) {
            linkCounts.merge(l.a(), 1, Integer::sum);
            linkCounts.merge(l.b(), 1, Integer::sum);
        }
        Map<String, Integer> nextAddress = new HashMap<>();
        for (LinkSpec l : s.links()) {
            connect(l, nextAddress);
        }
        for (NatSpec n : s.nats()) {
            PhysicalInterface outside = linkBetween(n.name(), n.outside());
            if (outside == null) {
                throw new ScenarioException(s.file(), 0, 0, "nats." + n.name(), "NAT '" + n.name()
                        + "' has no link to its outside '" + n.outside() + "'", "Add a link between " + n.name() + " and " + n.outside() + ".");
            }
            active.put(n.name(), outside);
            nats.put(n.name(), new Nat(net, n.name(), hosts.get(n.name()), outside, SpecToConfig.nat(n)));
            for (String in : n.inside()) {
                if (linkBetween(n.name(), in) == null) {
                    throw new ScenarioException(s.file(), 0, 0, "nats." + n.name(), "'" + in + "' is inside NAT '" + n.name()
                            + "' but no link connects them", "Add a link between " + in + " and " + n.name() + ".");
                }
            }
        }
        for (Map.Entry<String, Host> e : hosts.entrySet()) {
            String name = e.getKey();
            PhysicalInterface out = active.get(name);
            if (out != null && !routers.contains(name)) {
                e.getValue().setDefaultRoute(out);
            }
        }
        for (NatSpec n : s.nats()) {
            for (String in : n.inside()) {
                // Route the inside station's address on the link that joins it to this NAT.
                PhysicalInterface towards = linkBetween(n.name(), in);
                PhysicalInterface theirs = linkBetween(in, n.name());
                IpAddress a = natNames.contains(in) ? publicAddresses.get(in).get(0) : theirs.address();
                if (a != null) {
                    hosts.get(n.name()).addRoute(IpPrefix.host(a), towards);
                }
            }
            for (NatSpec.PortMapping pm : n.portMappings()) {
                // The node's address on the link to this NAT, as its UPnP/NAT-PMP client would register it.
                IpAddress inner = linkBetween(pm.node(), n.name()).address();
                if (inner == null) {
                    throw new ScenarioException(s.file(), 0, 0, "nats." + n.name() + ".port_mappings",
                            "'" + pm.node() + "' has no address on its link to NAT '" + n.name() + "'", "Give the node an address.");
                }
                int proto = pm.protocol().equals("tcp") ? 6 : dev.wgsim.engine.net.IpPacket.PROTO_UDP;
                Nat nat = nats.get(n.name());
                // at time 0, once the run's trace listens, so nat.mapping.created is in the event log
                net.at(0, () -> nat.addPortMapping(proto, new dev.wgsim.engine.net.Endpoint(inner, pm.port()), pm.externalPort(), pm.lease()));
            }
        }
        for (String r : routers) {
            routeRouter(r);
        }
    }

    /** An interface at each end of {@code l} and the link between them, down when the file says so. */
    private void connect(LinkSpec l, Map<String, Integer> nextAddress) {
        PhysicalInterface a = addIface(l.a(), l, nextAddress);
        PhysicalInterface b = addIface(l.b(), l, nextAddress);
        Link link = new Link(net, l.name(), a, b, SpecToConfig.link(l.aToB()), SpecToConfig.link(l.bToA()));
        if (!l.up()) {
            link.setUp(false);
        }
        links.put(l.name(), link);
    }

    private PhysicalInterface addIface(String station, LinkSpec l, Map<String, Integer> nextAddress) {
        Host h = hosts.get(station);
        List<IpAddress> addrs = natNames.contains(station) ? List.of() : publicAddresses.get(station);
        int i = nextAddress.getOrDefault(station, 0);
        IpAddress a = !routers.contains(station) && i < addrs.size() ? addrs.get(i) : null;
        if (a != null) {
            nextAddress.put(station, i + 1);
        }
        if (natNames.contains(station)) {
            NatSpec nat = scenario.nat(station).orElseThrow();
            String other = l.a().equals(station) ? l.b() : l.a();
            if (other.equals(nat.outside())) {
                a = nat.publicAddresses().get(0);
            }
        }
        PhysicalInterface iface = h.addInterface(l.name(), a == null ? null
                : new dev.wgsim.engine.net.InterfaceAddress(a, a.bitLength()));
        if (a != null && i == 0 && linkCount(station) == 1) {
            // A node on one link carries all its addresses there: an IPv4 and an IPv6 one (dual stack).
            for (int j = 1; j < addrs.size(); j++) {
                h.addAddress(iface, new dev.wgsim.engine.net.InterfaceAddress(addrs.get(j), addrs.get(j).bitLength()));
            }
            nextAddress.put(station, addrs.size());
        }
        ifaces.computeIfAbsent(station, k -> new LinkedHashMap<>()).put(l.name(), iface);
        if (!natNames.contains(station) && (a != null || !active.containsKey(station))) {
            if (a != null || active.get(station) == null) {
                active.put(station, iface);
            }
        }
        return iface;
    }

    private int linkCount(String station) {
        return linkCounts.getOrDefault(station, 0);
    }

    public Host host(String name) {
        return hosts.get(name);
    }

    public Link link(String name) {
        return links.get(name);
    }

    public Nat nat(String name) {
        return nats.get(name);
    }

    /**
     * The outer address {@code node} sends from now (its active interface's; after a roam, the new
     * one), or null for a node without one.
     */
    public IpAddress outerAddress(String node) {
        PhysicalInterface i = active.get(node);
        return i == null ? null : i.address();
    }

    /** The interface of {@code from} on a link to {@code to}, or null. */
    PhysicalInterface linkBetween(String from, String to) {
        for (LinkSpec l : linkSpecs) {
            if ((l.a().equals(from) && l.b().equals(to)) || (l.b().equals(from) && l.a().equals(to))) {
                return ifaces.get(from).get(l.name());
            }
        }
        return null;
    }

    /** The MTU of {@code node}'s side of link {@code linkName} (outbound); 1500 for a link it is not on. */
    int outboundMtu(String node, String linkName) {
        for (LinkSpec l : linkSpecs) {
            if (l.name().equals(linkName)) {
                return (l.a().equals(node) ? l.aToB() : l.bToA()).mtu();
            }
        }
        return 1500;
    }

    /** True for a router or a NAT box: a station other nodes can be attached to. */
    boolean isAttachPoint(String station) {
        return routers.contains(station) || natNames.contains(station);
    }

    /**
     * Adds host {@code n} on link {@code l} to the router or NAT at the link's other end: its
     * addresses go on its end of the link, its default route points there, and every router (or the
     * NAT, which then translates it) learns the route to it. Throws IllegalArgumentException,
     * changing nothing, when the request cannot be met.
     */
    Host addStation(NodeSpec n, LinkSpec l) {
        String name = n.name();
        if (hosts.containsKey(name)) {
            throw new IllegalArgumentException("a node or NAT named '" + name + "' already exists");
        }
        if (n.router()) {
            throw new IllegalArgumentException("node '" + name + "' is a router: only hosts can be added at run time");
        }
        if (!l.a().equals(name) && !l.b().equals(name)) {
            throw new IllegalArgumentException("link " + l.name() + " joins " + l.a() + " and " + l.b() + ", not the new node '"
                    + name + "'");
        }
        String to = l.a().equals(name) ? l.b() : l.a();
        if (!isAttachPoint(to)) {
            throw new IllegalArgumentException("link " + l.name() + ": '" + to + "' is " + (hosts.containsKey(to)
                    ? "a host" : "no node") + "; a new node attaches to a router or a NAT (routers and NATs: "
                    + String.join(", ", attachPoints()) + ")");
        }
        if (links.containsKey(l.name())) {
            throw new IllegalArgumentException("a link named '" + l.name() + "' already exists");
        }
        if (hosts.get(to).interfaces().stream().anyMatch(i -> i.name().equals(l.name()))) {
            throw new IllegalArgumentException("'" + to + "' already has an interface named '" + l.name() + "'");
        }
        for (IpAddress a : n.addresses()) {
            String holder = holderInRealm(a, natNames.contains(to) ? to : null);
            if (holder != null) {
                throw new IllegalArgumentException("node '" + name + "': address " + a + " is already " + holder + "'s");
            }
        }
        Host host = net.addHost(name);
        hosts.put(name, host);
        publicAddresses.put(name, new ArrayList<>(n.addresses()));
        linkSpecs.add(l);
        linkCounts.merge(l.a(), 1, Integer::sum);
        linkCounts.merge(l.b(), 1, Integer::sum);
        connect(l, new HashMap<>());
        PhysicalInterface mine = ifaces.get(name).get(l.name());
        host.setDefaultRoute(mine);
        if (natNames.contains(to)) {
            natOf.computeIfAbsent(name, k -> new ArrayList<>()).add(to);
            if (mine.address() != null) {
                hosts.get(to).addRoute(IpPrefix.host(mine.address()), linkBetween(to, name));
            }
        }
        for (String r : routers) {
            routeRouter(r);
        }
        return host;
    }

    /**
     * Takes host {@code name} out: its links go down (packets on them are dropped as
     * {@code link_down}) and away with the interfaces at their far ends, and every route to its
     * addresses is removed. Its sockets and applications must already be closed by the caller.
     */
    void removeStation(String name) {
        Host host = hosts.get(name);
        if (host == null) {
            throw new IllegalArgumentException("no node named '" + name + "'; nodes: " + String.join(", ", hosts.keySet()));
        }
        if (isAttachPoint(name)) {
            throw new IllegalArgumentException("'" + name + "' is a router or a NAT: only hosts can be removed at run time");
        }
        for (LinkSpec l : List.copyOf(linkSpecs)) {
            if (!l.a().equals(name) && !l.b().equals(name)) {
                continue;
            }
            String other = l.a().equals(name) ? l.b() : l.a();
            links.remove(l.name()).setUp(false);
            hosts.get(other).removeInterface(l.name());
            ifaces.get(other).remove(l.name());
            linkSpecs.remove(l);
            linkCounts.merge(other, -1, Integer::sum);
        }
        List<IpAddress> addresses = publicAddresses.remove(name);
        if (!natOf.containsKey(name)) {
            // Behind a NAT the only route to it was the box's, through the interface just removed.
            for (String r : routers) {
                addresses.forEach(a -> hosts.get(r).routes().remove(IpPrefix.host(a)));
            }
        }
        hosts.remove(name);
        ifaces.remove(name);
        active.remove(name);
        natOf.remove(name);
        linkCounts.remove(name);
        net.removeHost(name);
    }

    /**
     * Who already holds {@code a} where a new node would sit: behind {@code nat}, a node behind the
     * same NAT (private addresses repeat behind different NATs); in the open, a node in the open.
     */
    private String holderInRealm(IpAddress a, String nat) {
        for (Map.Entry<String, List<IpAddress>> e : publicAddresses.entrySet()) {
            String h = e.getKey();
            boolean sameRealm = nat == null ? !natOf.containsKey(h) : natOf.getOrDefault(h, List.of()).contains(nat);
            if (sameRealm && e.getValue().contains(a)) {
                return h;
            }
        }
        return null;
    }

    private List<String> attachPoints() {
        List<String> out = new ArrayList<>();
        for (String h : hosts.keySet()) {
            if (isAttachPoint(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /** Host routes on router {@code r} for every public address reachable through routers only. */
    private void routeRouter(String r) {
        Map<String, PhysicalInterface> firstHop = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        seen.add(r);
        queue.add(r);
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            for (LinkSpec l : linkSpecs) {
                String next = l.a().equals(cur) ? l.b() : l.b().equals(cur) ? l.a() : null;
                if (next == null || seen.contains(next)) {
                    continue;
                }
                // A multi-homed host is reachable only over the link that carries its address.
                PhysicalInterface nextActive = active.get(next);
                if (!routers.contains(next) && nextActive != null && !ifaces.get(next).get(l.name()).equals(nextActive)) {
                    continue;
                }
                // Nothing behind a NAT is reachable from outside except the NAT's own address.
                if (natOf.containsKey(next) && !natOf.get(next).contains(cur)) {
                    continue;
                }
                if (natNames.contains(cur) || (!routers.contains(cur) && !cur.equals(r))) {
                    continue;
                }
                seen.add(next);
                firstHop.put(next, cur.equals(r) ? ifaces.get(r).get(l.name()) : firstHop.get(cur));
                if (routers.contains(next)) {
                    queue.add(next);
                }
            }
        }
        Host host = hosts.get(r);
        for (Map.Entry<String, PhysicalInterface> e : firstHop.entrySet()) {
            if (natOf.containsKey(e.getKey())) {
                continue;
            }
            for (IpAddress a : publicAddresses.get(e.getKey())) {
                host.addRoute(IpPrefix.host(a), e.getValue());
            }
        }
    }

    /** Moves {@code node} to {@code newAddr} (optionally on another link) and fixes every route to it. */
    void roam(String node, IpAddress newAddr, String linkName) {
        Host h = hosts.get(node);
        PhysicalInterface from = active.get(node);
        PhysicalInterface to = linkName == null ? from : ifaces.get(node).get(linkName);
        if (to == null) {
            throw new IllegalStateException(node + " is not on link " + linkName);
        }
        List<IpAddress> pubs = publicAddresses.get(node);
        IpAddress old = from != null && from.address() != null ? from.address() : null;
        if (from != null && from != to) {
            // Leaving a network: that interface goes down (the old address stays on it, unrouted).
            from.setUp(false);
        }
        to.setUp(true);
        h.setAddress(to, new dev.wgsim.engine.net.InterfaceAddress(newAddr, newAddr.bitLength()));
        active.put(node, to);
        h.setDefaultRoute(to);
        if (old != null) {
            pubs.remove(old);
        }
        pubs.add(0, newAddr);
        for (String f : hosts.keySet()) {
            if (old != null) {
                hosts.get(f).routes().remove(IpPrefix.host(old));
            }
        }
        for (String nat : natOf.getOrDefault(node, List.of())) {
            PhysicalInterface towards = linkBetween(nat, node);
            if (towards != null && linkBetween(node, nat) == to) {
                hosts.get(nat).addRoute(IpPrefix.host(newAddr), towards);
            }
        }
        for (String r : routers) {
            routeRouter(r);
        }
    }
}
