package dev.wgsim.reports.results;

import java.util.List;

/** summary.json topology: hosts, links and NATs, enough to draw the network. */
public record Topology(List<Node> nodes, List<Link> links, List<Nat> nats) {

    public Topology {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
        nats = List.copyOf(nats);
    }

    /**
     * A host; {@code wireguard} is null for hosts without a WireGuard interface; {@code router}
     * marks a forwarding node (the internet core) rather than an end host. {@code count} above 1:
     * the entry stands for that many copies of one {@code count:} entry of a large scenario (named
     * as written, e.g. {@code spoke-{i}}; addresses and interface are its first copy's).
     */
    public record Node(String name, List<String> addresses, WireGuard wireguard, boolean router, long count) {
        public Node {
            addresses = List.copyOf(addresses);
        }

        public Node(String name, List<String> addresses, WireGuard wireguard, boolean router) {
            this(name, addresses, wireguard, router, 1);
        }
    }

    /** How many hosts the network has, counting every copy a grouped entry stands for. */
    public long hostCount() {
        return nodes.stream().mapToLong(Node::count).sum();
    }

    /**
     * A node's WireGuard interface.
     *
     * @param peers scenario node names of its peers (optional in the format; empty when absent)
     */
    public record WireGuard(String iface, String address, long listenPort, String publicKey, List<String> peers) {
        public WireGuard {
            peers = List.copyOf(peers);
        }
    }

    /** A link between two named things (hosts, NATs, or routers that are neither). */
    public record Link(String name, String a, String b) {}

    /** A NAT box between its inside hosts and its outside; {@code count} above 1 as for {@link Node}. */
    public record Nat(String name, List<String> inside, String outside, String mapping, String filtering, long count) {
        public Nat {
            inside = List.copyOf(inside);
        }

        public Nat(String name, List<String> inside, String outside, String mapping, String filtering) {
            this(name, inside, outside, mapping, filtering, 1);
        }
    }
}
