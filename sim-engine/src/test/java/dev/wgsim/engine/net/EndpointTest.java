package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wgsim.net.IpAddress;
import org.junit.jupiter.api.Test;

/** The engine's UDP endpoint text: {@code 192.0.2.1:51820}, {@code [2001:db8::1]:51820}. */
class EndpointTest {

    @Test
    void endpointsParseAndPrint() {
        assertEquals(new Endpoint(IpAddress.parse("1.2.3.4"), 51820), Endpoint.parse("1.2.3.4:51820"));
        Endpoint v6 = Endpoint.parse("[2001:db8::1]:51820");
        assertEquals(IpAddress.parse("2001:db8::1"), v6.address());
        assertEquals("[2001:db8::1]:51820", v6.toString());
        assertEquals("1.2.3.4:0", Endpoint.parse("1.2.3.4:0").toString());
        for (String bad : new String[] {"1.2.3.4", "1.2.3.4:65536", "2001:db8::1:51820", "[2001:db8::1]51820", "1.2.3.4:x", ":5"}) {
            assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(bad), bad);
        }
    }
}
