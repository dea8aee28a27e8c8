package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.DropReason;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.live.IcmpEcho;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A private key changed at run time on either side of a session with wireguard-go 0.0.20220316
 * (what {@code wg set IF private-key} does; docs/measurements/wg-set-private-key.md). Expected,
 * from that measurement: the side that changed its key stops sending on the old session and
 * initiates with its new identity, which the other side refuses until it is told the new public
 * key; then the next handshake succeeds and what was staged is delivered.
 */
class PrivateKeyChangeInteropTest {

    private static final Entropy KEYS = Entropy.of(new SecureRandom());

    private static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void ourNewKeyIsRefusedByWireguardGoUntilItIsToldThenTheStagedPingGetsThrough() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            pair.ping();
            PrivateKey newKey = PrivateKey.generate(KEYS);
            pair.driver.call((d, now) -> d.setPrivateKey(now, newKey));
            int events = pair.driver.events().size();
            int seq = pair.sendPing();
            assertNotNull(pair.driver.awaitEvent(WgEvent.HandshakeInitiated.class, events, 10, TimeUnit.SECONDS),
                    "the ping after the change starts a handshake");
            String refused = "Received invalid initiation message from 127.0.0.1:" + pair.driver.localAddress().getPort();
            await(() -> pair.go.log().contains(refused), 10_000, "wireguard-go to refuse our new identity:\n"
                    + pair.go.log());

            pair.go.removePeer(pair.javaKey.publicKey());
            pair.go.setPeer(newKey.publicKey(), null, "127.0.0.1:" + pair.driver.localAddress().getPort(),
                    pair.javaInnerText() + "/32", 0);
            // our retransmission (REKEY_TIMEOUT + jitter after the refused one) now succeeds
            IcmpEcho.Echo reply = pair.awaitReply(seq, 15_000);
            assertNotNull(reply, "staged ping answered after the new handshake; drops " + pair.driver.dropSummary()
                    + "\n" + pair.go.log());
            WgDump.Peer theirs = pair.go.dump().peer(newKey.publicKey().toBase64()).orElseThrow();
            assertTrue(theirs.latestHandshake() > 0, "wireguard-go completed a handshake with the new key");
            pair.ping();
        }
    }

    @Test
    void wireguardGoChangesItsKeyWeRefuseItsInitiationsUntilWeSwapThePeer() throws Exception {
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            pair.ping();
            PrivateKey goNew = PrivateKey.generate(KEYS);
            pair.go.configure(goNew, pair.goPort);
            // our session still sends; wireguard-go still decrypts it, stages its reply and initiates anew
            int seq = pair.sendPing();
            await(() -> pair.driver.dropCount(DropReason.UNKNOWN_PEER) >= 1, 10_000,
                    "wireguard-go's initiation with its new key, refused by us as from an unknown peer; drops "
                            + pair.driver.dropSummary());
            pair.removeGoPeer();
            pair.driver.withDevice(d -> {
                WgPeer p = d.addPeer(goNew.publicKey(), null);
                d.addAllowedIp(p, pair.subnet);
                d.setEndpoint(p, new InetSocketAddress(InetAddress.getLoopbackAddress(), pair.goPort));
                return p;
            });
            IcmpEcho.Echo reply = pair.awaitReply(seq, 15_000);
            assertNotNull(reply, "wireguard-go's staged reply arrives after its retried handshake; drops "
                    + pair.driver.dropSummary() + "\n" + pair.go.log());
            assertEquals(1, pair.driver.events().stream().filter(e -> e.event() instanceof WgEvent.HandshakeResponded r
                    && r.peer().equals(goNew.publicKey())).count(), "wireguard-go initiated, we responded");
        }
    }
}
