package dev.wgsim.engine.net;

/**
 * Why the network dropped a packet ({@code packet.dropped}); wg-model's own {@code DropReason} is the
 * other vocabulary, why a WireGuard device refused a datagram ({@code wg.dropped}). Bad wire input and network conditions are counted by one of these,
 * never thrown. {@link #wireName()} is the {@code reason} string of {@code packet.dropped} trace events.
 */
public enum DropReason {
    /** Random loss on a link (Bernoulli or Gilbert-Elliott). */
    LOSS("loss"),
    /** Drop-tail: the link's transmit queue was full. */
    QUEUE_FULL("queue_full"),
    /** Larger than the link MTU (no fragmentation is modelled: IPv4 DF is set, IPv6 never fragments in flight). */
    MTU("mtu"),
    /** The link was down when the packet was offered or while it was in flight. */
    LINK_DOWN("link_down"),
    /** A NAT had a mapping for the packet but its filtering behaviour refused the remote. */
    NAT_FILTERED("nat_filtered"),
    /** A NAT had no mapping for an inbound packet (never created, expired or lost in a reboot). */
    NAT_NO_MAPPING("nat_no_mapping"),
    /** A packet from inside to the NAT's own external address while hairpinning is off. */
    NAT_NO_HAIRPIN("nat_no_hairpin"),
    /** A NAT ran out of external ports. */
    NAT_PORTS_EXHAUSTED("nat_ports_exhausted"),
    /**
     * Larger than the MTU of the tunnel interface it was routed into (wg0's MTU, 1420 by default as
     * wg-quick sets it); no fragmentation is modelled.
     */
    TUNNEL_MTU("tunnel_mtu"),
    /** The routing table had no route for the destination. */
    NO_ROUTE("no_route"),
    /** UDP to a port nobody has bound. */
    PORT_UNREACHABLE("port_unreachable"),
    /** A TCP segment for no connection and no listener (answered with a reset, as a kernel does). */
    TCP_NO_CONNECTION("tcp_no_connection"),
    /** A TCP segment its connection cannot take: outside the window, an ACK of unsent data, a stray SYN. */
    TCP_BAD_SEGMENT("tcp_bad_segment"),
    /** Addressed to another host and this host does not forward. */
    NOT_FOR_HOST("not_for_host"),
    /** TTL / hop limit reached zero while forwarding. */
    TTL_EXPIRED("ttl_expired"),
    /** The interface that should carry the packet is down or detached. */
    INTERFACE_DOWN("interface_down"),
    /** Bytes that do not parse as an IPv4/IPv6 packet (truncated, bad lengths, bad version). */
    MALFORMED("malformed"),
    /** A header or transport checksum did not verify. */
    BAD_CHECKSUM("bad_checksum"),
    /** Well-formed but outside what the model handles (fragments, IPv6 extension headers, other protocols). */
    UNSUPPORTED("unsupported");

    private final String wireName;

    DropReason(String wireName) {
        this.wireName = wireName;
    }

    /** The stable lower-case name used in event logs and metrics. */
    public String wireName() {
        return wireName;
    }
}
