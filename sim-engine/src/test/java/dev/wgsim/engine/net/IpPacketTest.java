package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The IPv4 header used as the worked example of the header checksum (Wikipedia "Internet checksum"):
     * 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7. Total length 0x73 = 20 + 8 + 87.
     */
    @Test
    void ipv4HeaderChecksumMatchesTheWorkedExample() {
        IpPacket p = IpPacket.udp(IpAddress.parse("192.168.0.1"), 1234, IpAddress.parse("192.168.0.199"), 53, 64, new byte[87]);
        byte[] bytes = p.toBytes();
        assertEquals("45000073000040004011b861c0a80001c0a800c7", HEX.formatHex(bytes, 0, 20));
    }

    /**
     * A UDP datagram and an ICMP echo request whose bytes were checked with tshark 4.0.17 (ip, udp and
     * icmp checksum status "Good" with checksum validation enabled); the ICMP bytes were also computed
     * independently with a few lines of Python.
     */
    @Test
    void udpAndIcmpChecksumsMatchTsharkVerifiedBytes() {
        IpPacket udp = IpPacket.udp(Endpoint.parse("10.0.0.1:51820"), Endpoint.parse("10.0.0.2:12345"),
                "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("4500002100004000401126ca0a0000010a000002" + "ca6c3039000d" + "ad59" + "68656c6c6f", HEX.formatHex(udp.toBytes()));
        IpPacket ping = IpPacket.echoRequest(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), 0x1234, 1, new byte[] {1, 2, 3, 4});
        assertEquals("4500002000004000400126db0a0000010a000002" + "0800" + "e1c4" + "12340001" + "01020304", HEX.formatHex(ping.toBytes()));
    }

    @Test
    void everyKindRoundTripsThroughBytesInBothFamilies() {
        byte[] data = {9, 8, 7, 6, 5, 4, 3};
        IpPacket[] packets = {
            IpPacket.udp(Endpoint.parse("192.0.2.1:1"), Endpoint.parse("198.51.100.9:65535"), data),
            IpPacket.udp(Endpoint.parse("[2001:db8::1]:51820"), Endpoint.parse("[2001:db8::2]:4500"), data),
            IpPacket.echoRequest(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), 7, 65535, data),
            IpPacket.echoReply(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), 7, 0, new byte[0]),
            IpPacket.echoRequest(IpAddress.parse("fd00::1"), IpAddress.parse("fd00::2"), 1, 2, data),
            IpPacket.echoReply(IpAddress.parse("fd00::1"), IpAddress.parse("fd00::2"), 1, 2, data),
            IpPacket.other(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"), 47, 3, data),
            IpPacket.tcp(IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.2"), 443, 64, tcpSegment(data)),
            IpPacket.tcp(IpAddress.parse("fd00::1"), 40000, IpAddress.parse("fd00::2"), 443, 64, tcpSegment(data)),
        };
        for (IpPacket p : packets) {
            byte[] bytes = p.toBytes();
            assertEquals(p.wireLength(), bytes.length);
            DecodeResult r = IpPacket.decode(bytes);
            assertTrue(r.isOk(), p + " -> " + r.reason());
            assertEquals(p, r.packet());
            assertArrayEquals(bytes, r.packet().toBytes());
        }
    }

    /** A TCP header after the ports (seq 1, ack 2, data offset 5, PSH|ACK, window 65535) and {@code data}. */
    static byte[] tcpSegment(byte[] data) {
        byte[] seg = new byte[16 + data.length];
        seg[3] = 1;
        seg[7] = 2;
        seg[8] = 0x50;
        seg[9] = 0x18;
        seg[10] = (byte) 0xFF;
        seg[11] = (byte) 0xFF;
        System.arraycopy(data, 0, seg, 16, data.length);
        return seg;
    }

    /** TCP's checksum (with the pseudo-header): tshark 4.0.17 with tcp.check_checksum on reports 0xb9f4 "[correct]" for these bytes. */
    @Test
    void tcpChecksumMatchesTsharkVerifiedBytes() {
        IpPacket p = IpPacket.tcp(IpAddress.parse("10.0.0.1"), 40000, IpAddress.parse("10.0.0.2"), 443, 64,
                tcpSegment("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(TCP_HELLO_TSHARK_GOOD, HEX.formatHex(p.toBytes()));
        byte[] bytes = p.toBytes();
        bytes[bytes.length - 1] ^= 1;
        assertEquals(DropReason.BAD_CHECKSUM, IpPacket.decode(bytes).reason());
    }

    static final String TCP_HELLO_TSHARK_GOOD = "4500002d00004000400626c90a0000010a000002" + "9c4001bb00000001000000025018ffff" + "b9f4" + "0000" + "68656c6c6f";

    @Test
    void udpChecksumCoversThePseudoHeaderInIpv6() {
        IpPacket p = IpPacket.udp(Endpoint.parse("[2001:db8::1]:1000"), Endpoint.parse("[2001:db8::2]:2000"), new byte[] {1});
        byte[] bytes = p.toBytes();
        bytes[23] ^= 1; // flip a bit of the source address: only the pseudo-header can catch it
        assertEquals(DropReason.BAD_CHECKSUM, IpPacket.decode(bytes).reason());
    }

    @Test
    void malformedInputIsDroppedWithAReasonNeverThrown() {
        byte[] good = IpPacket.udp(Endpoint.parse("10.0.0.1:1"), Endpoint.parse("10.0.0.2:2"), new byte[20]).toBytes();
        assertEquals(DropReason.MALFORMED, IpPacket.decode(new byte[0]).reason());
        assertEquals(DropReason.MALFORMED, IpPacket.decode(java.util.Arrays.copyOf(good, 30)).reason());
        byte[] badVersion = good.clone();
        badVersion[0] = 0x55;
        assertEquals(DropReason.MALFORMED, IpPacket.decode(badVersion).reason());
        byte[] badHeader = good.clone();
        badHeader[8] = 1; // TTL changed without fixing the header checksum
        assertEquals(DropReason.BAD_CHECKSUM, IpPacket.decode(badHeader).reason());
        byte[] badPayload = good.clone();
        badPayload[good.length - 1] ^= 0x40;
        assertEquals(DropReason.BAD_CHECKSUM, IpPacket.decode(badPayload).reason());
        byte[] noUdpChecksum = good.clone();
        noUdpChecksum[26] = 0;
        noUdpChecksum[27] = 0;
        assertTrue(IpPacket.decode(noUdpChecksum).isOk(), "IPv4 UDP checksum 0 means none");
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 6);
        assertTrue(IpPacket.decode(padded).isOk(), "trailing link padding is ignored");

        long seed = 20261124L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = random.nextBoolean() ? good.clone() : new byte[random.nextInt(80)];
            if (mutated.length == 0 || random.nextBoolean()) {
                random.nextBytes(mutated);
            } else {
                mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            }
            byte[] input = mutated;
            DecodeResult r = assertDoesNotThrow(() -> IpPacket.decode(input), "seed " + seed + " case " + i);
            if (input.length == good.length && !java.util.Arrays.equals(input, good)) {
                assertFalse(r.isOk() && r.packet().toBytes().length == good.length
                        && java.util.Arrays.equals(r.packet().toBytes(), good), "a flipped bit must not decode to the original");
            }
        }
    }

    @Test
    void rewritingKeepsPayloadAndUpdatesChecksums() {
        IpPacket p = IpPacket.udp(Endpoint.parse("192.168.1.10:5000"), Endpoint.parse("198.51.100.1:51820"), new byte[] {1, 2});
        IpPacket natted = p.withSource(IpAddress.parse("203.0.113.7"), 40000);
        assertEquals(Endpoint.parse("203.0.113.7:40000"), natted.sourceEndpoint());
        assertEquals(p.destinationEndpoint(), natted.destinationEndpoint());
        assertTrue(IpPacket.decode(natted.toBytes()).isOk());
        IpPacket echo = IpPacket.echoReply(IpAddress.parse("8.8.8.8"), IpAddress.parse("203.0.113.7"), 999, 5, new byte[0]);
        IpPacket back = echo.withDestination(IpAddress.parse("192.168.1.10"), 17);
        assertEquals(17, back.echoIdentifier());
        assertEquals(5, back.echoSequence());
    }
}
