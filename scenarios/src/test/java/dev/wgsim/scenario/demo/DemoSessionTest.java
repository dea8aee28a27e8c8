package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.device.PeerSnapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's actions against the real example scenario, without any browser or HTTP. */
class DemoSessionTest {
    static final Path EXAMPLE = Path.of("examples/cryptokey-routing.yaml");

    DemoSession demo;

    @BeforeEach
    void open() {
        demo = DemoSession.open(EXAMPLE);
    }

    static DemoState.Peer row(DemoState s, String name) {
        return s.peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static boolean logHas(DemoSession d, String kind, String text) {
        return d.log().entries().stream().anyMatch(e -> e.kind().equals(kind) && e.text().contains(text));
    }

    @Test
    void showsWg0OfHomeWithItsThreePeersAndNoSessionBeforeAnyAction() {
        DemoState s = demo.state();
        assertEquals("wg0", s.iface().name());
        assertEquals("home", s.iface().node());
        assertEquals("10.0.0.1/24", s.iface().address());
        assertEquals(51820, s.iface().listenPort());
        assertEquals(demo.device().publicKey().toBase64(), s.iface().publicKey());
        assertEquals(List.of("laptop", "phone", "server"), s.peers().stream().map(DemoState.Peer::name).toList());
        assertEquals(List.of("10.0.0.4/32", "192.168.50.0/24"), row(s, "server").allowedIps());
        assertNull(row(s, "laptop").sessionKey());
        assertNull(row(s, "laptop").nonce());
        assertEquals(0, s.nowNanos());
    }

    @Test
    void firstSendHandshakesAndEverySendAdvancesTheRealNonceByOne() {
        DemoState s1 = demo.send("laptop");
        DemoState.Peer laptop = row(s1, "laptop");
        assertTrue(logHas(demo, "handshake", "⚡ HANDSHAKE with laptop"), demo.log().entries().toString());
        assertTrue(logHas(demo, "initiation", "handshake initiation to laptop"));
        assertTrue(logHas(demo, "delivered", "laptop received “hello laptop #1 from wg0” from 10.0.0.1"));
        assertEquals("delivered", s1.lastPacket().outcome());
        PeerSnapshot.Session real = session(demo, "laptop");
        assertEquals(real.sendKeyBase64(), laptop.sessionKey());
        assertEquals(real.sendCounter(), laptop.nonce());
        demo.send("laptop");
        DemoState s3 = demo.send("laptop");
        assertEquals(laptop.nonce() + 2, row(s3, "laptop").nonce());
        assertEquals(laptop.sessionKey(), row(s3, "laptop").sessionKey(), "no new handshake within 2 s");
        assertTrue(row(s3, "laptop").txBytes() > laptop.txBytes());
        assertEquals(3_000_000_000L, s3.nowNanos(), "each Send runs the clock one step");
    }

    static PeerSnapshot.Session session(DemoSession d, String name) {
        String key = row(d.state(), name).publicKey();
        return d.device().snapshot().peers().stream().filter(p -> p.publicKey().toBase64().equals(key))
                .findFirst().orElseThrow().currentSession();
    }

    @Test
    void recvIsDecryptedCheckedAndDelivered() {
        DemoState s = demo.recv("server");
        assertEquals("delivered", s.lastPacket().outcome());
        assertTrue(logHas(demo, "delivered", "home received “hello wg0 #1 from server” from 10.0.0.4"));
        assertTrue(logHas(demo, "handshake", "⚡ HANDSHAKE with server complete (wg0 was the responder)"));
        assertTrue(row(s, "server").rxBytes() > 0);
    }

    @Test
    void roamChangesTheEndpointOnlyWhenTheNextAuthenticatedPacketArrives() {
        demo.send("laptop");
        String before = row(demo.state(), "laptop").endpoint();
        assertEquals("203.0.113.10:51820", before);
        DemoState roamed = demo.roam("laptop");
        assertEquals(before, row(roamed, "laptop").endpoint(), "roaming alone teaches wg0 nothing");
        assertEquals("198.18.0.1", row(roamed, "laptop").outerAddress());
        DemoState after = demo.recv("laptop");
        assertEquals("198.18.0.1:51820", row(after, "laptop").endpoint());
        assertTrue(logHas(demo, "endpoint", "laptop's endpoint changed: 203.0.113.10:51820 → 198.18.0.1:51820"));
    }

    @Test
    void phoneRoamsFromWifiToTheScenariosLteAddressAndBack() {
        assertEquals("203.0.113.77", row(demo.roam("phone"), "phone").outerAddress());
        DemoState lte = demo.recv("phone");
        assertEquals("delivered", lte.lastPacket().outcome());
        assertEquals("203.0.113.77:51820", row(lte, "phone").endpoint());
        assertEquals("delivered", demo.send("phone").lastPacket().outcome(), "replies follow the phone to LTE");
        assertEquals("192.0.2.20", row(demo.roam("phone"), "phone").outerAddress());
        assertEquals("192.0.2.20:51820", row(demo.recv("phone"), "phone").endpoint());
    }

    @Test
    void addedPeerWithoutMatchingAllowedIpIsDroppedOnRecvInPlainWords() {
        DemoState s = demo.addPeer(new AddPeerRequest("tablet", "", "10.0.0.50/32", "203.0.113.50:51820", "10.0.0.5"));
        DemoState.Peer tablet = row(s, "tablet");
        assertEquals(List.of("10.0.0.50/32"), tablet.allowedIps());
        assertEquals("203.0.113.50:51820", tablet.endpoint());
        assertTrue(tablet.simulated());
        DemoState r = demo.recv("tablet");
        assertEquals("dropped", r.lastPacket().outcome());
        assertEquals("home", r.lastPacket().dropAt());
        assertTrue(logHas(demo, "drop", "dropped: source 10.0.0.5 is not in tablet's allowed IPs"),
                demo.log().entries().toString());
        assertTrue(logHas(demo, "handshake", "⚡ HANDSHAKE with tablet"), "the handshake itself succeeds");
        assertEquals(1, demo.device().dropCount(dev.wgsim.wg.device.DropReason.ALLOWED_IPS));
    }

    @Test
    void addedPeerWithMatchingAllowedIpTalksBothWays() {
        demo.addPeer(new AddPeerRequest("", "", "10.0.0.6/32", "", ""));
        DemoState s = demo.recv("peer4");
        assertEquals("delivered", s.lastPacket().outcome());
        assertEquals("198.18.0.1:51820", row(s, "peer4").endpoint(), "endpoint learned from its first packet");
        assertEquals("delivered", demo.send("peer4").lastPacket().outcome());
    }

    @Test
    void invalidAddPeerInputNamesTheFieldAndChangesNothing() {
        DemoState before = demo.state();
        assertField("publicKey", new AddPeerRequest("x", "not-a-key", "10.0.0.7/32", "", ""));
        assertField("publicKey", new AddPeerRequest("x", "AAAA", "10.0.0.7/32", "", ""));
        assertField("publicKey", new AddPeerRequest("x", before.iface().publicKey(), "10.0.0.7/32", "", ""));
        assertField("publicKey", new AddPeerRequest("x", row(before, "laptop").publicKey(), "10.0.0.7/32", "", ""));
        assertField("allowedIps", new AddPeerRequest("x", "", "10.0.0.300/32", "", ""));
        assertField("allowedIps", new AddPeerRequest("x", "", "10.0.0.0/33", "", ""));
        DemoInputException owned = assertField("allowedIps", new AddPeerRequest("x", "", "10.0.0.2/32", "", ""));
        assertEquals("10.0.0.2/32 is already laptop's; the demo refuses the same prefix on two peers (wg set would move"
                + " it away from laptop). A wider or narrower prefix may nest: the longest match wins", owned.getMessage());
        assertField("allowedIps", new AddPeerRequest("x", "", "10.0.0.7/32 10.0.0.7/32", "", ""));
        assertField("endpoint", new AddPeerRequest("x", "", "10.0.0.7/32", "203.0.113.5", ""));
        assertField("endpoint", new AddPeerRequest("x", "", "10.0.0.7/32", "203.0.113.10:51820", ""));
        assertField("name", new AddPeerRequest("laptop", "", "10.0.0.7/32", "", ""));
        assertField("name", new AddPeerRequest("Bad Name", "", "10.0.0.7/32", "", ""));
        assertEquals(before.peers(), demo.state().peers());
        assertEquals(before.topology(), demo.state().topology());
    }

    @Test
    void generatedKeysAreDerivedFromTheSeedAndName() {
        AddPeerRequest tablet = new AddPeerRequest("tablet", "", "10.0.0.50/32", "", "");
        String key = row(demo.addPeer(tablet), "tablet").publicKey();
        assertEquals(key, row(DemoSession.open(EXAMPLE).addPeer(tablet), "tablet").publicKey(), "same seed, same name, same key");
        demo.reset();
        assertEquals(key, row(demo.addPeer(tablet), "tablet").publicKey());
        assertNotEquals(key, row(demo.addPeer(new AddPeerRequest("tv", "", "10.0.0.51/32", "", "")), "tv").publicKey());
        assertEquals("that is the interface's own public key", assertField("publicKey",
                new AddPeerRequest("x", demo.state().iface().publicKey(), "", "", "")).getMessage());
    }

    @Test
    void aSlash24PeerNestsBesideTheSlash32sAndEachSendShowsItsLongestMatch() {
        demo.addPeer(new AddPeerRequest("lan", "", "10.0.0.0/24", "203.0.113.60:51820", ""));
        DemoState toLaptop = demo.send("laptop");
        DemoState.Route r = toLaptop.lastPacket().route();
        assertEquals("10.0.0.2", r.destination());
        assertEquals("laptop", r.peer(), "the /32 is longer than the /24");
        assertEquals("10.0.0.2/32", r.prefix());
        assertEquals(List.of("10.0.0.2/32", "10.0.0.0/24"), r.matches().stream().map(DemoState.Match::prefix).toList());
        assertEquals(List.of(true, false), r.matches().stream().map(DemoState.Match::chosen).toList());
        assertEquals("delivered", toLaptop.lastPacket().outcome());
        DemoState toLan = demo.send("lan");
        assertEquals("10.0.0.5", toLan.lastPacket().route().destination(), "the first free address of the /24");
        assertEquals("lan", toLan.lastPacket().route().peer());
        assertEquals(1, toLan.lastPacket().route().matches().size());
        assertEquals("delivered", toLan.lastPacket().outcome());
        assertTrue(logHas(demo, "delivered", "lan received “hello lan"));
    }

    @Test
    void afterARoamTheEndpointMovesOnlyWithTheNextAuthenticatedPacketAndThatPacketIsNamed() {
        demo.recv("phone");
        demo.roam("phone");
        assertEquals("192.0.2.20:51820", row(demo.state(), "phone").endpoint());
        DemoState forged = demo.forge("phone");
        assertEquals("192.0.2.20:51820", row(forged, "phone").endpoint(), "a forgery from the new address moves nothing");
        assertEquals("dropped", forged.lastPacket().outcome());
        assertNotNull(forged.lastPacket().carrier());
        DemoState later = demo.advance(30_000_000_000L);
        assertEquals("203.0.113.77:51820", row(later, "phone").endpoint(), "the phone's next packet came from LTE");
        DemoState.Packet p = later.lastPacket();
        assertEquals("endpoint", p.action());
        assertEquals("phone", p.from());
        assertNotNull(p.carrier());
        PacketInspector.Inspection causal = demo.inspect(p.carrier());
        assertEquals("received by wg0", causal.direction());
        assertEquals("phone", causal.peer(), "the causal packet opens with the phone's keys");
        assertTrue(causal.outerSource().startsWith("203.0.113.77:"), causal.outerSource());
        LogEntry line = demo.log().entries().stream().filter(e -> e.kind().equals("endpoint")).reduce((a, b) -> b).orElseThrow();
        assertEquals(p.carrier(), line.packet(), "the log line names the same packet");
    }

    @Test
    void aSpoofAfterARoamAuthenticatesSoTheEndpointFollowsItThoughItsContentIsDropped() {
        demo.recv("phone");
        demo.roam("phone");
        DemoState s = demo.spoof("phone");
        assertEquals("dropped", s.lastPacket().outcome(), "the inner source is not the phone's");
        assertEquals("203.0.113.77:51820", row(s, "phone").endpoint(),
                "the endpoint moves after authentication and the replay check, before the inner source check");
    }

    @Test
    void rekeyAfterMessagesIsCheckedAndShownOnTheInterface() {
        assertEquals(String.valueOf(1L << 60), demo.state().iface().rekeyAfterMessages(), "WireGuard's REKEY_AFTER_MESSAGES");
        assertEquals("messages", assertThrows(DemoInputException.class, () -> demo.rekeyAfterMessages(0)).field());
        assertEquals("messages", assertThrows(DemoInputException.class, () -> demo.rekeyAfterMessages(-1)).field());
        assertEquals("10", demo.rekeyAfterMessages(10).iface().rekeyAfterMessages());
    }

    private DemoInputException assertField(String field, AddPeerRequest req) {
        DemoInputException e = assertThrows(DemoInputException.class, () -> demo.addPeer(req));
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }

    @Test
    void pastedKeyPeerCanBeSentToButNotSpokenFor() {
        String key = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
        DemoState s = demo.addPeer(new AddPeerRequest("ext", key, "10.0.0.8/32", "203.0.113.99:51820", ""));
        assertFalse(row(s, "ext").simulated());
        assertEquals("field peer", "field " + assertThrows(DemoInputException.class, () -> demo.recv("ext")).field());
        DemoState sent = demo.send("ext");
        assertEquals("lost", sent.lastPacket().outcome(), "nobody answers the initiation");
        assertNull(row(sent, "ext").sessionKey());
        assertTrue(logHas(demo, "initiation", "handshake initiation to ext"));
    }

    @Test
    void spoofedSourceIsDropped() {
        DemoState s = demo.spoof("laptop");
        assertEquals("dropped", s.lastPacket().outcome());
        assertTrue(logHas(demo, "drop", "dropped: source 10.0.0.3 is not in laptop's allowed IPs"));
    }

    @Test
    void afterTwoMinutesTheInitiatorRekeysOnSendWithANewSessionKey() {
        String first = row(demo.send("laptop"), "laptop").sessionKey();
        demo.advance(120_000_000_000L);
        DemoState s = demo.send("laptop");
        String second = row(s, "laptop").sessionKey();
        assertNotNull(second);
        assertNotEquals(first, second);
        assertEquals(session(demo, "laptop").sendKeyBase64(), second);
        assertTrue(logHas(demo, "rekey", "↻ REKEY with laptop: new session key " + second.substring(0, 8)),
                demo.log().entries().toString());
    }

    @Test
    void advanceRejectsNonsenseAndResetRestoresTheScenario() {
        assertEquals("seconds", assertThrows(DemoInputException.class, () -> demo.advance(0)).field());
        demo.send("laptop");
        demo.addPeer(new AddPeerRequest("tablet", "", "10.0.0.50/32", "", ""));
        DemoState r = demo.reset();
        assertEquals(0, r.nowNanos());
        assertEquals(3, r.peers().size());
        assertNull(row(r, "laptop").sessionKey());
        assertEquals(1, demo.log().entries().size());
        assertEquals(row(r, "laptop").publicKey(), row(demo.state(), "laptop").publicKey());
    }
}
