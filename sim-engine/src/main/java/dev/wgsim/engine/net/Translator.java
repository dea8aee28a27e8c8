package dev.wgsim.engine.net;

/**
 * A network address translator installed on a forwarding host's outside interface (the NAT package
 * implements it). The host calls it at the points Linux's netfilter would: inbound packets to the
 * outside address before routing, outbound packets leaving through the outside interface after
 * routing, and hairpin packets from inside to the outside address. Each method returns the rewritten
 * packet, the same packet to deliver it to the host itself, or null when it dropped the packet
 * (having counted the drop).
 */
public interface Translator {
    /** The interface whose address is the public side. */
    NetInterface outside();

    IpPacket inbound(long nowNanos, IpPacket packet);

    IpPacket outbound(long nowNanos, IpPacket packet);

    IpPacket hairpin(long nowNanos, IpPacket packet);
}
