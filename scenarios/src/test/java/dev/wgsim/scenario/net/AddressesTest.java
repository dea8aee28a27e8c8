package dev.wgsim.scenario.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
    @Test
    void parsesAndPrintsCanonically() {
        assertEquals("192.0.2.1", IpAddr.parse("192.0.2.1").toString());
        assertEquals("2001:db8::1", IpAddr.parse("2001:DB8:0:0:0:0:0:1").toString());
        assertEquals("::", IpAddr.parse("::").toString());
        assertEquals("::ffff:c000:201", IpAddr.parse("::ffff:192.0.2.1").toString());
        assertEquals("fd00:1:0:0:1::", IpAddr.parse("fd00:1:0:0:1:0:0:0").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "example.com", "1::2::3", "12345::", "a.b.c.d", ""})
    void rejectsNonLiterals(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddr.parse(text));
    }

    @Test
    void prefixesMaskAndOverlap() {
        Prefix p = Prefix.parse("10.0.0.1/24");
        assertEquals("10.0.0.0/24", p.network().toString());
        assertTrue(p.contains(IpAddr.parse("10.0.0.200")));
        assertFalse(p.contains(IpAddr.parse("10.0.1.1")));
        assertTrue(Prefix.parse("10.0.0.0/8").overlaps(Prefix.parse("10.9.9.9/32")));
        assertFalse(Prefix.parse("10.0.0.0/25").overlaps(Prefix.parse("10.0.0.128/25")));
        assertFalse(Prefix.parse("::/0").overlaps(Prefix.parse("0.0.0.0/0")));
        assertEquals("2001:db8::/32", Prefix.parse("2001:db8:ffff::1/32").network().toString());
        assertEquals(32, Prefix.parse("192.0.2.1").length());
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse("10.0.0.0/-1"));
    }

    @Test
    void endpoints() {
        assertEquals("192.0.2.1:51820", Endpoint.parse("192.0.2.1:51820").toString());
        assertEquals("[2001:db8::1]:51820", Endpoint.parse("[2001:db8::1]:51820").toString());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("192.0.2.1"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("192.0.2.1:70000"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("2001:db8::1:51820"));
    }

    @Test
    void poolArithmeticCarriesAcrossHalves() {
        IpAddr a = new IpAddr(true, 0, -1L);
        assertEquals(new IpAddr(true, 1, 0), a.plus(1));
        assertThrows(IllegalArgumentException.class, () -> IpAddr.parse("255.255.255.255").plus(1));
    }
}
