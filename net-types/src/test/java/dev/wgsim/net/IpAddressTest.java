package dev.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "0.0.0.0, 0.0.0.0",
        "255.255.255.255, 255.255.255.255",
        "2001:db8::1, 2001:db8::1",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::, ::",
        "::1, ::1",
        "fe80::, fe80::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        // RFC 5952 section 5 recommends mixed notation for IPv4-mapped addresses; glibc's inet_ntop (wg show)
        // also prints IPv4-compatible ones (first 96 bits zero, not :: or ::1) that way.
        "::ffff:c000:280, ::ffff:192.0.2.128",
        "::c000:280, ::192.0.2.128",
        "::1:0:0:0, ::1:0:0:0",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    })
    void parsesToCanonicalRfc5952Text(String input, String canonical) {
        assertEquals(canonical, IpAddress.parse(input).toString());
        assertEquals(IpAddress.parse(input), IpAddress.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "1:2:3:4:5:6:7:8:9",
        "1::2::3", ":1:2:3:4:5:6:7", "12345::", "g::1", "1:2:3:4:5:6:7::8", "fe80::1%eth0", "", "::1.2.3", "1:2:3:4:5:6:7:"})
    void rejectsMalformedTextWithTheTextInTheMessage(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(bad));
        assertTrue(bad.isEmpty() || e.getMessage().contains(bad), e.getMessage());
    }

    @Test
    void bytesRoundTrip() {
        IpAddress v6 = IpAddress.parse("2001:db8:1:2:3:4:5:6");
        byte[] b = v6.toBytes();
        assertEquals(16, b.length);
        assertEquals(0x20, b[0] & 0xFF);
        assertEquals(0x06, b[15] & 0xFF);
        assertEquals(v6, IpAddress.fromBytes(b));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, IpAddress.parse("192.0.2.1").toBytes());
        assertFalse(IpAddress.parse("0.0.0.1").equals(IpAddress.parse("::1")));
    }

    @Test
    void prefixContainsAndMasking() {
        IpPrefix p = IpPrefix.parse("10.1.0.0/16");
        assertTrue(p.contains(IpAddress.parse("10.1.255.7")));
        assertFalse(p.contains(IpAddress.parse("10.2.0.1")));
        assertFalse(p.contains(IpAddress.parse("::a01:1")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8")));
        IpPrefix v6 = IpPrefix.parse("2001:db8:8000::/33");
        assertTrue(v6.contains(IpAddress.parse("2001:db8:ffff::1")));
        assertFalse(v6.contains(IpAddress.parse("2001:db8:7fff::1")));
        IpPrefix deep = IpPrefix.parse("2001:db8::8:0/125");
        assertTrue(deep.contains(IpAddress.parse("2001:db8::8:7")));
        assertFalse(deep.contains(IpAddress.parse("2001:db8::8:8")));
        assertTrue(IpPrefix.parse("10.0.0.0/8").contains(p));
        assertEquals("10.0.0.1/32", IpPrefix.parse("10.0.0.1").toString());
        assertEquals("10.0.0.0/24", IpPrefix.parseMasked("10.0.0.77/24").toString());
    }

    @Test
    void prefixWithHostBitsIsRejectedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.1/24"));
        assertTrue(e.getMessage().contains("10.0.0.0/24"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse("10.0.0.0/+8"));
    }

    @Test
    void plusStepsWithinTheFamilyAndCarriesAcrossTheHalves() {
        assertEquals(IpAddress.parse("10.0.1.0"), IpAddress.parse("10.0.0.255").plus(1));
        assertEquals(IpAddress.parse("10.0.0.255"), IpAddress.parse("10.0.1.0").plus(-1));
        assertEquals(IpAddress.parse("255.255.255.255"), IpAddress.parse("0.0.0.0").plus(0xFFFF_FFFFL));
        assertEquals(IpAddress.v6(1, 0), IpAddress.v6(0, -1L).plus(1));
        assertEquals(IpAddress.v6(0, -1L), IpAddress.v6(1, 0).plus(-1));
        assertEquals(IpAddress.parse("2001:db8::1:0"), IpAddress.parse("2001:db8::ffff").plus(1));
        assertEquals(IpAddress.v6(0, 0), IpAddress.v6(0, Long.MIN_VALUE).plus(Long.MIN_VALUE));
        assertEquals(IpAddress.parse("::1"), IpAddress.parse("::1").plus(0));
        for (Runnable outside : new Runnable[] {
            () -> IpAddress.parse("255.255.255.255").plus(1),
            () -> IpAddress.parse("0.0.0.0").plus(-1),
            () -> IpAddress.parse("0.0.0.0").plus(Long.MAX_VALUE),
            () -> IpAddress.parse("255.255.255.255").plus(Long.MIN_VALUE),
            () -> IpAddress.v6(-1L, -1L).plus(1),
            () -> IpAddress.v6(0, 0).plus(-1),
        }) {
            assertThrows(IllegalArgumentException.class, outside::run);
        }
    }

    @Test
    void prefixesOverlapWhenOneContainsTheOther() {
        assertTrue(IpPrefix.parse("10.0.0.0/8").overlaps(IpPrefix.parse("10.9.9.9/32")));
        assertTrue(IpPrefix.parse("10.9.9.9/32").overlaps(IpPrefix.parse("10.0.0.0/8")));
        assertTrue(IpPrefix.parse("10.0.0.0/24").overlaps(IpPrefix.parse("10.0.0.0/24")));
        assertFalse(IpPrefix.parse("10.0.0.0/25").overlaps(IpPrefix.parse("10.0.0.128/25")));
        assertTrue(IpPrefix.parse("0.0.0.0/0").overlaps(IpPrefix.parse("192.0.2.0/24")));
        assertFalse(IpPrefix.parse("::/0").overlaps(IpPrefix.parse("0.0.0.0/0")));
        assertTrue(IpPrefix.parse("2001:db8::/32").overlaps(IpPrefix.parse("2001:db8:ffff::1/128")));
        assertFalse(IpPrefix.parse("2001:db8::/33").overlaps(IpPrefix.parse("2001:db8:8000::/33")));
    }

    @Test
    void prefixSizeCountsAddressesAndSaturates() {
        assertEquals(256, IpPrefix.parse("10.0.0.0/24").size());
        assertEquals(1, IpPrefix.parse("10.0.0.1/32").size());
        assertEquals(1L << 32, IpPrefix.parse("0.0.0.0/0").size());
        assertEquals(1, IpPrefix.parse("2001:db8::1/128").size());
        assertEquals(1L << 62, IpPrefix.parse("2001:db8::/66").size());
        assertEquals(Long.MAX_VALUE, IpPrefix.parse("2001:db8::/65").size());
        assertEquals(Long.MAX_VALUE, IpPrefix.parse("::/0").size());
    }

    @Test
    void interfaceAddressKeepsHostBitsAndGivesSubnet() {
        InterfaceAddress a = InterfaceAddress.parse("192.168.1.10/24");
        assertEquals(IpAddress.parse("192.168.1.10"), a.address());
        assertEquals(IpPrefix.parse("192.168.1.0/24"), a.subnet());
    }

    /** The JDK's literal parser (no DNS for literals) agrees with ours on random addresses rich in zero runs. */
    @Test
    void agreesWithTheJdkOnRandomIpv6Text() throws Exception {
        long seed = 5952;
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < 5000; i++) {
            long hi = 0;
            long lo = 0;
            for (int g = 0; g < 4; g++) {
                hi = (hi << 16) | (r.nextInt(3) == 0 ? r.nextInt(65536) : 0);
                lo = (lo << 16) | (r.nextInt(3) == 0 ? r.nextInt(65536) : 0);
            }
            IpAddress a = IpAddress.v6(hi, lo);
            String text = a.toString();
            assertArrayEquals(java.net.InetAddress.getByName(text).getAddress(), a.toBytes(), "seed " + seed + ": " + text);
            assertEquals(a, IpAddress.parse(text));
            assertFalse(text.contains(":::"), text);
            assertFalse(text.matches(".*(^|:)0+[0-9a-f]+.*") && text.matches(".*(^|:)0[0-9a-f].*"), "no leading zeros: " + text);
        }
    }
}
