package dev.wgsim.wg.live;

import java.util.Arrays;

/**
 * IPv4 + ICMP echo request/reply packets with correct checksums: the inner packets the live
 * driver sends through the tunnel (a real kernel behind wireguard-go answers only well-formed
 * echoes). wg-model cannot use sim-engine's packet codec, so this is a minimal one of its own.
 */
public final class IcmpEcho {

    public static final int ECHO_REPLY = 0;
    public static final int ECHO_REQUEST = 8;
    private static final int IP_HEADER = 20;
    private static final int ICMP_HEADER = 8;
    private static final int PROTO_ICMP = 1;

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

    /** An echo request from {@code source} to {@code destination} (4-byte addresses). */
    public static byte[] request(byte[] source, byte[] destination, int identifier, int sequence, byte[] payload) {
        return build(source, destination, ECHO_REQUEST, identifier, sequence, payload, 64);
    }

    /** The reply a host would send to {@code request} (addresses swapped, same id, seq and payload). */
    public static byte[] replyTo(Echo request) {
        return build(request.destination(), request.source(), ECHO_REPLY, request.identifier(), request.sequence(),
                request.payload(), 64);
    }

    private static byte[] build(byte[] src, byte[] dst, int type, int id, int seq, byte[] payload, int ttl) {
        if (src.length != 4 || dst.length != 4) {
            throw new IllegalArgumentException("IPv4 addresses are 4 bytes");
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
        int i = IP_HEADER;
        p[i] = (byte) type;
        p[i + 4] = (byte) (id >>> 8);
        p[i + 5] = (byte) id;
        p[i + 6] = (byte) (seq >>> 8);
        p[i + 7] = (byte) seq;
        System.arraycopy(payload, 0, p, i + ICMP_HEADER, payload.length);
        putChecksum(p, i + 2, checksum(p, i, ICMP_HEADER + payload.length));
        return p;
    }

    /**
     * Parses an IPv4 ICMP echo request or reply.
     *
     * @return null when the packet is anything else or a checksum is wrong
     */
    public static Echo parse(byte[] p) {
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
