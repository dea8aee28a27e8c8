package dev.wgsim.wg.live;

import java.util.Arrays;

/**
 * ICMP echo request/reply packets over IPv4 (RFC 792) and IPv6 (ICMPv6, RFC 4443) with correct
 * checksums: the inner packets the live driver sends through the tunnel (a real kernel behind
 * wireguard-go answers, and accepts replies, only when they are well formed). wg-model cannot use
 * sim-engine's packet codec, so this is a minimal one of its own. {@link Echo#type()} is
 * {@link #ECHO_REQUEST} or {@link #ECHO_REPLY} for both families (ICMPv6 128/129 are mapped).
 */
public final class IcmpEcho {

    public static final int ECHO_REPLY = 0;
    public static final int ECHO_REQUEST = 8;
    private static final int IP_HEADER = 20;
    private static final int ICMP_HEADER = 8;
    private static final int PROTO_ICMP = 1;
    private static final int IP6_HEADER = 40;
    private static final int NEXT_ICMPV6 = 58;
    private static final int V6_ECHO_REQUEST = 128;
    private static final int V6_ECHO_REPLY = 129;

    /** A parsed echo: addresses, ICMP type, identifier, sequence number and payload. */
    public record Echo(byte[] source, byte[] destination, int type, int identifier, int sequence, byte[] payload) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Echo e && Arrays.equals(source, e.source) && Arrays.equals(destination, e.destination)
                    && type == e.type && identifier == e.identifier && sequence == e.sequence
                    && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload) * 31 + sequence;
        }

        @Override
        public String toString() {
            return "Echo[type=" + type + ", id=" + identifier + ", seq=" + sequence + ", payload=" + payload.length + " B]";
        }
    }

    private IcmpEcho() {
    }

    /** An echo request from {@code source} to {@code destination} (both 4 or both 16 bytes). */
    public static byte[] request(byte[] source, byte[] destination, int identifier, int sequence, byte[] payload) {
        return build(source, destination, ECHO_REQUEST, identifier, sequence, payload, 64);
    }

    /** The reply a host would send to {@code request} (addresses swapped, same id, seq and payload). */
    public static byte[] replyTo(Echo request) {
        return build(request.destination(), request.source(), ECHO_REPLY, request.identifier(), request.sequence(),
                request.payload(), 64);
    }

    private static byte[] build(byte[] src, byte[] dst, int type, int id, int seq, byte[] payload, int ttl) {
        if (src.length == 16 && dst.length == 16) {
            return build6(src, dst, type == ECHO_REQUEST ? V6_ECHO_REQUEST : V6_ECHO_REPLY, id, seq, payload, ttl);
        }
        if (src.length != 4 || dst.length != 4) {
            throw new IllegalArgumentException("addresses must be both IPv4 (4 bytes) or both IPv6 (16 bytes)");
        }
        int total = IP_HEADER + ICMP_HEADER + payload.length;
        if (total > 65535) {
            throw new IllegalArgumentException("payload too large: " + payload.length);
        }
        byte[] p = new byte[total];
        p[0] = 0x45;
        p[2] = (byte) (total >>> 8);
        p[3] = (byte) total;
        p[4] = (byte) (seq >>> 8); // identification: any value; the sequence keeps them distinct
        p[5] = (byte) seq;
        p[8] = (byte) ttl;
        p[9] = PROTO_ICMP;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        putChecksum(p, 10, checksum(p, 0, IP_HEADER));
        putEcho(p, IP_HEADER, type, id, seq, payload);
        putChecksum(p, IP_HEADER + 2, checksum(p, IP_HEADER, ICMP_HEADER + payload.length));
        return p;
    }

    private static byte[] build6(byte[] src, byte[] dst, int type, int id, int seq, byte[] payload, int hopLimit) {
        int icmpLength = ICMP_HEADER + payload.length;
        if (icmpLength > 65535) {
            throw new IllegalArgumentException("payload too large: " + payload.length);
        }
        byte[] p = new byte[IP6_HEADER + icmpLength];
        p[0] = 0x60;
        p[4] = (byte) (icmpLength >>> 8);
        p[5] = (byte) icmpLength;
        p[6] = NEXT_ICMPV6;
        p[7] = (byte) hopLimit;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        putEcho(p, IP6_HEADER, type, id, seq, payload);
        putChecksum(p, IP6_HEADER + 2, checksum6(p, icmpLength));
        return p;
    }

    /** The echo message at {@code i}, checksum left zero: type, code 0, identifier, sequence, payload. */
    private static void putEcho(byte[] p, int i, int type, int id, int seq, byte[] payload) {
        p[i] = (byte) type;
        p[i + 4] = (byte) (id >>> 8);
        p[i + 5] = (byte) id;
        p[i + 6] = (byte) (seq >>> 8);
        p[i + 7] = (byte) seq;
        System.arraycopy(payload, 0, p, i + ICMP_HEADER, payload.length);
    }

    /** The ICMPv6 checksum: over the pseudo-header (RFC 8200 §8.1) and the ICMPv6 message. */
    private static int checksum6(byte[] p, int icmpLength) {
        byte[] b = new byte[40 + icmpLength];
        System.arraycopy(p, 8, b, 0, 32); // source, destination
        b[32] = (byte) (icmpLength >>> 24);
        b[33] = (byte) (icmpLength >>> 16);
        b[34] = (byte) (icmpLength >>> 8);
        b[35] = (byte) icmpLength;
        b[39] = NEXT_ICMPV6;
        System.arraycopy(p, IP6_HEADER, b, 40, icmpLength);
        return checksum(b, 0, b.length);
    }

    private static Echo parse6(byte[] p) {
        if (p.length < IP6_HEADER + ICMP_HEADER || (p[6] & 0xff) != NEXT_ICMPV6) {
            return null; // extension headers are not followed: echoes do not carry them
        }
        int icmpLength = ((p[4] & 0xff) << 8) | (p[5] & 0xff);
        if (icmpLength < ICMP_HEADER || IP6_HEADER + icmpLength > p.length || checksum6(p, icmpLength) != 0) {
            return null;
        }
        int v6type = p[IP6_HEADER] & 0xff;
        if ((v6type != V6_ECHO_REQUEST && v6type != V6_ECHO_REPLY) || p[IP6_HEADER + 1] != 0) {
            return null;
        }
        int i = IP6_HEADER;
        int id = ((p[i + 4] & 0xff) << 8) | (p[i + 5] & 0xff);
        int seq = ((p[i + 6] & 0xff) << 8) | (p[i + 7] & 0xff);
        return new Echo(Arrays.copyOfRange(p, 8, 24), Arrays.copyOfRange(p, 24, 40),
                v6type == V6_ECHO_REQUEST ? ECHO_REQUEST : ECHO_REPLY, id, seq,
                Arrays.copyOfRange(p, i + ICMP_HEADER, IP6_HEADER + icmpLength));
    }

    /**
     * Parses an ICMP echo request or reply over IPv4 or IPv6.
     *
     * @return null when the packet is anything else or a checksum is wrong
     */
    public static Echo parse(byte[] p) {
        if (p.length > 0 && (p[0] & 0xf0) == 0x60) {
            return parse6(p);
        }
        if (p.length < IP_HEADER + ICMP_HEADER || (p[0] & 0xf0) != 0x40) {
            return null;
        }
        int ihl = (p[0] & 0x0f) * 4;
        int total = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
        if (ihl < IP_HEADER || total > p.length || total < ihl + ICMP_HEADER || p[9] != PROTO_ICMP) {
            return null;
        }
        if (checksum(p, 0, ihl) != 0 || checksum(p, ihl, total - ihl) != 0) {
            return null;
        }
        int type = p[ihl] & 0xff;
        if ((type != ECHO_REQUEST && type != ECHO_REPLY) || p[ihl + 1] != 0) {
            return null;
        }
        int id = ((p[ihl + 4] & 0xff) << 8) | (p[ihl + 5] & 0xff);
        int seq = ((p[ihl + 6] & 0xff) << 8) | (p[ihl + 7] & 0xff);
        return new Echo(Arrays.copyOfRange(p, 12, 16), Arrays.copyOfRange(p, 16, 20), type, id, seq,
                Arrays.copyOfRange(p, ihl + ICMP_HEADER, total));
    }

    /** RFC 1071 Internet checksum; 0 when computed over data that includes a correct checksum. */
    static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            sum += (b[off + i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void putChecksum(byte[] b, int at, int c) {
        b[at] = (byte) (c >>> 8);
        b[at + 1] = (byte) c;
    }
}
