package dev.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prefix text as WireGuard's AllowedIPs take it (host bits cleared, as wg and wireguard-go store them). */
class IpPrefixTest {

    @Test
    void parseMaskedClearsHostBits() {
        IpPrefix p = IpPrefix.parseMasked("10.1.2.3/24");
        assertEquals("10.1.2.0/24", p.toString());
        assertEquals(IpAddress.v4(10, 1, 2, 0), p.address());
        assertEquals(24, p.length());
        assertEquals(IpPrefix.parse("10.1.2.0/24"), p);
        assertEquals(IpPrefix.parse("10.1.2.0/24").hashCode(), p.hashCode());
        assertEquals("10.1.0.0/23", IpPrefix.parseMasked("10.1.1.255/23").toString());
        assertEquals("0.0.0.0/0", IpPrefix.parseMasked("255.1.1.255/0").toString());
    }

    @Test
    void addressWithoutLengthIsAHost() {
        assertEquals("10.0.0.1/32", IpPrefix.parseMasked("10.0.0.1").toString());
        assertEquals("fd00::1/128", IpPrefix.parseMasked("fd00::1").toString());
    }

    /** Address text itself is IpAddressTest's; here, what masking leaves of an IPv6 prefix. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::/0 | ::/0",
        "1::/16 | 1::/16",
        "2404:6800:4004:800:dead:beef:dead:beef/64 | 2404:6800:4004:800::/64",
        "fe80::1:2:3:4/65 | fe80::/65",
        "fe80::ffff:2:3:4/66 | fe80::c000:0:0:0/66",
        "2001:db8:ffff::/33 | 2001:db8:8000::/33",
    })
    void ipv6HostBitsAreCleared(String in, String out) {
        assertEquals(out, IpPrefix.parseMasked(in).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33 | prefix length 33 is larger than 32",
        "fd00::/129 | prefix length 129 is larger than 128",
        "10.0.0/8 | expected four decimal numbers",
        "10.0.0.256/8 | (256) is larger than 255",
        "10.0.0.01/8 | leading zero",
        "10.0.0.0/ | prefix length '' must be a number",
        "10.0.0.0/-1 | prefix length '-1' must be a number",
        "fd00:::1/64 | ",
        "1::2::3/64 | '::' may appear only once",
        "1:2:3:4:5:6:7/64 | expected 8 groups",
        "1:2:3:4:5:6:7:8:9/64 | more than 8 groups",
        "fe80::1%eth0/64 | zone ids",
        "12345::/16 | must be 1 to 4 hex digits",
        "g::/16 | is not hexadecimal",
        "example.com/24 | expected four decimal numbers",
    })
    void badPrefixesNameTheProblem(String in, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseMasked(in));
        assertTrue(e.getMessage().contains(in), e.getMessage());
        if (fragment != null) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
    }

    @Test
    void containsChecksFamilyAndBits() {
        IpPrefix p = IpPrefix.parse("192.168.0.0/16");
        assertTrue(p.contains(IpAddress.parse("192.168.255.1")));
        assertFalse(p.contains(IpAddress.parse("192.169.0.1")));
        assertFalse(p.contains(IpAddress.parse("::ffff:192.168.0.1")));
        assertTrue(IpPrefix.parse("::/0").contains(IpAddress.parse("2001:db8::1")));
        assertTrue(IpPrefix.parse("fe80::/65").contains(IpAddress.parse("fe80::7fff:ffff:ffff:ffff")));
        assertFalse(IpPrefix.parse("fe80::/65").contains(IpAddress.parse("fe80::8000:0:0:0")));
    }

    @Test
    void misuseFailsFast() {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.masked(IpAddress.fromBytes(new byte[5]), 1));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.masked(IpAddress.v4(0), 33));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseMasked(" "));
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parseMasked(""));
    }
}
