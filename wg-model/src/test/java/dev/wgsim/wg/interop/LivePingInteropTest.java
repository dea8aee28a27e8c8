package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.live.LivePing;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wgsim live}'s engine against wireguard-go: our side comes only from a wg-quick file on
 * disk, wireguard-go knows our key but not our endpoint (it learns it from the handshake), and
 * the kernel behind its TUN answers the echoes. Both sides must agree on every byte counted.
 */
class LivePingInteropTest {

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
    void pingsThroughWireGuardGoFromAConfFile(@TempDir Path dir) throws Exception {
        Entropy keys = Entropy.of(new SecureRandom());
        PrivateKey goKey = PrivateKey.generate(keys);
        PrivateKey ourKey = PrivateKey.generate(keys);
        int b = 100 + (int) (ProcessHandle.current().pid() % 50);
        String goInner = "10.62." + b + ".1";
        String ourInner = "10.62." + b + ".2";
        try (WireGuardGo go = WireGuardGo.start()) {
            int goPort = WireGuardGoHarnessInteropTest.freeLoopbackPort();
            go.configure(goKey, goPort);
            go.setPeer(ourKey.publicKey(), null, null, ourInner + "/32", 0);
            go.addressAndUp(goInner + "/24");

            Path conf = dir.resolve("peer.conf");
            Files.writeString(conf, "[Interface]\nPrivateKey = " + ourKey.toBase64() + "\nAddress = " + ourInner
                    + "/24\n\n[Peer]\nPublicKey = " + goKey.publicKey().toBase64() + "\nAllowedIPs = 10.62." + b
                    + ".0/24\nEndpoint = 127.0.0.1:" + goPort + "\n", StandardCharsets.US_ASCII);
            WgQuickConfig config = WgQuickReader.read(conf);
            LivePing.Options options = new LivePing.Options(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    IpAddress.parse(goInner).toBytes(), 3, 200_000_000L, 120_000_000_000L, LivePing.DEFAULT_PAYLOAD);

            // The 2 min timeout is far beyond the test's own 60 s: LivePing must return once every
            // reply is in, not wait for its timeout (no wall-clock bound that a loaded machine could break).
            LivePing.Result r = LivePing.run(conf.toString(), config, options, new LivePing.Listener() { });

            assertTrue(r.handshakeNanos().isPresent(), "handshake with wireguard-go; log:\n" + go.log());
            assertTrue(r.handshakeNanos().getAsLong() > 0);
            assertEquals(1, r.initiations(), "one initiation on loopback, no retry");
            assertEquals(3, r.transmitted());
            assertEquals(List.of(), r.lost());
            assertEquals(List.of(1, 2, 3), r.replies().stream().map(LivePing.Reply::sequence).sorted().toList());
            for (LivePing.Reply reply : r.replies()) {
                assertTrue(reply.rttNanos() > 0, reply.toString());
                assertEquals(64, reply.icmpBytes());
            }
            assertTrue(r.allReplied());

            WgDump.Peer theirs = go.awaitDump(d -> d.peers().get(0).rxBytes() == r.txBytes()
                    && d.peers().get(0).txBytes() == r.rxBytes(), 10_000).peers().get(0);
            assertTrue(theirs.latestHandshake() > 0, "wireguard-go records the handshake");
            assertEquals("127.0.0.1:" + r.local().getPort(), theirs.endpoint(), "learned from the handshake");
            assertEquals(r.txBytes(), theirs.rxBytes(), "what we sent is what wireguard-go received");
            assertEquals(r.rxBytes(), theirs.txBytes(), "what wireguard-go sent is what we received");
            // initiation 148 + keepalive 32 + 3 echoes of 84 B inner (padded to 96) + 32 B overhead.
            assertEquals(148 + 32 + 3 * (96 + 32), r.txBytes());
            assertEquals(92 + 3 * (96 + 32), r.rxBytes());
        }
    }
}
