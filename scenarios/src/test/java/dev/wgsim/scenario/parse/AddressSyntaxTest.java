package dev.wgsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wgsim.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTest {

    @Test
    void parsesWithTheEngineTypes() {
        assertEquals(IpAddress.parse("2001:db8::1"), AddressSyntax.address("2001:DB8:0:0:0:0:0:1"));
        assertEquals("10.0.0.1/24", AddressSyntax.interfaceAddress("10.0.0.1/24").toString());
        assertEquals("192.0.2.1/32", AddressSyntax.interfaceAddress("192.0.2.1").toString());
        assertEquals("10.0.0.0/24", AddressSyntax.prefix("10.0.0.1/24").toString());
        assertEquals("2001:db8::/32", AddressSyntax.prefix("2001:db8:ffff::1/32").toString());
        assertEquals("2001:db8::1/128", AddressSyntax.prefix("2001:db8::1").toString());
        assertEquals("[2001:db8::1]:51820", AddressSyntax.endpoint("[2001:db8::1]:51820").toString());
        assertEquals("192.0.2.1:65535", AddressSyntax.endpoint("192.0.2.1:65535").toString());
    }

    /** Reason and fix as a scenario error shows them, split at '|'. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "300.1.2.3; '300.1.2.3' is not an IP address|Write an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1.",
        "1::2::3; '1::2::3' is not an IP address|Write an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1.",
    })
    void addressErrors(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> AddressSyntax.address(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "10.1.0.0/33; '10.1.0.0/33' has a bad prefix length|Write a length from 0 to 32 after the slash, e.g. 10.0.0.0/24.",
        "10.1.0.0/; '10.1.0.0/' has a bad prefix length|Write a length from 0 to 32 after the slash, e.g. 10.0.0.0/24.",
        "10.1.0.0/-1; '10.1.0.0/-1' has a bad prefix length|Write a length from 0 to 32 after the slash, e.g. 10.0.0.0/24.",
        "2001:db8::/129; '2001:db8::/129' has a bad prefix length|Write a length from 0 to 128 after the slash, e.g. 10.0.0.0/24.",
        "10.1.0/24; '10.1.0' is not an IP address|Write an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1.",
    })
    void prefixErrorsNameTheAddressOrTheLength(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> AddressSyntax.prefix(text)).getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> AddressSyntax.interfaceAddress(text)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.7", "2001:db8::1:51820", "300.1.2.3:51820", "192.0.2.7:x", "[2001:db8::1]51820", "192.0.2.7:00051820"})
    void malformedEndpoints(String text) {
        assertEquals("'" + text + "' is not an endpoint|Write address:port, e.g. 192.0.2.1:51820 or [2001:db8::1]:51820.",
                assertThrows(IllegalArgumentException.class, () -> AddressSyntax.endpoint(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.7:0, 0", "192.0.2.7:70000, 70000", "[2001:db8::1]:65536, 65536", "192.0.2.7:-1, -1"})
    void portsOutsideOneTo65535(String text, int port) {
        assertEquals("port " + port + " in '" + text + "' is out of range|Use a UDP port from 1 to 65535.",
                assertThrows(IllegalArgumentException.class, () -> AddressSyntax.endpoint(text)).getMessage());
    }
}
