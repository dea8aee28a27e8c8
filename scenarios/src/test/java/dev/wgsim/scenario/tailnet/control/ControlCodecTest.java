package dev.wgsim.scenario.tailnet.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Control messages survive JSON both ways; garbage decodes to nothing; a patch is far smaller than a map. */
class ControlCodecTest {
    private final Entropy e = Entropy.of(new Random(5));

    private Node node(long id) {
        List<IpPrefix> a = List.of(IpPrefix.parse("100.64.0." + id + "/32"), IpPrefix.parse("fd7a:115c:a1e0::" + id + "/128"));
        return new Node(id, "n" + id, PrivateKey.generate(e).publicKey(), PrivateKey.generate(e).publicKey(), a, a,
                List.of(Endpoint.parse("198.51.100." + id + ":41641"), Endpoint.parse("[2001:db8::" + id + "]:41641")), 1, Node.NEVER,
                false);
    }

    @Test
    void everyMessageRoundTrips() {
        PublicKey k = PrivateKey.generate(e).publicKey();
        List<ControlMessage> all = List.of(
                new ControlMessage.RegisterRequest("laptop", k, null, "tskey-1"),
                new ControlMessage.RegisterRequest("laptop", k, PrivateKey.generate(e).publicKey(), "tskey-1"),
                new ControlMessage.RegisterResponse(true, null, List.of(IpPrefix.parse("100.64.0.1/32")), 123),
                new ControlMessage.RegisterResponse(false, "pre-auth key expired", List.of(), Node.NEVER),
                new ControlMessage.MapRequest(k, k, List.of(Endpoint.parse("203.0.113.1:41641")), 2, true),
                new ControlMessage.MapResponse(true, node(1), List.of(node(2), node(3)), List.of(), List.of(), List.of()),
                new ControlMessage.MapResponse(false, null, List.of(), List.of(node(4).asExpired()),
                        List.of(new ControlMessage.PeerPatch(2, List.of(Endpoint.parse("203.0.113.9:1")), 3)), List.of(5L, 6L)));
        for (ControlMessage m : all) {
            assertEquals(m, ControlCodec.decode(ControlCodec.encode(m)));
        }
    }

    @Test
    void garbageDecodesToNothing() {
        assertNull(ControlCodec.decode("not json".getBytes(StandardCharsets.UTF_8)));
        assertNull(ControlCodec.decode("[1,2]".getBytes(StandardCharsets.UTF_8)));
        assertNull(ControlCodec.decode("{\"Type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(ControlCodec.decode("{\"Type\":\"MapRequest\",\"NodeKey\":\"nodekey:00\"}".getBytes(StandardCharsets.UTF_8)));
        String wrongPrefix = "{\"Type\":\"RegisterRequest\",\"Hostname\":\"x\",\"NodeKey\":\"discokey:" + "00".repeat(32) + "\"}";
        assertNull(ControlCodec.decode(wrongPrefix.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullMapGrowsWithPeersAndAPatchStaysSmall() {
        List<Node> peers = new java.util.ArrayList<>();
        for (int i = 2; i < 102; i++) {
            peers.add(node(i % 250));
        }
        int full = ControlCodec.encode(new ControlMessage.MapResponse(true, node(1), peers, List.of(), List.of(), List.of())).length;
        int patch = ControlCodec.encode(new ControlMessage.MapResponse(false, null, List.of(), List.of(),
                List.of(new ControlMessage.PeerPatch(7, List.of(Endpoint.parse("203.0.113.9:41641")), 1)), List.of())).length;
        // each peer carries two 64-hex-digit keys alone: at least 100 x 128 bytes
        assertTrue(full > 100 * 128, "full map " + full);
        assertTrue(patch < 150, "patch " + patch);
    }
}
