package dev.wgsim.engine.net;

/** How packets appear in trace fields; called only when a trace sink formats an event. */
final class PacketText {
    private PacketText() {
    }

    /** "addr:port" for UDP and TCP (bracketed IPv6), the bare address otherwise. */
    static String source(IpPacket p) {
        return p.hasPorts() ? p.sourceEndpoint().toString() : p.source().toString();
    }

    static String destination(IpPacket p) {
        return p.hasPorts() ? p.destinationEndpoint().toString() : p.destination().toString();
    }

    static String protocol(IpPacket p) {
        return switch (p.protocol()) {
            case IpPacket.PROTO_UDP -> "udp";
            case IpPacket.PROTO_TCP -> "tcp";
            case IpPacket.PROTO_ICMP -> "icmp";
            case IpPacket.PROTO_ICMPV6 -> "icmpv6";
            default -> Integer.toString(p.protocol());
        };
    }
}
