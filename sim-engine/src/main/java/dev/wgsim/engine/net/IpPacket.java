package dev.wgsim.engine.net;

import java.util.Arrays;

/**
 * A real IPv4 or IPv6 packet carrying UDP, TCP, an ICMP/ICMPv6 echo message, or an opaque other protocol.
 *
 * <p>The simulator moves packets as this parsed form and produces the exact wire bytes only when
 * someone needs them ({@link #toBytes()}: WireGuard encrypting an inner packet, the pcap writer).
 * Encoding fills every checksum (IPv4 header, UDP with pseudo-header, ICMP, ICMPv6 with
 * pseudo-header) so the bytes are accepted by a real kernel. {@link #decode} is the inverse and
 * never throws on wire input.
 *
 * <p>Immutable by contract: the payload array passed to a factory is owned by the packet afterwards
 * and {@link #payload()} exposes it without copying (the per-packet path must not allocate); neither
 * side may modify it.
 */
public final class IpPacket {
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;
    public static final int PROTO_ICMPV6 = 58;
    /** Linux's default TTL / hop limit for locally generated packets. */
    public static final int DEFAULT_TTL = 64;

    public static final int IPV4_HEADER = 20;
    public static final int IPV6_HEADER = 40;
    public static final int UDP_HEADER = 8;
    public static final int ECHO_HEADER = 8;
    /** The two port fields of a TCP header; the rest of the header travels in the payload. */
    public static final int TCP_PORTS = 4;
    /** A TCP header without options. */
    public static final int TCP_HEADER = 20;

    /** What the packet carries. */
    public enum Kind { UDP, TCP, ECHO_REQUEST, ECHO_REPLY, OTHER }

    private final Kind kind;
    private final IpAddress src;
    private final IpAddress dst;
    private final int protocol;
    private final int ttl;
    /** UDP or TCP source port, or the echo identifier. */
    private final int srcPort;
    /** UDP or TCP destination port, or the echo sequence number. */
    private final int dstPort;
    private final byte[] payload;

    private IpPacket(Kind kind, IpAddress src, IpAddress dst, int protocol, int ttl, int a, int b, byte[] payload) {
        this.kind = kind;
        this.src = src;
        this.dst = dst;
        this.protocol = protocol;
        this.ttl = ttl;
        this.srcPort = a;
        this.dstPort = b;
        this.payload = payload;
    }

    /** A UDP datagram from {@code src} to {@code dst} with the default TTL. */
    public static IpPacket udp(Endpoint src, Endpoint dst, byte[] payload) {
        return udp(src.address(), src.port(), dst.address(), dst.port(), DEFAULT_TTL, payload);
    }

    /** A UDP datagram; addresses must be of one family, ports 0..65535, payload at most 65,507 bytes. */
    public static IpPacket udp(IpAddress src, int srcPort, IpAddress dst, int dstPort, int ttl, byte[] payload) {
        checkAddresses(src, dst);
        checkPort(srcPort, "source port");
        checkPort(dstPort, "destination port");
        checkTtl(ttl);
        checkPayload(payload, UDP_HEADER);
        return new IpPacket(Kind.UDP, src, dst, PROTO_UDP, ttl, srcPort, dstPort, payload);
    }

    /**
     * A TCP segment. The ports are fields of the packet (so NATs rewrite them like UDP's); {@code segment}
     * is the rest of the TCP header from the sequence number on (at least 16 bytes: sequence,
     * acknowledgment, data offset and flags, window, checksum, urgent pointer, then options) followed
     * by the data. The checksum bytes in it are ignored: {@link #writeTo} computes the real one.
     */
    public static IpPacket tcp(IpAddress src, int srcPort, IpAddress dst, int dstPort, int ttl, byte[] segment) {
        checkAddresses(src, dst);
        checkPort(srcPort, "source port");
        checkPort(dstPort, "destination port");
        checkTtl(ttl);
        checkPayload(segment, TCP_PORTS);
        if (segment.length < TCP_HEADER - TCP_PORTS) {
            throw new IllegalArgumentException("a TCP segment needs at least " + (TCP_HEADER - TCP_PORTS) + " header bytes after the ports");
        }
        return new IpPacket(Kind.TCP, src, dst, PROTO_TCP, ttl, srcPort, dstPort, segment);
    }

    /** An ICMP (IPv4) or ICMPv6 (IPv6) echo request. */
    public static IpPacket echoRequest(IpAddress src, IpAddress dst, int identifier, int sequence, byte[] data) {
        return echo(Kind.ECHO_REQUEST, src, dst, identifier, sequence, DEFAULT_TTL, data);
    }

