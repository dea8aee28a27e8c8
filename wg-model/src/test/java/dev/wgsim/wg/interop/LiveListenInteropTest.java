package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveListen;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveListen}, the responder role, against wireguard-go as the initiator: our side comes
 * from a wg-quick file with no Endpoint and a PresharedKey; the Linux kernel pings our IPv4 and
 * IPv6 interface addresses through wireguard-go's TUN, so the handshake is wireguard-go's doing
 * and the kernel's {@code ping} judges our echo replies (it counts only well-formed ones).
 */
class LiveListenInteropTest {

    private static final Pattern STATS = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Test
    void wireguardGoInitiatesWithPresharedKeyAndOurListenerAnswersPingsV4AndV6() throws Exception {
        Entropy keys = Entropy.of(new SecureRandom());
        PrivateKey goKey = PrivateKey.generate(keys);
        PrivateKey ourKey = PrivateKey.generate(keys);
        PresharedKey psk = PresharedKey.generate(keys);
        int goPort = WireGuardGoHarnessInteropTest.freeLoopbackPort();
        int ourPort = WireGuardGoHarnessInteropTest.freeLoopbackPort();
        int b = 100 + (int) (ProcessHandle.current().pid() % 100);
        String goInner = "10.60." + b + ".1";
        String ourInner = "10.60." + b + ".2";
        String goInner6 = "fd00:60:" + Integer.toHexString(b) + "::1";
        String ourInner6 = "fd00:60:" + Integer.toHexString(b) + "::2";
        String ourConf = "[Interface]\nPrivateKey = " + ourKey.toBase64() + "\nListenPort = " + ourPort
                + "\nAddress = " + ourInner + "/24, " + ourInner6 + "/64\n\n"
                + "[Peer]\nPublicKey = " + goKey.publicKey().toBase64() + "\nPresharedKey = " + psk.toBase64()
                + "\nAllowedIPs = " + goInner + "/32, " + goInner6 + "/128\n";
        WgQuickConfig config = WgQuickReader.parse("listen.conf", ourConf);

        try (WireGuardGo go = WireGuardGo.start()) {
            go.configure(goKey, goPort);
            go.setPeer(ourKey.publicKey(), psk, "127.0.0.1:" + ourPort, ourInner + "/32," + ourInner6 + "/128", 0);
            go.addressAndUp(goInner + "/24");
            WireGuardGo.run("ip", "-6", "addr", "add", goInner6 + "/64", "dev", go.name(), "nodad");

            LiveListen.Options options = new LiveListen.Options(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), ourPort), 6, TimeUnit.SECONDS.toNanos(60));
            CompletableFuture<LiveListen.Result> listening = CompletableFuture.supplyAsync(() -> {
                try {
                    return LiveListen.run("listen.conf", config, options, new LiveListen.Listener() { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The first echo waits in wireguard-go's staging queue for the handshake it starts.
            String v4 = pingUntilListening(listening, "ping", "-c", "3", "-i", "0.2", "-W", "5", ourInner);
            String v6 = pingUntilListening(listening, "ping", "-6", "-c", "3", "-i", "0.2", "-W", "5", ourInner6);
            LiveListen.Result r = listening.get(60, TimeUnit.SECONDS);

            assertReceived(3, v4, go);
            assertReceived(3, v6, go);
            assertFalse(r.timedOut());
            assertEquals(6, r.echoes().size(), r.echoes().toString());
            assertEquals(3, r.echoes().stream().filter(e -> e.request().destination().length == 4).count());
            assertEquals(3, r.echoes().stream().filter(e -> e.request().destination().length == 16).count());
            for (LiveListen.Echo e : r.echoes()) {
                assertEquals(goKey.publicKey(), e.peer());
                assertEquals(IcmpEcho.ECHO_REQUEST, e.request().type());
            }
            assertArrayEquals(IpAddress.parse(goInner).toBytes(), r.echoes().get(0).request().source());
            assertFalse(r.handshakes().isEmpty(), "the handshake wireguard-go started is reported");
            LiveListen.Handshake h = r.handshakes().get(0);
            assertEquals(goKey.publicKey(), h.peer());
            assertEquals("responder", h.role(), "wireguard-go initiated");
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), goPort), h.endpoint(),
                    "the endpoint was learned from wireguard-go's initiation");
            WgDump.Peer goView = go.dump().peer(ourKey.publicKey().toBase64()).orElseThrow();
            assertTrue(goView.latestHandshake() > 0, "wireguard-go has a handshake with us: " + go.dumpText());
        }
    }

    /** Runs ping; if the listener failed meanwhile, its error is the one to report. */
    private static String pingUntilListening(CompletableFuture<LiveListen.Result> listening, String... cmd)
            throws Exception {
        try {
            return WireGuardGo.run(cmd);
        } catch (java.io.IOException e) {
            if (listening.isDone()) {
                try {
                    listening.get();
                } catch (ExecutionException failed) {
                    e.addSuppressed(failed.getCause());
                }
            }
            throw e;
        }
    }

    private static void assertReceived(int expected, String pingOutput, WireGuardGo go) {
        Matcher m = STATS.matcher(pingOutput);
        assertTrue(m.find(), "no statistics line in ping output: " + pingOutput);
        assertEquals(List.of(expected, expected), List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                pingOutput + "\nwireguard-go log:\n" + go.log());
    }
}
