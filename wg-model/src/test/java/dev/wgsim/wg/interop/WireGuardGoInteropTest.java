package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.config.InterfaceSnapshot;
import dev.wgsim.wg.config.PeerEndpoint;
import dev.wgsim.wg.config.PeerSnapshot;
import dev.wgsim.wg.config.WgShow;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.DropReason;
import dev.wgsim.wg.device.Role;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveDriver;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our device against wireguard-go 0.0.20220316 on loopback (issue 4). Each case pings the kernel
 * behind wireguard-go's TUN with real ICMP through the tunnel and checks both sides: our events
 * and snapshot, and wireguard-go's {@code wg show dump} (handshake time, byte counters, endpoint).
 */
class WireGuardGoInteropTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static long wallSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static PeerSnapshot ourViewOfGo(LivePair pair) {
        InterfaceSnapshot s = pair.driver.snapshot("java0");
        return s.peers().get(0);
    }

    /** wireguard-go and we count the same bytes: whole UDP payloads both ways. */
    private static void assertTransferAgrees(LivePair pair) throws Exception {
        WgDump.Peer theirs = pair.go.awaitDump(d -> {
            PeerSnapshot ours = ourViewOfGo(pair);
            WgDump.Peer p = d.peer(pair.javaPublic()).orElseThrow();
            return p.rxBytes() == ours.txBytes() && p.txBytes() == ours.rxBytes();
        }, 10_000).peer(pair.javaPublic()).orElseThrow();
        PeerSnapshot ours = ourViewOfGo(pair);
        assertEquals(ours.txBytes(), theirs.rxBytes(), "wireguard-go rx = our tx");
        assertEquals(ours.rxBytes(), theirs.txBytes(), "wireguard-go tx = our rx");
    }

    @Test
    void javaInitiatesAndPingsWireguardGo() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            long before = wallSeconds();
            IcmpEcho.Echo reply = pair.ping();
            assertArrayEquals(pair.goInner, reply.source());
            assertArrayEquals(pair.javaInner, reply.destination());
            assertEquals("wgsim interop 1", new String(reply.payload(), java.nio.charset.StandardCharsets.US_ASCII));
            pair.ping();
            pair.ping();

            List<LiveDriver.TimedEvent> ev = pair.driver.events();
            assertTrue(ev.stream().anyMatch(e -> e.event() instanceof WgEvent.HandshakeCompleted c
                    && c.role() == Role.INITIATOR), ev.toString());
            WgDump.Peer theirs = pair.goViewOfUs();
            assertTrue(theirs.latestHandshake() >= before - 1 && theirs.latestHandshake() <= wallSeconds() + 1,
                    "wireguard-go's latest handshake " + theirs.latestHandshake() + " vs now " + wallSeconds());
            assertEquals("127.0.0.1:" + pair.driver.localAddress().getPort(), theirs.endpoint());
            // 148 (initiation) + 3 echo requests of 48 B padded and sealed: 3 x (16 + 48 + 16) = 240.
            assertTrue(theirs.rxBytes() >= 148 + 3 * 80, "rx " + theirs.rxBytes());
            assertTransferAgrees(pair);
            PeerSnapshot ours = ourViewOfGo(pair);
            assertEquals(theirs.latestHandshake(), ours.latestHandshakeEpochSeconds(), 1.0,
                    "both sides date the handshake alike");
        }
    }

    /** wg show's own rendering of a live peer (handshake "ago", transfer units) equals ours. */
    @Test
    void wgShowOfALiveSessionMatchesOurRenderingOfItsDump() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            for (int i = 0; i < 20; i++) {
                pair.ping(); // enough bytes for KiB units
            }
            for (int attempt = 0; ; attempt++) {
                long before = wallSeconds();
                String dump = pair.go.dumpText();
                String show = pair.go.show();
                String dumpAfter = pair.go.dumpText();
                long after = wallSeconds();
                if (before != after || !dump.equals(dumpAfter)) {
                    assertTrue(attempt < 5, "could not get a stable reading");
                    Thread.sleep(200);
                    continue;
                }
                InterfaceSnapshot snap = snapshotOf(pair.go.name(), WgDump.parse(dump));
                assertEquals(WgShow.pretty(snap, before, false), show);
                assertTrue(show.contains("  latest handshake: ") && show.contains(" KiB sent"), show);
                return;
            }
        }
    }

    private static InterfaceSnapshot snapshotOf(String name, WgDump d) {
        List<PeerSnapshot> peers = d.peers().stream().map(p -> new PeerSnapshot(PublicKey.fromBase64(p.publicKey()),
                p.presharedKey().equals("(none)") ? PresharedKey.NONE : PresharedKey.fromBase64(p.presharedKey()),
                p.endpoint().equals("(none)") ? null : PeerEndpoint.parse(p.endpoint()),
                p.allowedIps().equals("(none)") ? List.of()
                        : java.util.Arrays.stream(p.allowedIps().split(",")).map(IpPrefix::parse).toList(),
                p.latestHandshake() * 1_000_000_000L, p.rxBytes(), p.txBytes(),
                p.persistentKeepalive().equals("off") ? 0 : Integer.parseInt(p.persistentKeepalive()))).toList();
        return new InterfaceSnapshot(name, PrivateKey.fromBase64(d.privateKey()), d.listenPort(), 0, peers);
    }

    @Test
    void wireguardGoLearnsOurEndpointAsResponder() throws Exception {
        try (LivePair pair = LivePair.start(false, true, null, null)) {
            assertEquals("(none)", pair.goViewOfUs().endpoint());
            pair.ping();
            assertEquals("127.0.0.1:" + pair.driver.localAddress().getPort(), pair.goViewOfUs().endpoint());
            assertTransferAgrees(pair);
        }
    }

    @Test
    void wireguardGoInitiatesAndWeLearnItsEndpoint() throws Exception {
        try (LivePair pair = LivePair.start(true, false, null, null)) {
            assertNull(ourViewOfGo(pair).endpoint());
            Process ping = new ProcessBuilder("ping", "-c", "3", "-i", "0.2", "-W", "3", "-n", pair.javaInnerText())
                    .redirectErrorStream(true).start();
            int answered = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (answered < 3 && System.nanoTime() < deadline) {
                var p = pair.driver.awaitDelivered(200, TimeUnit.MILLISECONDS);
                IcmpEcho.Echo req = p == null ? null : IcmpEcho.parse(p.packet());
                if (req != null && req.type() == IcmpEcho.ECHO_REQUEST) {
                    pair.driver.sendInner(IcmpEcho.replyTo(req));
                    answered++;
                }
            }
            assertTrue(ping.waitFor(5, TimeUnit.SECONDS), "ping finished");
            String out = new String(ping.getInputStream().readAllBytes());
            assertEquals(0, ping.exitValue(), "ping through wireguard-go to our device:\n" + out);
            assertTrue(out.contains("3 received"), out);

            List<LiveDriver.TimedEvent> ev = pair.driver.events();
            assertTrue(ev.stream().anyMatch(e -> e.event() instanceof WgEvent.HandshakeResponded), ev.toString());
            assertTrue(ev.stream().anyMatch(e -> e.event() instanceof WgEvent.HandshakeCompleted c
                    && c.role() == Role.RESPONDER), ev.toString());
            assertEquals("127.0.0.1:" + pair.goPort, ourViewOfGo(pair).endpoint().toString(),
                    "endpoint learned from the authenticated initiation");
            assertTrue(pair.goViewOfUs().latestHandshake() > 0);
            assertTransferAgrees(pair);
        }
    }

    @Test
    void presharedKeyOnBothSides() throws Exception {
        byte[] q = new byte[32];
        RANDOM.nextBytes(q);
        PresharedKey psk = PresharedKey.of(q);
        try (LivePair pair = LivePair.start(true, true, psk, psk)) {
            pair.ping();
            assertEquals(psk.toBase64(), pair.goViewOfUs().presharedKey());
            assertTransferAgrees(pair);
        }
    }

    @Test
    void mismatchedPresharedKeyFailsTheHandshake() throws Exception {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        RANDOM.nextBytes(a);
        RANDOM.nextBytes(b);
        try (LivePair pair = LivePair.start(true, true, PresharedKey.of(a), PresharedKey.of(b))) {
            int seq = pair.sendPing();
            assertNull(pair.awaitReply(seq, 1500), "no session can exist with different PSKs");
            // wireguard-go answers the initiation (PSK is mixed in only after it), but the
            // response's empty payload cannot authenticate for us.
            assertTrue(pair.driver.drops().stream().anyMatch(d -> d.reason() == DropReason.HANDSHAKE_FAILED),
                    pair.driver.dropSummary());
            assertEquals(0, pair.goViewOfUs().latestHandshake());
        }
    }

    @Test
    void outerIpv6OverLoopback() throws Exception {
        try (LivePair pair = LivePair.start(false, true, null, null, true)) {
            pair.ping();
            assertEquals(pair.ourEndpointText(), pair.goViewOfUs().endpoint());
            assertTrue(pair.goViewOfUs().endpoint().startsWith("[::1]:"));
            assertEquals("[::1]:" + pair.goPort, ourViewOfGo(pair).endpoint().toString());
            assertTransferAgrees(pair);
        }
    }

    @Test
    void wireguardGoFollowsUsToAnotherLocalPort() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            pair.ping();
            int oldPort = pair.driver.localAddress().getPort();
            assertEquals("127.0.0.1:" + oldPort, pair.goViewOfUs().endpoint());
            int newPort = pair.driver.rebind(0).getPort();
            assertNotEquals(oldPort, newPort);
            pair.ping(); // the reply can only reach us if wireguard-go moved its endpoint
            assertEquals("127.0.0.1:" + newPort, pair.goViewOfUs().endpoint());
            assertTransferAgrees(pair);
        }
    }

    @Test
    void twoHandshakesInARowUseFreshIndicesAndNewerTimestamps() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            pair.ping();
            // Our side forgets the session; wireguard-go keeps its peer and with it the newest
            // TAI64N it accepted, so the second initiation is accepted only if its timestamp is newer.
            // It also drops initiations less than 20 ms after the last one it accepted (flood guard).
            Thread.sleep(25);
            pair.removeGoPeer();
            pair.addGoPeer(true);
            int mark = pair.driver.events().size();
            pair.ping();
            // Both sides start over.
            Thread.sleep(25);
            pair.go.removePeer(pair.javaKey.publicKey());
            pair.go.setPeer(pair.javaKey.publicKey(), null, "127.0.0.1:" + pair.driver.localAddress().getPort(),
                    pair.javaInnerText() + "/32", 0);
            pair.removeGoPeer();
            pair.addGoPeer(true);
            pair.ping();

            List<WgEvent.SessionDerived> sessions = pair.driver.events().stream()
                    .map(LiveDriver.TimedEvent::event)
                    .filter(e -> e instanceof WgEvent.SessionDerived)
                    .map(e -> (WgEvent.SessionDerived) e).toList();
            assertEquals(3, sessions.size(), sessions.toString());
            assertEquals(3, sessions.stream().map(WgEvent.SessionDerived::localIndex).distinct().count(), sessions.toString());
            assertEquals(3, sessions.stream().map(WgEvent.SessionDerived::remoteIndex).distinct().count(), sessions.toString());
            assertTrue(pair.driver.events().subList(mark, pair.driver.events().size()).stream()
                    .anyMatch(e -> e.event() instanceof WgEvent.HandshakeCompleted));
            assertTrue(pair.goViewOfUs().latestHandshake() > 0);
        }
    }
}