    /** An ICMP (IPv4) or ICMPv6 (IPv6) echo reply. */
    public static IpPacket echoReply(IpAddress src, IpAddress dst, int identifier, int sequence, byte[] data) {
        return echo(Kind.ECHO_REPLY, src, dst, identifier, sequence, DEFAULT_TTL, data);
    }

    private static IpPacket echo(Kind kind, IpAddress src, IpAddress dst, int id, int seq, int ttl, byte[] data) {
        checkAddresses(src, dst);
        checkPort(id, "echo identifier");
        checkPort(seq, "echo sequence");
        checkTtl(ttl);
        checkPayload(data, ECHO_HEADER);
        return new IpPacket(kind, src, dst, src.isV6() ? PROTO_ICMPV6 : PROTO_ICMP, ttl, id, seq, data);
    }

    /** A packet of any other protocol whose transport bytes are carried opaquely. */
    public static IpPacket other(IpAddress src, IpAddress dst, int protocol, int ttl, byte[] transportBytes) {
        checkAddresses(src, dst);
        checkTtl(ttl);
        if (protocol < 0 || protocol > 255) {
            throw new IllegalArgumentException("protocol " + protocol + " outside 0..255");
        }
        checkPayload(transportBytes, 0);
        return new IpPacket(Kind.OTHER, src, dst, protocol, ttl, 0, 0, transportBytes);
    }

    private static void checkAddresses(IpAddress src, IpAddress dst) {
        if (src == null || dst == null) {
            throw new IllegalArgumentException("packet address is null");
        }
        if (src.isV6() != dst.isV6()) {
            throw new IllegalArgumentException("mixed address families: " + src + " -> " + dst);
        }
    }

