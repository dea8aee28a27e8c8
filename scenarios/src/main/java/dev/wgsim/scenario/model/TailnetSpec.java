package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * A tailnet: a coordination server, DERP relay regions and devices behind NATs, all on one
 * internet core router the parser generates together with their nodes, NATs and links (so events,
 * captures and expectations can name them like any other).
 *
 * @param core     the generated internet router every server and device uplink joins
 * @param control  the coordination server
 * @param relays   DERP regions, each one server that also answers STUN
 * @param devices  tailnet devices, in file order (matrix pairs included)
 * @param pairs    the matrix helper's device pairs (empty without {@code matrix:})
 */
public record TailnetSpec(String core, Control control, List<Relay> relays, List<Device> devices, List<Pair> pairs) {
    /** Device NAT kinds: {@code none} is a public address, the rest are NatConfig presets. */
    public static final List<String> NAT_KINDS = List.of("none", "one2one", "easy", "easyaf", "hard");

    public TailnetSpec {
        relays = List.copyOf(relays);
        devices = List.copyOf(devices);
        pairs = List.copyOf(pairs);
    }

    /**
     * The coordination server: a node on the core with an access delay; the map batching delay and
     * the node key lifetime ({@code keyExpiry} 0 = never, Headscale's default).
     */
    public record Control(String node, IpAddress address, long delay, long batch, long keyExpiry) {}

    /** A DERP region: its id, server node and address, and the one-way delay between core and server. */
    public record Relay(String name, int region, IpAddress address, long delay) {}

    /**
     * A device: its NAT ({@link #NAT_KINDS}), an optional carrier NAT in front (stacked CGNAT, a
     * preset or null), NAT-PMP port mapping on its own NAT, its access delay, home DERP region
     * (0 = the lowest-latency one) and when it joins. {@code lan} is its address, {@code nat} and
     * {@code cgnat} the generated NAT names (null when absent), {@code uplink} the link to its NAT
     * or to the core, {@code altLan} its address on an optional second network (null without one).
     */
    public record Device(String name, String natKind, String cgnatKind, boolean portMapping, long delay, int home, long join,
                         IpAddress lan, String nat, String cgnat, String uplink, IpAddress tailnetV4, IpAddress tailnetV6,
                         IpAddress altLan) {
        public Optional<String> natName() {
            return Optional.ofNullable(nat);
        }

        /** The device with a second network (link {@code NAME-alt-lan}) where its address is {@code a}. */
        public Device withAltLan(IpAddress a) {
            return new Device(name, natKind, cgnatKind, portMapping, delay, home, join, lan, nat, cgnat, uplink, tailnetV4,
                    tailnetV6, a);
        }
    }

    /** One matrix pair: two devices and their NAT kinds. */
    public record Pair(String a, String b, String natA, String natB) {}
}
