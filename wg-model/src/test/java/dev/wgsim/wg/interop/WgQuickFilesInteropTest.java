package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wgsim.net.IpAddress;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickDevices;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgEvent;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both ends configured from wg-quick files: wireguard-go through {@code wg setconf}, our device
 * through {@link WgQuickReader} and {@link WgQuickDevices}. Our file turns on a persistent
 * keepalive, which starts the handshake by itself (as wireguard-go does when one is set).
 */
class WgQuickFilesInteropTest {

    @Test
    void devicesConfiguredFromConfFilesTalk() throws Exception {
        Entropy keys = Entropy.of(new SecureRandom());
        PrivateKey goKey = PrivateKey.generate(keys);
        PrivateKey ourKey = PrivateKey.generate(keys);
        PresharedKey psk = PresharedKey.generate(keys);
        int goPort = WireGuardGoHarnessInteropTest.freeLoopbackPort();
        int b = 200 + (int) (ProcessHandle.current().pid() % 50);
        String goInner = "10.63." + b + ".1";
        String ourInner = "10.63." + b + ".2";
        String goConf = "[Interface]\nPrivateKey = " + goKey.toBase64() + "\nListenPort = " + goPort + "\n\n"
                + "[Peer]\nPublicKey = " + ourKey.publicKey().toBase64() + "\nPresharedKey = " + psk.toBase64()
                + "\nAllowedIPs = " + ourInner + "/32\n";
        String ourConf = "# our side\n[Interface]\nPrivateKey = " + ourKey.toBase64() + "\nAddress = " + ourInner + "/24\n"
                + "DNS = 10.63." + b + ".1\n\n[Peer]\nPublicKey = " + goKey.publicKey().toBase64()
                + "\nPresharedKey = " + psk.toBase64() + "\nAllowedIPs = 10.63." + b + ".0/24\n"
                + "Endpoint = 127.0.0.1:" + goPort + "\nPersistentKeepalive = 25\n";

        try (WireGuardGo go = WireGuardGo.start();
                LiveDriver driver = LiveDriver.startOnLoopback(ourKey)) {
            Path f = Files.createTempFile("wgsim-go", ".conf");
            try {
                Files.writeString(f, goConf, StandardCharsets.US_ASCII);
                WireGuardGo.run("wg", "setconf", go.name(), f.toString());
            } finally {
                Files.deleteIfExists(f);
            }
            go.addressAndUp(goInner + "/24");

            WgQuickConfig config = WgQuickReader.parse("ours.conf", ourConf);
            assertEquals(1, config.warnings().size(), "DNS is kept with a warning");
            List<WgQuickDevices.PendingKeepalive> keepalives = driver.withDevice(d -> WgQuickDevices.configure(d, config));
            for (WgQuickDevices.PendingKeepalive k : keepalives) {
                driver.call((d, now) -> d.setPersistentKeepalive(now, k.peer(), k.seconds()));
            }
            assertNotNull(driver.awaitEvent(WgEvent.HandshakeCompleted.class, 0, 10, TimeUnit.SECONDS),
                    "the keepalive alone must bring the session up; drops " + driver.dropSummary());
            WgDump.Peer theirs = go.awaitDump(d -> d.peers().get(0).latestHandshake() > 0, 10_000).peers().get(0);
            assertEquals(psk.toBase64(), theirs.presharedKey());
            assertEquals("127.0.0.1:" + driver.localAddress().getPort(), theirs.endpoint());

            byte[] src = IpAddress.parse(ourInner).toBytes();
            byte[] dst = IpAddress.parse(goInner).toBytes();
            driver.sendInner(IcmpEcho.request(src, dst, 1, 1, "conf".getBytes(StandardCharsets.US_ASCII)));
            IcmpEcho.Echo reply = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (reply == null && System.nanoTime() < deadline) {
                InnerPacket p = driver.awaitDelivered(100, TimeUnit.MILLISECONDS);
                IcmpEcho.Echo e = p == null ? null : IcmpEcho.parse(p.packet());
                if (e != null && e.type() == IcmpEcho.ECHO_REPLY) {
                    reply = e;
                }
            }
            assertNotNull(reply, "echo reply through the configured tunnel");
            assertEquals(config.peers(), driver.withDevice(d -> WgQuickDevices.toConfig(d, config.iface().addresses()))
                    .peers(), "showconf of our device equals the file we read");
        }
    }
}