    private static void checkPort(int port, String what) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " outside 0..65535");
        }
    }

    private static void checkTtl(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl " + ttl + " outside 0..255");
        }
    }

    private static void checkPayload(byte[] payload, int transportHeader) {
        if (payload == null) {
            throw new IllegalArgumentException("payload is null");
        }
        if (payload.length + transportHeader > 65535 - IPV4_HEADER) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes does not fit in an IP packet");
        }
    }

    // ---- rewriting (routing, NAT): new packet, shared payload ----

    /** The same packet with another source address and port (NAT outbound). For echo, the port is the identifier. */
    public IpPacket withSource(IpAddress address, int port) {
        checkAddresses(address, dst);
        return new IpPacket(kind, address, dst, protocol, ttl, kind == Kind.OTHER ? 0 : port, dstPort, payload);
    }

    /** The same packet with another destination address and port (NAT inbound). For echo, the port is the identifier. */
    public IpPacket withDestination(IpAddress address, int port) {
        checkAddresses(src, address);
        if (isEcho()) {
            return new IpPacket(kind, src, address, protocol, ttl, port, dstPort, payload);
        }
        return new IpPacket(kind, src, address, protocol, ttl, srcPort, kind == Kind.OTHER ? 0 : port, payload);
    }

    /** The same packet with a new TTL / hop limit (forwarding decrements it). */
    public IpPacket withTtl(int newTtl) {
        checkTtl(newTtl);
        return new IpPacket(kind, src, dst, protocol, newTtl, srcPort, dstPort, payload);
    }

    /** A copy with its own payload array (link duplication hands each copy to a different receiver). */
    public IpPacket copy() {
        return new IpPacket(kind, src, dst, protocol, ttl, srcPort, dstPort, payload.clone());
    }

    // ---- accessors ----

    public Kind kind() {
        return kind;
    }

    public boolean isV6() {
        return src.isV6();
    }

    public IpAddress source() {
        return src;
    }

    public IpAddress destination() {
        return dst;
    }

    /** IP protocol / IPv6 next header number. */
    public int protocol() {
        return protocol;
    }

    public int ttl() {
        return ttl;
    }

    public boolean isUdp() {
        return kind == Kind.UDP;
    }

    public boolean isTcp() {
        return kind == Kind.TCP;
    }

    /** UDP or TCP: the packet has source and destination ports. */
    public boolean hasPorts() {
        return kind == Kind.UDP || kind == Kind.TCP;
    }

    public boolean isEcho() {
        return kind == Kind.ECHO_REQUEST || kind == Kind.ECHO_REPLY;
    }

    /** UDP or TCP source port (0 for other kinds). */
    public int sourcePort() {
        return hasPorts() ? srcPort : 0;
    }

    /** UDP or TCP destination port (0 for other kinds). */
    public int destinationPort() {
        return hasPorts() ? dstPort : 0;
    }

    /** The UDP or TCP source endpoint. */
    public Endpoint sourceEndpoint() {
        return new Endpoint(src, sourcePort());
    }

    /** The UDP or TCP destination endpoint. */
    public Endpoint destinationEndpoint() {
        return new Endpoint(dst, destinationPort());
    }

    /** Echo identifier (0 unless {@link #isEcho()}). */
    public int echoIdentifier() {
        return isEcho() ? srcPort : 0;
    }

    /** Echo sequence number (0 unless {@link #isEcho()}). */
    public int echoSequence() {
        return isEcho() ? dstPort : 0;
    }

    /**
     * UDP payload, the TCP segment after the ports (see {@link #tcp}), echo data, or the opaque
     * transport bytes of an OTHER packet. Shared: do not modify.
     */
    public byte[] payload() {
        return payload;
    }

    public int payloadLength() {
        return payload.length;
    }

    /** Length of the whole packet on the wire, IP header included. */
    public int wireLength() {
        int ip = src.isV6() ? IPV6_HEADER : IPV4_HEADER;
        return ip + transportLength();
    }

    private int transportLength() {
        return switch (kind) {
            case UDP -> UDP_HEADER + payload.length;
            case TCP -> TCP_PORTS + payload.length;
            case ECHO_REQUEST, ECHO_REPLY -> ECHO_HEADER + payload.length;
            case OTHER -> payload.length;
        };
    }

    // ---- encoding ----

    /** The exact wire bytes with all checksums filled in. */
    public byte[] toBytes() {
        byte[] out = new byte[wireLength()];
        writeTo(out, 0);
        return out;
    }

    /** Writes {@link #wireLength()} bytes at {@code off}. */
    public void writeTo(byte[] out, int off) {
        int transport = transportLength();
        int t;
        if (src.isV6()) {
            IpAddress.writeInt(out, off, 0x6000_0000);
            put16(out, off + 4, transport);
            out[off + 6] = (byte) protocol;
            out[off + 7] = (byte) ttl;
            src.writeTo(out, off + 8);
            dst.writeTo(out, off + 24);
            t = off + IPV6_HEADER;
        } else {
            out[off] = 0x45;
            out[off + 1] = 0;
            put16(out, off + 2, IPV4_HEADER + transport);
            put16(out, off + 4, 0);
            put16(out, off + 6, 0x4000); // DF: the model never fragments, like WireGuard's path MTU use
            out[off + 8] = (byte) ttl;
            out[off + 9] = (byte) protocol;
            put16(out, off + 10, 0);
            src.writeTo(out, off + 12);
            dst.writeTo(out, off + 16);
            put16(out, off + 10, Checksum.of(out, off, IPV4_HEADER));
            t = off + IPV4_HEADER;
        }
        switch (kind) {
            case UDP -> {
                put16(out, t, srcPort);
                put16(out, t + 2, dstPort);
                put16(out, t + 4, transport);
                put16(out, t + 6, 0);
                System.arraycopy(payload, 0, out, t + UDP_HEADER, payload.length);
                int sum = Checksum.finish(Checksum.add(
                        Checksum.addPseudoHeader(0, src, dst, PROTO_UDP, transport), out, t, transport));
                put16(out, t + 6, sum == 0 ? 0xFFFF : sum); // RFC 768: a computed zero is sent as all ones
            }
            case TCP -> {
                put16(out, t, srcPort);
                put16(out, t + 2, dstPort);
                System.arraycopy(payload, 0, out, t + TCP_PORTS, payload.length);
                put16(out, t + 16, 0);
                put16(out, t + 16, Checksum.finish(Checksum.add(
                        Checksum.addPseudoHeader(0, src, dst, PROTO_TCP, transport), out, t, transport)));
            }
            case ECHO_REQUEST, ECHO_REPLY -> {
                boolean v6 = src.isV6();
                int type = kind == Kind.ECHO_REQUEST ? (v6 ? 128 : 8) : (v6 ? 129 : 0);
                out[t] = (byte) type;
                out[t + 1] = 0;
                put16(out, t + 2, 0);
                put16(out, t + 4, srcPort);
                put16(out, t + 6, dstPort);
                System.arraycopy(payload, 0, out, t + ECHO_HEADER, payload.length);
                long sum = v6 ? Checksum.addPseudoHeader(0, src, dst, PROTO_ICMPV6, transport) : 0;
                put16(out, t + 2, Checksum.finish(Checksum.add(sum, out, t, transport)));
            }
            case OTHER -> System.arraycopy(payload, 0, out, t, payload.length);
        }
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static int get16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    // ---- decoding ----

    /** Decodes a whole array; see {@link #decode(byte[], int, int)}. */
    public static DecodeResult decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Parses wire bytes. Never throws for any content: the result is either a packet or a drop reason
     * ({@link DropReason#MALFORMED}, {@link DropReason#BAD_CHECKSUM}, {@link DropReason#UNSUPPORTED}).
     * Bytes after the IP total length (link padding) are ignored. IPv4 options are skipped. Fragments and
     * IPv6 extension headers are unsupported. A UDP checksum of zero over IPv4 means "none" and is accepted.
     */
    public static DecodeResult decode(byte[] bytes, int off, int len) {
        return decode(bytes, off, len, true);
    }

    /**
     * {@link #decode(byte[], int, int)} for a packet a tunnel has just authenticated (WireGuard's
     * Poly1305 tag covered every byte): the UDP, ICMP and ICMPv6 checksums are not verified again,
     * as Linux's WireGuard marks decrypted packets CHECKSUM_UNNECESSARY at every level. The IPv4
     * header checksum is still checked (Linux's ip_rcv always does), and every length and format
     * check still applies.
     */
    public static DecodeResult decodeAuthenticated(byte[] bytes, int off, int len) {
        return decode(bytes, off, len, false);
    }

    private static DecodeResult decode(byte[] bytes, int off, int len, boolean verify) {
        if (bytes == null || off < 0 || len < 1 || off + len > bytes.length) {
            return DecodeResult.drop(DropReason.MALFORMED);
        }
        int version = (bytes[off] & 0xFF) >>> 4;
        if (version == 4) {
            return decodeV4(bytes, off, len, verify);
        }
        if (version == 6) {
            return decodeV6(bytes, off, len, verify);
        }
        return DecodeResult.drop(DropReason.MALFORMED);
    }

    private static DecodeResult decodeV4(byte[] b, int off, int len, boolean verify) {
        if (len < IPV4_HEADER) {
            return DecodeResult.drop(DropReason.MALFORMED);
        }
        int ihl = (b[off] & 0x0F) * 4;
        int total = get16(b, off + 2);
        if (ihl < IPV4_HEADER || total < ihl || total > len) {
            return DecodeResult.drop(DropReason.MALFORMED);
        }
        if (Checksum.of(b, off, ihl) != 0) {
            return DecodeResult.drop(DropReason.BAD_CHECKSUM);
        }
        int flagsFrag = get16(b, off + 6);
        if ((flagsFrag & 0x2000) != 0 || (flagsFrag & 0x1FFF) != 0) {
            return DecodeResult.drop(DropReason.UNSUPPORTED);
        }
        int ttl = b[off + 8] & 0xFF;
        int protocol = b[off + 9] & 0xFF;
        IpAddress src = IpAddress.v4(IpAddress.readInt(b, off + 12));
        IpAddress dst = IpAddress.v4(IpAddress.readInt(b, off + 16));
        return decodeTransport(b, off + ihl, total - ihl, src, dst, protocol, ttl, verify);
    }

    private static DecodeResult decodeV6(byte[] b, int off, int len, boolean verify) {
        if (len < IPV6_HEADER) {
            return DecodeResult.drop(DropReason.MALFORMED);
        }
        int payloadLength = get16(b, off + 4);
        if (IPV6_HEADER + payloadLength > len) {
            return DecodeResult.drop(DropReason.MALFORMED);
        }
        int next = b[off + 6] & 0xFF;
        int hop = b[off + 7] & 0xFF;
        IpAddress src = IpAddress.v6(IpAddress.readLong(b, off + 8), IpAddress.readLong(b, off + 16));
        IpAddress dst = IpAddress.v6(IpAddress.readLong(b, off + 24), IpAddress.readLong(b, off + 32));
        if (next == 0 || next == 43 || next == 44 || next == 60 || next == 51 || next == 50 || next == 135) {
            return DecodeResult.drop(DropReason.UNSUPPORTED); // extension headers
        }
        return decodeTransport(b, off + IPV6_HEADER, payloadLength, src, dst, next, hop, verify);
    }

    private static DecodeResult decodeTransport(byte[] b, int t, int tlen, IpAddress src, IpAddress dst, int protocol, int ttl,
            boolean verify) {
        boolean v6 = src.isV6();
        if (protocol == PROTO_UDP) {
            if (tlen < UDP_HEADER) {
                return DecodeResult.drop(DropReason.MALFORMED);
            }
            int udpLen = get16(b, t + 4);
            if (udpLen < UDP_HEADER || udpLen > tlen) {
                return DecodeResult.drop(DropReason.MALFORMED);
            }
            int stored = get16(b, t + 6);
            if (verify && stored == 0 && v6) {
                return DecodeResult.drop(DropReason.BAD_CHECKSUM); // RFC 8200: mandatory over IPv6
            }
            if (verify && stored != 0 && Checksum.finish(Checksum.add(
                    Checksum.addPseudoHeader(0, src, dst, PROTO_UDP, udpLen), b, t, udpLen)) != 0) {
                return DecodeResult.drop(DropReason.BAD_CHECKSUM);
            }
            byte[] payload = Arrays.copyOfRange(b, t + UDP_HEADER, t + udpLen);
            return DecodeResult.ok(new IpPacket(Kind.UDP, src, dst, PROTO_UDP, ttl, get16(b, t), get16(b, t + 2), payload));
        }
        if (protocol == PROTO_TCP) {
            if (tlen < TCP_HEADER) {
                return DecodeResult.drop(DropReason.MALFORMED);
            }
            int dataOffset = ((b[t + 12] & 0xFF) >>> 4) * 4;
            if (dataOffset < TCP_HEADER || dataOffset > tlen) {
                return DecodeResult.drop(DropReason.MALFORMED);
            }
            if (Checksum.finish(Checksum.add(Checksum.addPseudoHeader(0, src, dst, PROTO_TCP, tlen), b, t, tlen)) != 0) {
                return DecodeResult.drop(DropReason.BAD_CHECKSUM);
            }
            byte[] segment = Arrays.copyOfRange(b, t + TCP_PORTS, t + tlen);
            segment[12] = 0; // the checksum, verified: encoding computes it again
            segment[13] = 0;
            return DecodeResult.ok(new IpPacket(Kind.TCP, src, dst, PROTO_TCP, ttl, get16(b, t), get16(b, t + 2), segment));
        }
        boolean icmp = (!v6 && protocol == PROTO_ICMP) || (v6 && protocol == PROTO_ICMPV6);
        if (icmp && tlen >= ECHO_HEADER) {
            int type = b[t] & 0xFF;
            int code = b[t + 1] & 0xFF;
            Kind kind = null;
            if (code == 0 && type == (v6 ? 128 : 8)) {
                kind = Kind.ECHO_REQUEST;
            } else if (code == 0 && type == (v6 ? 129 : 0)) {
                kind = Kind.ECHO_REPLY;
            }
            if (kind != null) {
                long sum = verify && v6 ? Checksum.addPseudoHeader(0, src, dst, PROTO_ICMPV6, tlen) : 0;
                if (verify && Checksum.finish(Checksum.add(sum, b, t, tlen)) != 0) {
                    return DecodeResult.drop(DropReason.BAD_CHECKSUM);
                }
                byte[] data = Arrays.copyOfRange(b, t + ECHO_HEADER, t + tlen);
                return DecodeResult.ok(new IpPacket(kind, src, dst, protocol, ttl, get16(b, t + 4), get16(b, t + 6), data));
            }
        }
        return DecodeResult.ok(new IpPacket(Kind.OTHER, src, dst, protocol, ttl, 0, 0, Arrays.copyOfRange(b, t, t + tlen)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPacket p && p.kind == kind && p.protocol == protocol && p.ttl == ttl
                && p.srcPort == srcPort && p.dstPort == dstPort && p.src.equals(src) && p.dst.equals(dst)
                && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return ((src.hashCode() * 31 + dst.hashCode()) * 31 + (srcPort << 16 | dstPort)) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case UDP -> "UDP " + sourceEndpoint() + " > " + destinationEndpoint() + " len " + payload.length;
            case TCP -> "TCP " + sourceEndpoint() + " > " + destinationEndpoint() + " len " + payload.length;
            case ECHO_REQUEST, ECHO_REPLY -> (kind == Kind.ECHO_REQUEST ? "echo request " : "echo reply ")
                    + src + " > " + dst + " id " + srcPort + " seq " + dstPort + " len " + payload.length;
            case OTHER -> "proto " + protocol + " " + src + " > " + dst + " len " + payload.length;
        };
    }
}
