package dev.wgsim.wg.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.config.ConfigException;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgPeer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** LivePing on loopback against a second in-process device, plus the config checks it makes first. */
class LivePingTest {

    private static final Entropy KEYS = Entropy.of(new SecureRandom());
    private final PrivateKey ours = PrivateKey.generate(KEYS);
    private final PrivateKey server = PrivateKey.generate(KEYS);

    private WgQuickConfig conf(String address, String peers) throws ConfigException {
        return WgQuickReader.parse("t.conf", "[Interface]\nPrivateKey = " + ours.toBase64() + "\n" + address + "\n" + peers);
    }

    private String peer(PrivateKey key, String allowed, String endpoint) {
        return "[Peer]\nPublicKey = " + key.publicKey().toBase64() + "\nAllowedIPs = " + allowed + "\n"
                + (endpoint == null ? "" : "Endpoint = " + endpoint + "\n");
    }

    private static LivePing.Options options(String target, int count, long timeoutMillis) {
        return new LivePing.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                IpAddress.parse(target).toBytes(), count, 30_000_000L, timeoutMillis * 1_000_000L, LivePing.DEFAULT_PAYLOAD);
    }

    @Test
    void routesByLongestPrefixAndNamesWhatIsMissing() throws Exception {
        PrivateKey other = PrivateKey.generate(KEYS);
        WgQuickConfig c = conf("Address = 10.1.0.2/16", peer(server, "10.0.0.0/8", "127.0.0.1:9") + peer(other,
                "10.1.0.0/16", null));
        assertEquals(other.publicKey(), LivePing.routeTo("t.conf", c, IpAddress.parse("10.1.2.3").toBytes()).publicKey());
        assertEquals(server.publicKey(), LivePing.routeTo("t.conf", c, IpAddress.parse("10.2.0.1").toBytes()).publicKey());
        assertArrayEquals(IpAddress.parse("10.1.0.2").toBytes(), LivePing.sourceAddress("t.conf", c));

        ConfigException noRoute = assertThrows(ConfigException.class,
                () -> LivePing.run("t.conf", c, options("192.168.1.1", 1, 100), new LivePing.Listener() { }));
        assertEquals("AllowedIPs", noRoute.key());
        ConfigException noEndpoint = assertThrows(ConfigException.class,
                () -> LivePing.run("t.conf", c, options("10.1.0.1", 1, 100), new LivePing.Listener() { }));
        assertEquals("Endpoint", noEndpoint.key());
        ConfigException noAddress = assertThrows(ConfigException.class, () -> LivePing.run("t.conf",
                conf("", peer(server, "10.0.0.0/8", "127.0.0.1:9")), options("10.0.0.1", 1, 100), new LivePing.Listener() { }));
        assertEquals("Address", noAddress.key());
        assertTrue(noAddress.getMessage().startsWith("t.conf: [Interface] Address: "), noAddress.getMessage());
    }

    @Test
    void silentEndpointGivesNoHandshakeAndEverySequenceLost() throws Exception {
        int silent;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort();
        }
        WgQuickConfig c = conf("Address = 10.201.0.2/24", peer(server, "10.201.0.0/24", "127.0.0.1:" + silent));
        LivePing.Result r = LivePing.run("t.conf", c, options("10.201.0.1", 2, 300), new LivePing.Listener() { });
        assertTrue(r.handshakeNanos().isEmpty());
        assertEquals(1, r.initiations(), "the first retransmission is 5 s away");
        assertEquals(0, r.transmitted());
        assertEquals(List.of(1, 2), r.lost());
        assertEquals(148, r.txBytes(), "one initiation counted, as wg show counts it");
        assertFalse(r.allReplied());
    }

    @Test
    void countsRepliesAndLossesAgainstAServerThatDropsOddSequences() throws Exception {
        try (LiveDriver srv = LiveDriver.startOnLoopback(server)) {
            srv.withDevice(d -> {
                WgPeer p = d.addPeer(ours.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.host(IpAddress.parse("10.201.0.2")));
                return p;
            });
            Thread host = new Thread(() -> answerEvenEchoes(srv), "echo host");
            host.setDaemon(true);
            host.start();
            WgQuickConfig c = conf("Address = 10.201.0.2/24",
                    peer(server, "10.201.0.0/24", "127.0.0.1:" + srv.localAddress().getPort()));
            List<LivePing.Reply> heard = new ArrayList<>();
            // The timeout is the wait for the handshake and, after the last request, for replies:
            // generous, because replies 2 and 4 must come even on a loaded machine. The run lasts
            // that long in any case (1 and 3 are never answered), so it is 5 s, not minutes.
            LivePing.Result r = LivePing.run("t.conf", c, options("10.201.0.1", 4, 5_000), new LivePing.Listener() {
                @Override
                public void reply(LivePing.Reply reply) {
                    heard.add(reply);
                }
            });
            host.interrupt();
            assertTrue(r.handshakeNanos().isPresent());
            assertEquals(4, r.transmitted());
            assertEquals(List.of(2, 4), r.replies().stream().map(LivePing.Reply::sequence).toList());
            assertEquals(r.replies(), heard, "the listener hears each reply as it comes");
            assertEquals(List.of(1, 3), r.lost());
            assertFalse(r.allReplied());
            WgPeer theirs = srv.withDevice(d -> d.peer(ours.publicKey()));
            assertEquals((long) srv.withDevice(d -> theirs.rxBytes()), r.txBytes());
            assertEquals((long) srv.withDevice(d -> theirs.txBytes()), r.rxBytes());
        }
    }

    private static void answerEvenEchoes(LiveDriver srv) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                InnerPacket p = srv.awaitDelivered(20, TimeUnit.MILLISECONDS);
                IcmpEcho.Echo e = p == null ? null : IcmpEcho.parse(p.packet());
                if (e != null && e.type() == IcmpEcho.ECHO_REQUEST && e.sequence() % 2 == 0) {
                    srv.sendInner(IcmpEcho.replyTo(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
