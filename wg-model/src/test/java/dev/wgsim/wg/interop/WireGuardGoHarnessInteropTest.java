package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.config.InterfaceConfig;
import dev.wgsim.wg.config.InterfaceSnapshot;
import dev.wgsim.wg.config.PeerConfig;
import dev.wgsim.wg.config.PeerEndpoint;
import dev.wgsim.wg.config.PeerSnapshot;
import dev.wgsim.wg.config.WgQuickConfig;
import dev.wgsim.wg.config.WgQuickReader;
import dev.wgsim.wg.config.WgQuickWriter;
import dev.wgsim.wg.config.WgShow;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.routing.AllowedIps;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Proves the wireguard-go harness and checks our config/rendering code against the real tools:
 * what {@code wg show} prints for a configuration is what {@link WgShow} prints for the same
 * snapshot, and allowed IPs are listed in the order {@link AllowedIps#prefixesOf} gives.
 */
class WireGuardGoHarnessInteropTest {

    private static final Entropy KEYS = Entropy.of(new Random(4242));

    static int freeLoopbackPort() throws java.io.IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void dumpAndShowMatchOurRenderingOfTheSameConfig() throws Exception {
        PrivateKey key = PrivateKey.generate(KEYS);
        PublicKey peer = PrivateKey.generate(KEYS).publicKey();
        PresharedKey psk = PresharedKey.generate(KEYS);
        int port = freeLoopbackPort();
        String name;
        long pid;
        try (WireGuardGo wg = WireGuardGo.start()) {
            name = wg.name();
            pid = wg.pid();
            wg.configure(key, port);
            // Keepalive off at first: turning it on makes wireguard-go send at once.
            wg.setPeer(peer, psk, "127.0.0.1:40001", "10.77.0.2/32,10.77.0.0/24,fd77::/64", 0);

            InterfaceSnapshot ours = new InterfaceSnapshot(name, key, port, 0, List.of(new PeerSnapshot(peer, psk,
                    PeerEndpoint.parse("127.0.0.1:40001"),
                    List.of(IpPrefix.parse("10.77.0.2/32"), IpPrefix.parse("10.77.0.0/24"), IpPrefix.parse("fd77::/64")),
                    0, 0, 0, 0)));
            assertEquals(WgShow.dump(ours), wg.dumpText());
            assertEquals(WgShow.pretty(ours, 0, false), wg.show());

            WgDump d = wg.dump();
            assertEquals(key.publicKey().toBase64(), d.publicKey(), "our X25519 derives wg's public key");
            wg.addressAndUp("10.77.0.1/24");
            wg.setPeer(peer, psk, "127.0.0.1:40001", "10.77.0.2/32,10.77.0.0/24,fd77::/64", 25);
            // Persistent keepalive with no session: wireguard-go initiates at once, and counts the
            // 148-byte initiation as transmitted bytes.
            WgDump up = wg.awaitDump(x -> x.peers().get(0).txBytes() > 0, 10_000);
            assertEquals("25", up.peers().get(0).persistentKeepalive());
            assertTrue(up.peers().get(0).txBytes() >= 148 && up.peers().get(0).txBytes() % 148 == 0,
                    "only whole initiations sent: " + up);
            assertEquals(port, d.listenPort());
            assertEquals("10.77.0.2/32,10.77.0.0/24,fd77::/64", d.peers().get(0).allowedIps());
            assertTrue(wg.interfaceExists());
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", name)), "interface removed");
        assertFalse(Files.exists(Path.of("/var/run/wireguard", name + ".sock")), "control socket removed");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "wireguard-go stopped");
    }

    @Test
    void allowedIpsOrderAndMovesMatchWireguardGo() throws Exception {
        PublicKey a = PrivateKey.generate(KEYS).publicKey();
        PublicKey b = PrivateKey.generate(KEYS).publicKey();
        AllowedIps<PublicKey> ours = new AllowedIps<>();
        try (WireGuardGo wg = WireGuardGo.start()) {
            wg.configure(PrivateKey.generate(KEYS), freeLoopbackPort());
            // wg set replaces a peer's list, then inserts in the order given.
            String first = "10.20.0.9/32,10.20.0.0/16,fd00:1::/64,10.20.0.3/32";
            wg.setPeer(a, null, null, first, 0);
            for (String p : first.split(",")) {
                ours.insert(IpPrefix.parse(p), a);
            }
            // Peer b takes 10.20.0.3/32 away from a and adds its own.
            wg.setPeer(b, null, null, "10.30.0.0/24,10.20.0.3/32", 0);
            ours.insert(IpPrefix.parse("10.30.0.0/24"), b);
            ours.insert(IpPrefix.parse("10.20.0.3/32"), b);

            WgDump d = wg.dump();
            assertEquals(join(ours.prefixesOf(a)), d.peer(a.toBase64()).orElseThrow().allowedIps());
            assertEquals(join(ours.prefixesOf(b)), d.peer(b.toBase64()).orElseThrow().allowedIps());
            assertEquals("10.20.0.9/32,10.20.0.0/16,fd00:1::/64", join(ours.prefixesOf(a)));
        }
    }

    @Test
    void wgSetconfAcceptsWhatWeWriteAndShowconfReadsBackEqual() throws Exception {
        PrivateKey key = PrivateKey.generate(KEYS);
        int port = freeLoopbackPort();
        PeerConfig p1 = new PeerConfig(PrivateKey.generate(KEYS).publicKey(), PresharedKey.generate(KEYS),
                List.of(IpPrefix.parse("10.88.0.2/32"), IpPrefix.parse("fd88::2/128")),
                PeerEndpoint.parse("127.0.0.1:40002"), 25);
        PeerConfig p2 = new PeerConfig(PrivateKey.generate(KEYS).publicKey(), PresharedKey.NONE,
                List.of(IpPrefix.parse("10.88.1.0/24")), PeerEndpoint.parse("[::1]:40003"), 0);
        WgQuickConfig config = new WgQuickConfig(new InterfaceConfig(key, port, List.of(), List.of()), List.of(p1, p2));
        try (WireGuardGo wg = WireGuardGo.start()) {
            Path f = Files.createTempFile("wgsim-setconf", ".conf");
            try {
                Files.writeString(f, WgQuickWriter.write(config), StandardCharsets.UTF_8);
                WireGuardGo.run("wg", "setconf", wg.name(), f.toString());
            } finally {
                Files.deleteIfExists(f);
            }
            WgQuickConfig back = WgQuickReader.parse("wg showconf", WireGuardGo.run("wg", "showconf", wg.name()));
            assertEquals(config.iface(), back.iface());
            // wireguard-go lists peers in map order: compare as sets.
            assertEquals(new java.util.HashSet<>(config.peers()), new java.util.HashSet<>(back.peers()));
        }
    }

    private static String join(List<IpPrefix> ps) {
        return String.join(",", Arrays.stream(ps.toArray()).map(Object::toString).toList());
    }
}
