package dev.wgsim.engine.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.nat.Nat;
import dev.wgsim.engine.nat.NatConfig;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.TestNets;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** STUN against RFC 5769's published test vectors, then through the simulated NATs. */
class StunTest {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);
    static final byte[] TXID = HEX.parseHex("b7e7a701bc34d686fa87dfae");

    /** RFC 5769 section 2.1, Sample Request. */
    static final byte[] REQUEST = HEX.parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae"
            + "802200105354554e20746573742063" + "6c69656e74"
            + "002400046e0001ff" + "80290008932ff9b151263b36"
            + "000600096576746a3a6836765920202000080014"
            + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2" + "80280004e57a3bcf");
    /** RFC 5769 section 2.2, Sample IPv4 Response. */
    static final byte[] RESPONSE_V4 = HEX.parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7" + "80280004c07d4c96");
    /** RFC 5769 section 2.3, Sample IPv6 Response. */
    static final byte[] RESPONSE_V6 = HEX.parseHex(
            "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41" + "80280004c8fb0b4c");

    @Test
    void rfc5769SampleRequest() {
        assertEquals(108, REQUEST.length);
        Stun.Parsed p = Stun.parse(REQUEST);
        assertTrue(p.ok(), p.dropReason());
        Stun.Message m = p.message();
        assertTrue(m.isRequest());
        assertArrayEquals(TXID, m.transactionId());
        assertEquals("STUN test client", m.software());
        assertTrue(m.fingerprint());
        assertTrue(Stun.integrityValid(m, PASSWORD), "HMAC-SHA1 with the RFC's password");
        assertFalse(Stun.integrityValid(m, "wrong".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rfc5769SampleResponses() {
        Stun.Message v4 = Stun.parse(RESPONSE_V4).message();
        assertTrue(v4.isSuccess());
        assertEquals(Endpoint.parse("192.0.2.1:32853"), v4.mapped());
        assertEquals("test vector", v4.software(), "11 bytes; the 12th is padding");
        assertTrue(Stun.integrityValid(v4, PASSWORD));
        Stun.Message v6 = Stun.parse(RESPONSE_V6).message();
        assertEquals(new Endpoint(IpAddress.parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), v6.mapped());
        assertTrue(Stun.integrityValid(v6, PASSWORD));
    }

    @Test
    void ourResponsesEncodeXorMappedAddressAsTheRfcVectorsDo() {
        byte[] v4 = Stun.bindingResponse(TXID, Endpoint.parse("192.0.2.1:32853"));
        assertEquals("002000080001a147e112a643", HEX.formatHex(Arrays.copyOfRange(v4, 20, 32)));
        byte[] v6 = Stun.bindingResponse(TXID, new Endpoint(IpAddress.parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
        assertEquals("002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9", HEX.formatHex(Arrays.copyOfRange(v6, 20, 44)));
        assertTrue(Stun.parse(v4).message().fingerprint(), "our FINGERPRINT verifies");
        byte[] req = Stun.bindingRequest(TXID);
        assertEquals("000100082112a442b7e7a701bc34d686fa87dfae80280004", HEX.formatHex(Arrays.copyOf(req, 24)));
        assertTrue(Stun.parse(req).message().isRequest());
    }

    @Test
    void brokenMessagesAreReasonsNotExceptions() {
        byte[] flipped = RESPONSE_V4.clone();
        flipped[30] ^= 1;
        assertEquals("bad_fingerprint", Stun.parse(flipped).dropReason());
        assertEquals("malformed", Stun.parse(Arrays.copyOf(RESPONSE_V4, 76)).dropReason());
        assertEquals("not_stun", Stun.parse(new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}).dropReason());
        assertEquals("not_stun", Stun.parse(new byte[3]).dropReason());
        byte[] badLength = RESPONSE_V4.clone();
        badLength[25 - 2] = (byte) 0xFF; // SOFTWARE's length runs past the end
        assertEquals("malformed", Stun.parse(badLength).dropReason());
        for (int n = 0; n < RESPONSE_V6.length; n++) {
            Stun.parse(Arrays.copyOf(RESPONSE_V6, n)); // every truncation: a reason, never an exception
        }
    }

    /** client behind NAT "home" (192.168.1.10) -> inet -> STUN servers 198.51.100.1 and 198.51.100.2 on 3478. */
    static StunClient probeThrough(NatConfig config) {
        Network net = new Network(21);
        Host c = net.addHost("c");
        Host home = net.addHost("home");
        Host inet = net.addRouter("inet");
        LinkConfig wire = LinkConfig.builder().delayNanos(2_000_000).build();
        Link lan = TestNets.connect(net, "lan", c, "eth0", "192.168.1.10/24", home, "lan", "192.168.1.1/24", wire, wire);
        Link wan = TestNets.connect(net, "wan", home, "wan", "203.0.113.7/24", inet, "w", "203.0.113.1/24", wire, wire);
        c.setDefaultRoute(lan.a());
        home.setDefaultRoute(wan.a());
        for (int i = 1; i <= 2; i++) {
            Host s = net.addHost("stun" + i);
            Link l = TestNets.connect(net, "s" + i, s, "eth0", "198.51.100." + i + "/24", inet, "s" + i, "198.51.100.254/24", wire, wire);
            s.setDefaultRoute(l.a());
            inet.addRoute(IpPrefix.parse("198.51.100." + i + "/32"), l.b());
            new StunServer(s);
        }
        new Nat(net, "home", home, wan.a(), config);
        StunClient client = new StunClient(c, 41641);
        net.at(0, () -> client.probe(Endpoint.parse("198.51.100.1:3478")));
        net.at(0, () -> client.probe(Endpoint.parse("198.51.100.2:3478")));
        net.loop().runUntil(1_000_000_000L);
        return client;
    }

    @Test
    void reflexiveAddressThroughEasyAndHardNats() {
        StunClient easy = probeThrough(NatConfig.preset("easy"));
        Endpoint e1 = easy.reflexive(Endpoint.parse("198.51.100.1:3478"));
        Endpoint e2 = easy.reflexive(Endpoint.parse("198.51.100.2:3478"));
        assertEquals(IpAddress.parse("203.0.113.7"), e1.address(), "the NAT's public address");
        assertTrue(e1.port() >= 32768, "vnet easy: a random port in 32768-65535: " + e1);
        assertEquals(e1, e2, "endpoint-independent: both servers see one port");
        assertFalse(easy.mappingVariesByDestIp());
        assertEquals(12_000_000L, easy.rttNanos().get(Endpoint.parse("198.51.100.1:3478")), "3 links of 2 ms each way");

        StunClient hard = probeThrough(NatConfig.preset("hard"));
        Endpoint h1 = hard.reflexive(Endpoint.parse("198.51.100.1:3478"));
        Endpoint h2 = hard.reflexive(Endpoint.parse("198.51.100.2:3478"));
        assertEquals(h1.address(), h2.address());
        assertNotEquals(h1.port(), h2.port(), "a new port per destination");
        assertTrue(hard.mappingVariesByDestIp(), "netcheck's MappingVariesByDestIP");
    }

    @Test
    void serverCountsWhatItDropsAndIgnoresResponses() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.ideal());
        StunServer server = new StunServer(p.b());
        var out = p.a().bind(5000, (now, s, d, b) -> { });
        out.send(Endpoint.parse("10.0.0.2:3478"), new byte[] {1, 2, 3});
        out.send(Endpoint.parse("10.0.0.2:3478"), RESPONSE_V4);
        out.send(Endpoint.parse("10.0.0.2:3478"), Stun.bindingRequest(TXID));
        p.net().loop().runUntil(1_000_000_000L);
        assertEquals(1, server.answered());
        assertEquals(java.util.Map.of("not_stun", 1L, "not_a_request", 1L), server.drops());
    }
}
