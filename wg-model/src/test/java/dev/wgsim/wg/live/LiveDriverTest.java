package dev.wgsim.wg.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.DropReason;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** LiveDriver's own robustness, two drivers on loopback, no wireguard-go. */
class LiveDriverTest {

    private static final Entropy KEYS = Entropy.of(new SecureRandom());

    @Test
    void sendFailuresAreCountedAndTheLoopKeepsWorking() throws Exception {
        PrivateKey a = PrivateKey.generate(KEYS);
        PrivateKey b = PrivateKey.generate(KEYS);
        try (LiveDriver da = LiveDriver.startOnLoopback(a); LiveDriver db = LiveDriver.startOnLoopback(b)) {
            // Two peers whose endpoints no socket can send to: port 0, and the broadcast address
            // (no SO_BROADCAST). Persistent keepalive makes the loop thread itself retry them.
            PrivateKey ghost0 = PrivateKey.generate(KEYS);
            PrivateKey ghostBroadcast = PrivateKey.generate(KEYS);
            WgPeer p0 = da.withDevice(d -> d.addPeer(ghost0.publicKey(), PresharedKey.NONE));
            WgPeer pb = da.withDevice(d -> d.addPeer(ghostBroadcast.publicKey(), PresharedKey.NONE));
            InetAddress broadcast = InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
            da.withDevice(d -> {
                d.setEndpoint(p0, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                d.setEndpoint(pb, new InetSocketAddress(broadcast, 51820));
                return null;
            });
            da.call((d, now) -> d.setPersistentKeepalive(now, p0, 1));
            da.call((d, now) -> d.setPersistentKeepalive(now, pb, 1));
            assertEquals(2, da.sendFailures(), "the two first initiations: " + da.lastSendFailure());
            // The retransmit timer (5 s + jitter) sends again from the loop thread.
            assertTrue(await(() -> da.sendFailures() >= 4, 30), "retries from the loop: " + da.sendFailures());

            // The loop still works: a real handshake and an echo with b.
            WgPeer toB = da.withDevice(d -> {
                WgPeer p = d.addPeer(b.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.parse("10.5.0.2/32"));
                d.setEndpoint(p, db.localAddress());
                return p;
            });
            db.withDevice(d -> {
                WgPeer p = d.addPeer(a.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.parse("10.5.0.1/32"));
                return p;
            });
            byte[] request = IcmpEcho.request(new byte[] {10, 5, 0, 1}, new byte[] {10, 5, 0, 2}, 1, 1, new byte[8]);
            da.sendInner(request);
            InnerPacket got = db.awaitDelivered(10, TimeUnit.SECONDS);
            assertNotNull(got, "b got nothing; a: " + da.dropSummary() + " b: " + db.dropSummary());
            assertEquals(IcmpEcho.ECHO_REQUEST, IcmpEcho.parse(got.packet()).type());
            assertEquals(0, da.deliveredOverflow());
            assertTrue(toB.endpoint() != null);
        }
    }

    @Test
    void junkIsCountedByReasonWithOnlyTheRecentDropsKept() throws Exception {
        int junk = 3 * LiveDriver.RECENT_DROPS;
        try (LiveDriver d = LiveDriver.startOnLoopback(PrivateKey.generate(KEYS));
                DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (int i = 0; i < junk; i++) {
                // type 9 is no WireGuard message; type 4 with 16 bytes is too short for transport
                byte[] b = i % 2 == 0 ? new byte[] {9, 0, 0, 0, 1, 2} : new byte[16];
                if (i % 2 == 1) {
                    b[0] = 4;
                }
                ch.send(ByteBuffer.wrap(b), d.localAddress());
                // Paced by the driver: at most 64 in flight, so the kernel's buffer never overflows.
                int sent = i + 1;
                assertTrue(await(() -> d.receivedDatagrams() > sent - 64, 30), "driver stalled at " + d.receivedDatagrams());
            }
            assertTrue(await(() -> d.receivedDatagrams() == junk, 30), "received " + d.receivedDatagrams());
            assertEquals(junk / 2, d.dropCount(DropReason.UNKNOWN_TYPE), d.dropSummary());
            assertEquals(junk / 2, d.dropCount(DropReason.MALFORMED), d.dropSummary());
            assertEquals(LiveDriver.RECENT_DROPS, d.drops().size());
            assertEquals(0, d.sendFailures());
        }
    }

    /** Polls {@code condition} until it holds or {@code seconds} pass. */
    private static boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }
}
