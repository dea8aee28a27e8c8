package dev.wgsim.wg.config;

import static dev.wgsim.wg.config.WgQuickReaderTest.P1;
import static dev.wgsim.wg.config.WgQuickReaderTest.PSK;
import static dev.wgsim.wg.config.WgQuickReaderTest.U1;
import static dev.wgsim.wg.config.WgQuickReaderTest.U2;
import static dev.wgsim.wg.config.WgQuickReaderTest.U3;
import static dev.wgsim.wg.config.WgQuickReaderTest.U4;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden text in wireguard-tools show.c's format (no terminal, so no colour codes). */
class WgShowTest {

    private static final long NOW = 1_700_000_000L;
    private static final long S = 1_000_000_000L;

    private static InterfaceSnapshot snapshot() {
        PeerSnapshot never = new PeerSnapshot(PublicKey.fromBase64(U3), PresharedKey.NONE, null, List.of(),
                0, 0, 0, 0);
        PeerSnapshot old = new PeerSnapshot(PublicKey.fromBase64(U4), null,
                PeerEndpoint.parse("[2001:db8::10]:51821"),
                List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0")),
                (NOW - 400L * 24 * 3600 - 1) * S + 123, 1152, 5L * 1024 * 1024 * 1024 + 7, 3661);
        PeerSnapshot recent = new PeerSnapshot(PublicKey.fromBase64(U2), PresharedKey.fromBase64(PSK),
                PeerEndpoint.parse("198.51.100.7:51820"),
                List.of(IpPrefix.parse("10.0.0.2/32"), IpPrefix.parse("fd00::2/128")),
                (NOW - 65) * S + 999_999_999L, 1260, 4669, 25);
        return new InterfaceSnapshot("wg0", PrivateKey.fromBase64(P1), 51820, 0, List.of(never, old, recent));
    }

    @Test
    void prettySortsPeersByLatestHandshakeAndHidesSecrets() {
        assertEquals("interface: wg0\n"
                + "  public key: " + U1 + "\n"
                + "  private key: (hidden)\n"
                + "  listening port: 51820\n"
                + "\n"
                + "peer: " + U2 + "\n"
                + "  preshared key: (hidden)\n"
                + "  endpoint: 198.51.100.7:51820\n"
                + "  allowed ips: 10.0.0.2/32, fd00::2/128\n"
                + "  latest handshake: 1 minute, 5 seconds ago\n"
                + "  transfer: 1.23 KiB received, 4.56 KiB sent\n"
                + "  persistent keepalive: every 25 seconds\n"
                + "\n"
                + "peer: " + U4 + "\n"
                + "  endpoint: [2001:db8::10]:51821\n"
                + "  allowed ips: 0.0.0.0/0, ::/0\n"
                + "  latest handshake: 1 year, 35 days, 1 second ago\n"
                + "  transfer: 1.12 KiB received, 5.00 GiB sent\n"
                + "  persistent keepalive: every 1 hour, 1 minute, 1 second\n"
                + "\n"
                + "peer: " + U3 + "\n"
                + "  allowed ips: (none)\n", WgShow.pretty(snapshot(), NOW, false));
    }

    @Test
    void prettyWithKeysShown() {
        String text = WgShow.pretty(snapshot(), NOW, true);
        assertEquals(true, text.contains("  private key: " + P1 + "\n"));
        assertEquals(true, text.contains("  preshared key: " + PSK + "\n"));
    }

    @Test
    void dumpKeepsDeviceOrderAndIsTabSeparated() {
        assertEquals(P1 + "\t" + U1 + "\t51820\toff\n"
                + U3 + "\t(none)\t(none)\t(none)\t0\t0\t0\toff\n"
                + U4 + "\t(none)\t[2001:db8::10]:51821\t0.0.0.0/0,::/0\t" + (NOW - 400L * 24 * 3600 - 1)
                + "\t1152\t5368709127\t3661\n"
                + U2 + "\t" + PSK + "\t198.51.100.7:51820\t10.0.0.2/32,fd00::2/128\t" + (NOW - 65)
                + "\t1260\t4669\t25\n", WgShow.dump(snapshot()));
    }

    @Test
    void interfaceWithoutPeersOrKey() {
        InterfaceSnapshot bare = new InterfaceSnapshot("wg7", null, 0, 0x2a, List.of());
        assertEquals("interface: wg7\n  fwmark: 0x2a\n", WgShow.pretty(bare, NOW, false));
        assertEquals("(none)\t(none)\t0\t0x2a\n", WgShow.dump(bare));
    }

    @Test
    void agoEdgeCases() {
        assertEquals("Now", WgShow.ago(NOW, NOW));
        assertEquals("1 second ago", WgShow.ago(NOW - 1, NOW));
        assertEquals("2 hours ago", WgShow.ago(NOW - 7200, NOW));
        assertEquals("1 day, 1 minute ago", WgShow.ago(NOW - 86_460, NOW));
        assertEquals("(System clock wound backward; connection problems may ensue.)", WgShow.ago(NOW + 1, NOW));
    }

    @Test
    void byteUnitsRoundLikeGlibcPrintf() {
        assertEquals("0 B", WgShow.bytes(0));
        assertEquals("1023 B", WgShow.bytes(1023));
        assertEquals("1.00 KiB", WgShow.bytes(1024));
        assertEquals("1.12 KiB", WgShow.bytes(1152)); // 1.125 exactly: ties to even
        assertEquals("1.13 KiB", WgShow.bytes(1162)); // 1.1347...
        assertEquals("1024.00 KiB", WgShow.bytes(1024 * 1024 - 1));
        assertEquals("1.00 MiB", WgShow.bytes(1024 * 1024));
        assertEquals("1.00 TiB", WgShow.bytes(1L << 40));
        assertEquals("16777216.00 TiB", WgShow.bytes(-1L));
    }
}
