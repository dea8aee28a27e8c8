package dev.wgsim.wg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WgQuickReaderTest {

    static final String P1 = "aJrwGv4mBqTso8+GSJeV1um9cX/CPoPfnRiyz5aODW8=";
    /** {@code echo P1 | wg pubkey}. */
    static final String U1 = "0u/2gAwdnhc4gPbS7zZpyZmZEiuVBYCHpxxjrt5/NGc=";
    static final String U2 = "CLkLTIgjYQUm4/LW162WHGDNfGz4M85YUUHc6DVXUGs=";
    static final String U3 = "piHRfQidQ7rg93kFl/tdsa1yKk3LPfzpEUCXomTiZX4=";
    static final String U4 = "HtA07HI54b5KNs1iElLRK6kiwj/nLTMEVDosnSKNGV8=";
    static final String PSK = "ByVWq4gXmsL665t33bSsF88IHUtYOCltbdcOhY8XwL8=";

    static String resource(String name) throws IOException {
        try (InputStream in = WgQuickReaderTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<IpPrefix> prefixes(String... p) {
        return java.util.Arrays.stream(p).map(IpPrefix::parse).toList();
    }

    @Test
    void readsEveryFeatureOfAFullFile() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("full.conf", resource("full.conf"));
        assertEquals(PrivateKey.fromBase64(P1), c.iface().privateKey());
        assertEquals(U1, c.iface().privateKey().publicKey().toBase64(), "public key as wg pubkey derives it");
        assertEquals(51820, c.iface().listenPort());
        assertEquals("[10.0.0.1/24, fd00::1/64, 10.0.1.1/24]", c.iface().addresses().toString());
        assertEquals(List.of(new ExtraSetting("DNS", "1.1.1.1, 9.9.9.9"), new ExtraSetting("MTU", "1420"),
                new ExtraSetting("PostUp", "iptables -A FORWARD -i %i -j ACCEPT")), c.iface().extras());
        assertEquals(2, c.warnings().size(), "MTU is applied, not warned about: " + c.warnings());
        assertEquals("full.conf:7: [Interface] DNS: ignored: wgsim has no resolver to configure", c.warnings().get(0).toString());
        assertEquals("full.conf:9: [Interface] PostUp: ignored: wgsim runs no shell hooks", c.warnings().get(1).toString());

        assertEquals(3, c.peers().size());
        PeerConfig laptop = c.peers().get(0);
        assertEquals(PublicKey.fromBase64(U2), laptop.publicKey());
        assertEquals(PresharedKey.fromBase64(PSK), laptop.presharedKey());
        assertEquals(prefixes("10.0.0.2/32", "fd00::2/128", "192.168.10.0/24"), laptop.allowedIps());
        assertEquals(new PeerEndpoint("198.51.100.7", 51820), laptop.endpoint());
        assertEquals(25, laptop.persistentKeepalive());

        PeerConfig phone = c.peers().get(1);
        assertTrue(phone.presharedKey().isNone());
        assertNull(phone.endpoint());
        assertEquals(0, phone.persistentKeepalive());

        PeerConfig router = c.peers().get(2);
        assertEquals(prefixes("0.0.0.0/0", "::/0"), router.allowedIps());
        assertEquals("[2001:db8::10]:51821", router.endpoint().toString());
        assertTrue(router.endpoint().isIpv6());
    }

    @Test
    void writesCanonicallyAndReadsBackEqual() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("full.conf", resource("full.conf"));
        String written = WgQuickWriter.write(c);
        assertEquals("[Interface]\n"
                + "PrivateKey = " + P1 + "\n"
                + "ListenPort = 51820\n"
                + "Address = 10.0.0.1/24, fd00::1/64, 10.0.1.1/24\n"
                + "DNS = 1.1.1.1, 9.9.9.9\n"
                + "MTU = 1420\n"
                + "PostUp = iptables -A FORWARD -i %i -j ACCEPT\n"
                + "\n[Peer]\n"
                + "PublicKey = " + U2 + "\n"
                + "PresharedKey = " + PSK + "\n"
                + "AllowedIPs = 10.0.0.2/32, fd00::2/128, 192.168.10.0/24\n"
                + "Endpoint = 198.51.100.7:51820\n"
                + "PersistentKeepalive = 25\n"
                + "\n[Peer]\n"
                + "PublicKey = " + U3 + "\n"
                + "AllowedIPs = 10.0.0.3/32\n"
                + "\n[Peer]\n"
                + "PublicKey = " + U4 + "\n"
                + "AllowedIPs = 0.0.0.0/0, ::/0\n"
                + "Endpoint = [2001:db8::10]:51821\n", written);
        WgQuickConfig again = WgQuickReader.parse("written.conf", written);
        assertEquals(c.iface(), again.iface());
        assertEquals(c.peers(), again.peers());
        assertEquals(written, WgQuickWriter.write(again));
    }

    @Test
    void aPrefixOnTwoPeersGoesToTheLaterOneAsWgSetconfDoesWithAWarning() throws Exception {
        // wg setconf inserts each peer's allowed IPs in file order; inserting a prefix that another
        // peer holds moves it (allowedips.c, "insert" replaces the node's peer). 10.0.0.9/24 is
        // 10.0.0.0/24 once masked, as the kernel masks it.
        WgQuickConfig c = WgQuickReader.parse("same-prefix-two-peers.conf", resource("same-prefix-two-peers.conf"));
        assertEquals(2, c.peers().size());
        assertEquals(List.of(), c.peers().get(0).allowedIps());
        assertEquals(prefixes("10.0.0.0/24"), c.peers().get(1).allowedIps());
        assertEquals(List.of(4, 8), c.peerLines());
        assertEquals(1, c.warnings().size());
        assertEquals("same-prefix-two-peers.conf:10: [Peer] AllowedIPs: 10.0.0.0/24 is also an allowed IP of the peer at"
                + " line 4 (listed at line 6); as wg setconf does, this later peer takes it", c.warnings().get(0).toString());
    }

    @Test
    void nestedPrefixesAcrossPeersAreNormalAndSilent() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("n.conf", "[Interface]\nPrivateKey = " + P1
                + "\n[Peer]\nPublicKey = " + U2 + "\nAllowedIPs = 0.0.0.0/0, ::/0\n"
                + "[Peer]\nPublicKey = " + U3 + "\nAllowedIPs = 10.0.0.0/8, 10.1.0.0/16, 10.1.2.3/32, fd00::/48\n");
        assertEquals(prefixes("0.0.0.0/0", "::/0"), c.peers().get(0).allowedIps());
        assertEquals(prefixes("10.0.0.0/8", "10.1.0.0/16", "10.1.2.3/32", "fd00::/48"), c.peers().get(1).allowedIps());
        assertEquals(List.of(), c.warnings());
    }

    @Test
    void hostnameEndpointIsKeptButFlagged() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("h.conf", "[Interface]\nPrivateKey = " + P1
                + "\n[Peer]\nPublicKey = " + U2 + "\nEndpoint = vpn.example.com:51820\n");
        PeerEndpoint e = c.peers().get(0).endpoint();
        assertEquals("vpn.example.com:51820", e.toString());
        assertFalse(e.isResolved());
        assertThrows(IllegalStateException.class, e::address);
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).toString().startsWith("h.conf:5: [Peer] Endpoint: 'vpn.example.com' is a hostname"),
                c.warnings().get(0).toString());
    }

    @Test
    void crlfAndTrailingCommentsAreFine() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("crlf.conf", "[Interface]\r\nPrivateKey = " + P1 + " # mine\r\n"
                + "[Peer]\r\nPublicKey=" + U2 + "\r\nAllowedIPs=10.0.0.2/32 ,  10.0.0.3\r\n");
        assertEquals(prefixes("10.0.0.2/32", "10.0.0.3/32"), c.peers().get(0).allowedIps());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bad-base64                     | 5 | Peer      | PublicKey           | not valid base64",
        "short-key                      | 5 | Peer      | PublicKey           | decodes to 30 bytes, a key has 32",
        "bad-prefix                     | 6 | Peer      | AllowedIPs          | prefix length 33 is larger than 32",
        "duplicate-key                  | 4 | Interface | ListenPort          | duplicate key in this section",
        "unknown-key                    | 7 | Peer      | KeepAlive           | unknown key",
        "missing-public-key             | 4 | Peer      |                     | missing PublicKey",
        "missing-private-key            | 1 | Interface |                     | missing PrivateKey",
        "no-interface                   | 0 |           |                     | no [Interface] section",
        "unknown-section                | 4 |           |                     | unknown section [Peers]",
        "ipv6-endpoint-without-brackets | 6 | Peer      | Endpoint            | IPv6 address without brackets",
        "bad-keepalive                  | 6 | Peer      | PersistentKeepalive | '70000' is not a number from 0 to 65535 or 'off'",
        "bad-listen-port                | 3 | Interface | ListenPort          | 'fifty' is not a number from 0 to 65535",
        "duplicate-peer                 | 8 | Peer      | PublicKey           | the same peer is already defined at line 4",
        "bad-mtu                        | 3 | Interface | MTU                 | 'big' is not a number from 576 to 65535",
        "bad-fwmark                     | 3 | Interface | FwMark              | '0xzz' is not a mark",
        "key-outside-section            | 1 |           | PrivateKey          | setting outside of any section",
        "not-key-value                  | 3 | Interface |                     | is not 'Key = Value'",
        "second-interface               | 4 | Interface |                     | a second [Interface] section",
        "key-in-wrong-section           | 3 | Interface | PublicKey           | belongs in a [Peer] section",
        "bad-address                    | 3 | Interface | Address             | (300) is larger than 255",
        "empty-value                    | 6 | Peer      | Endpoint            | empty value",
        "bad-endpoint-port              | 6 | Peer      | Endpoint            | port '0' must be a number from 1 to 65535",
        "empty-list-item                | 6 | Peer      | AllowedIPs          | empty item in the list",
    })
    void eachBrokenFixtureNamesLineSectionKeyAndAFix(String name, int line, String section, String key, String reason)
            throws IOException {
        String file = "broken/" + name + ".conf";
        ConfigException e = assertThrows(ConfigException.class, () -> WgQuickReader.parse(file, resource(file)));
        assertEquals(file, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(section, e.section(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertTrue(e.fix() != null && e.fix().length() > 10, "a fix sentence: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file + (line > 0 ? ":" + line : "") + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(". Fix: "), e.getMessage());
    }
}
