package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link IpPacket#decodeAuthenticated} follows Linux's WireGuard receive path: a decrypted packet
 * is CHECKSUM_UNNECESSARY for UDP and ICMP, while ip_rcv still checks the IPv4 header checksum and
 * every length.
 */
class AuthenticatedDecodeTest {
    private static final IpAddress A4 = IpAddress.parse("10.0.0.1");
    private static final IpAddress B4 = IpAddress.parse("10.0.0.2");
    private static final IpAddress A6 = IpAddress.parse("fd00::1");
    private static final IpAddress B6 = IpAddress.parse("fd00::2");

    private static List<IpPacket> packets() {
        return List.of(
                IpPacket.udp(new Endpoint(A4, 1234), new Endpoint(B4, 7), new byte[] {1, 2, 3, 4, 5}),
                IpPacket.udp(new Endpoint(A6, 1234), new Endpoint(B6, 7), new byte[] {9, 8, 7}),
                IpPacket.echoRequest(A4, B4, 77, 3, new byte[] {42, 43}),
                IpPacket.echoReply(A6, B6, 77, 3, new byte[] {42}));
    }

    /** Offset of the transport checksum field: UDP at +6, ICMP/ICMPv6 at +2 after the IP header. */
    private static int checksumAt(IpPacket p) {
        return (p.isV6() ? IpPacket.IPV6_HEADER : IpPacket.IPV4_HEADER) + (p.isUdp() ? 6 : 2);
    }

    @Test
    void aWrongTransportChecksumIsDroppedByDecodeButAcceptedAfterAuthentication() {
        int n = 0;
        for (IpPacket p : packets()) {
            byte[] b = p.toBytes();
            b[checksumAt(p)] ^= 0x5A;
            assertEquals(DropReason.BAD_CHECKSUM, IpPacket.decode(b).reason(), p.toString());
            assertEquals(p, IpPacket.decodeAuthenticated(b, 0, b.length).packet(), p.toString());
            n++;
        }
        assertEquals(4, n);
    }

    @Test
    void theIpv4HeaderChecksumAndLengthsAreStillChecked() {
        IpPacket p = packets().get(0);
        byte[] header = p.toBytes();
        header[10] ^= 1; // IPv4 header checksum
        assertEquals(DropReason.BAD_CHECKSUM, IpPacket.decodeAuthenticated(header, 0, header.length).reason());
        byte[] shortUdp = p.toBytes();
        assertEquals(DropReason.MALFORMED, IpPacket.decodeAuthenticated(shortUdp, 0, IpPacket.IPV4_HEADER + 4).reason());
        assertNull(IpPacket.decodeAuthenticated(new byte[] {0x45}, 0, 1).packet());
    }
}
