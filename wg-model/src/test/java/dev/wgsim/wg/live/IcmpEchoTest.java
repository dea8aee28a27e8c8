package dev.wgsim.wg.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class IcmpEchoTest {

    @Test
    void rfc1071Example() {
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0x220d, IcmpEcho.checksum(b, 0, b.length));
    }

    @Test
    void requestHasValidChecksumsAndParsesBack() {
        byte[] src = {10, 99, 1, 2};
        byte[] dst = {10, 99, 1, 1};
        byte[] payload = "wgsim ping".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] p = IcmpEcho.request(src, dst, 0x1234, 7, payload);
        assertEquals(20 + 8 + payload.length, p.length);
        assertEquals(0, IcmpEcho.checksum(p, 0, 20), "IPv4 header checksum");
        assertEquals(0, IcmpEcho.checksum(p, 20, p.length - 20), "ICMP checksum");
        IcmpEcho.Echo e = IcmpEcho.parse(p);
        assertEquals(IcmpEcho.ECHO_REQUEST, e.type());
        assertEquals(0x1234, e.identifier());
        assertEquals(7, e.sequence());
        assertArrayEquals(payload, e.payload());
        IcmpEcho.Echo reply = IcmpEcho.parse(IcmpEcho.replyTo(e));
        assertEquals(IcmpEcho.ECHO_REPLY, reply.type());
        assertArrayEquals(dst, reply.source());
        assertArrayEquals(src, reply.destination());
    }

    @Test
    void corruptedPacketIsRejected() {
        byte[] p = IcmpEcho.request(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}, 1, 1, new byte[] {9});
        p[p.length - 1] ^= 1;
        assertNull(IcmpEcho.parse(p));
    }

    /**
     * An echo request Linux's {@code ping -6 -c 1 -p 77 -s 8 ::1} sent, captured with tshark on
     * lo: ICMPv6 type 128, checksum 0xba2f, identifier 0x4e82, sequence 1, payload 77 00 x7.
     */
    @Test
    void icmpv6ChecksumMatchesTheLinuxKernels() {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        byte[] payload = {0x77, 0, 0, 0, 0, 0, 0, 0};
        byte[] p = IcmpEcho.request(loopback, loopback, 0x4e82, 1, payload);
        assertEquals(40 + 8 + 8, p.length);
        assertEquals(0x60, p[0] & 0xf0);
        assertEquals(58, p[6], "next header ICMPv6");
        assertEquals(16, p[5], "payload length");
        assertEquals(0x80, p[40] & 0xff, "type 128 echo request");
        assertEquals(0xba, p[42] & 0xff);
        assertEquals(0x2f, p[43] & 0xff);
        IcmpEcho.Echo e = IcmpEcho.parse(p);
        assertEquals(IcmpEcho.ECHO_REQUEST, e.type());
        assertEquals(0x4e82, e.identifier());
        assertArrayEquals(payload, e.payload());
        byte[] reply = IcmpEcho.replyTo(e);
        assertEquals(0x81, reply[40] & 0xff, "type 129 echo reply");
        assertEquals(IcmpEcho.ECHO_REPLY, IcmpEcho.parse(reply).type());
        reply[reply.length - 1] ^= 1;
        assertNull(IcmpEcho.parse(reply), "a wrong ICMPv6 checksum is rejected");
    }
}
