package dev.wgsim.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endpoint text as wg(8) writes it: host:port, IPv6 in brackets. */
class HostPortTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1:51820 | 192.0.2.1 | false | 51820",
        "vpn.example.com:1 | vpn.example.com | false | 1",
        "[2001:db8::1]:65535 | 2001:db8::1 | true | 65535",
        "[::ffff:192.0.2.1]:443 | ::ffff:192.0.2.1 | true | 443",
    })
    void splitsHostAndPort(String text, String host, boolean bracketed, int port) {
        HostPort hp = HostPort.split(text);
        assertEquals(host, hp.host());
        assertEquals(bracketed, hp.bracketed());
        assertEquals(port, hp.port(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1 | has no port",
        ":51820 | has no host",
        "2001:db8::1:51820 | without brackets",
        "[2001:db8::1]51820 | must look like [v6-address]:port",
        "[2001:db8::1 | must look like [v6-address]:port",
        "[2001:db8::1]: | port '' must be a number from 1 to 65535",
        "192.0.2.1:0 | port '0' must be a number from 1 to 65535",
        "192.0.2.1:65536 | port '65536' must be a number from 1 to 65535",
        "192.0.2.1:-1 | port '-1' must be a number",
        "192.0.2.1:0x10 | port '0x10' must be a number",
    })
    void badShapesNameTheTextAndTheProblem(String text, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.split(text).port(1));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"vpn.example.com:51820", "192.0.2.256:51820"})
    void anAddressMustBeALiteral(String text) {
        HostPort hp = HostPort.split(text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, hp::address);
        assertTrue(e.getMessage().startsWith("endpoint '" + text + "': "), e.getMessage());
        assertFalse(IpAddress.isLiteral(hp.host()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"192.0.2.1:0 | 0", "[::1]:65535 | 65535"})
    void portZeroIsAllowedWhenTheCallerSaysSo(String text, int port) {
        assertEquals(port, HostPort.split(text).port(0));
    }
}
