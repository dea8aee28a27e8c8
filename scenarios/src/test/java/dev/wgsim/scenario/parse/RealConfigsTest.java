package dev.wgsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.ScenarioWarning;
import dev.wgsim.scenario.model.WireGuardSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real configurations need from the parser: nested allowed IPs, wg-quick's routing keys,
 * dual-stack endpoints checked against the node's families, warnings with their lines, and ping
 * sources that exist.
 */
class RealConfigsTest {
    @TempDir
    Path dir;

    static Scenario parse(String yaml) {
        return ScenarioParser.parse("t.yaml", yaml, Path.of("."), new ScenarioParser.Options(List.of(), OptionalLong.empty()));
    }

    static final String KEY_A = "EP46T3cCoKl84DAtarU1DCflOXhqfWeOzRZLwgDNfE8=";
    static final String KEY_B = "oDO+QhhdMjJHySQMcrPQ1+NKIbk8x+ouiikCohXVm0s=";
    static final String PUB_B = "aPl/OUOivSIVmdTP3/KvoG8hFnp6PpFAnaJOzrXouXE=";
    static final String PSK1 = "zkZDKj8UPXTMjhb/0oZQgWhCtg7/e6b4ZzKy2AiGyFI=";
    static final String PSK2 = "ByVWq4gXmsL665t33bSsF88IHUtYOCltbdcOhY8XwL8=";

    static String pair(String aPeerExtra, String bPeerExtra) {
        return """
                scenario: {name: t, duration: 10s}
                nodes:
                  - name: a
                    address: 192.0.2.1
                    wireguard:
                      address: 10.0.0.1/24
                      listen_port: 51820
                      peers:
                        - {node: b, endpoint: b%s}
                  - name: b
                    address: 192.0.2.2
                    wireguard:
                      address: 10.0.0.2/24
                      listen_port: 51820
                      peers:
                        - {node: a%s}
                """.formatted(aPeerExtra, bPeerExtra);
    }

    @Test
    void nestedPrefixesAcrossPeersAreAccepted() {
        Scenario s = parse("""
                scenario: {name: t, duration: 10s}
                nodes:
                  - name: a
                    wireguard:
                      address: 10.0.0.1/24
                      peers:
                        - {node: b, allowed_ips: [0.0.0.0/0, "::/0"]}
                        - {node: c, allowed_ips: [10.0.0.0/24, "fd00::/64"]}
                        - {node: d, allowed_ips: [10.0.0.3/32, "fd00::3/128"]}
                  - {name: b, wireguard: {address: 10.0.0.2/24}}
                  - {name: c, wireguard: {address: 10.0.0.4/24}}
                  - {name: d, wireguard: {address: 10.0.0.3/24}}
                """);
        List<PeerSpec> peers = s.node("a").get().wireguard().get().peers();
        assertEquals(3, peers.size());
        assertEquals("[10.0.0.3/32, fd00::3/128]", peers.get(2).allowedIps().toString());
        assertEquals(List.of(), s.warnings());
    }

    @Test
    void presharedKeyOnOneSideOnlyIsAWarningNamingBothLines() {
        Scenario s = parse(pair(", preshared_key: \"" + PSK1 + "\"", ""));
        assertEquals(1, s.warnings().size(), s.warnings().toString());
        ScenarioWarning w = s.warnings().get(0);
        assertEquals(9, w.line(), "a's peer entry");
        assertEquals("t.yaml:9:11: warning: nodes[0].wireguard.peers[0]: a preshared key is set on node 'a' (here) but not on"
                + " node 'b' (t.yaml:16): every handshake between them fails", w.toString());
        ScenarioWarning other = parse(pair("", ", preshared_key: \"" + PSK1 + "\"")).warnings().get(0);
        assertEquals("t.yaml:9:11: warning: nodes[0].wireguard.peers[0]: a preshared key is set on node 'b' (t.yaml:16) but"
                + " not on node 'a' (here): every handshake between them fails", other.toString());
    }

    @Test
    void twoDifferentPresharedKeysAreAWarningAndTheSameKeyIsNone() {
        Scenario differ = parse(pair(", preshared_key: \"" + PSK1 + "\"", ", preshared_key: \"" + PSK2 + "\""));
        assertEquals(1, differ.warnings().size());
        assertTrue(differ.warnings().get(0).message().startsWith("node 'a' (here) and node 'b' (t.yaml:16) give each other different preshared keys"),
                differ.warnings().get(0).message());
        Scenario same = parse(pair(", preshared_key: \"" + PSK1 + "\"", ", preshared_key: \"" + PSK1 + "\""));
        assertEquals(List.of(), same.warnings());
    }

    @Test
    void anEndpointOfAFamilyTheNodeHasNoAddressOfIsALocatedError() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(pair("", "").replace(
                "{node: b, endpoint: b}", "{node: b, endpoint: \"[2001:db8::2]:51820\"}")));
        assertEquals("9:31 nodes[0].wireguard.peers[0].endpoint", e.line() + ":" + e.column() + " " + e.path(), e.getMessage());
        assertTrue(e.reason().contains("endpoint [2001:db8::2]:51820 is IPv6 but node 'a' has no IPv6 address"), e.reason());
    }

    @Test
    void aNodeEndpointPicksTheAddressOfAFamilyTheSenderHas() {
        Scenario s = parse(pair("", "").replace("address: 192.0.2.2", "addresses: [\"2001:db8::2\", 192.0.2.2]"));
        assertEquals("192.0.2.2:51820", s.node("a").get().wireguard().get().peers().get(0).endpoint().get().toString());
    }

    @Test
    void aMeshGivesEachPeerTheEndpointOfAFamilyItCanReach() {
        Scenario s = parse("""
                scenario: {name: t, duration: 10s}
                topology: {type: mesh}
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {address: 10.0.0.1/24, listen_port: 51820}}
                  - {name: b, addresses: ["2001:db8::2", 192.0.2.2], wireguard: {address: 10.0.0.2/24, listen_port: 51820}}
                  - {name: c, address: "2001:db8::3", wireguard: {address: 10.0.0.3/24, listen_port: 51820}}
                """);
        java.util.function.BiFunction<String, String, String> ep = (from, to) -> s.node(from).get().wireguard().get().peers()
                .stream().filter(p -> p.name().equals(to)).findFirst().get().endpoint().map(Object::toString).orElse("none");
        assertEquals("192.0.2.2:51820", ep.apply("a", "b"));
        assertEquals("[2001:db8::2]:51820", ep.apply("c", "b"));
        assertEquals("[2001:db8::3]:51820", ep.apply("b", "c"));
        assertEquals("none", ep.apply("a", "c"), "no common family: learned when c writes first (it cannot either)");
        assertEquals(List.of("t.yaml:2:11: warning: topology: nodes 'a' and 'c' have no address family in common, so their"
                + " tunnel can never come up"), s.warnings().stream().map(Object::toString).toList());
    }

    @Test
    void wgQuickRoutingKeysAreReadAndChecked() {
        Scenario s = parse(pair("", "").replace("      listen_port: 51820\n      peers:\n        - {node: b",
                "      listen_port: 51820\n      mtu: 1280\n      table: off\n      fwmark: 0xca6c\n      masquerade: true\n"
                        + "      peers:\n        - {node: b"));
        WireGuardSpec a = s.node("a").get().wireguard().get();
        assertEquals(1280, a.mtu());
        assertEquals(WireGuardSpec.TABLE_OFF, a.table());
        assertEquals(51820, a.fwmark());
        assertTrue(a.forward() && a.masquerade());
        WireGuardSpec b = s.node("b").get().wireguard().get();
        assertEquals(WireGuardSpec.MTU_AUTO, b.mtu(), "computed at build time, as wg-quick does");
        assertEquals(WireGuardSpec.TABLE_AUTO, b.table());
        assertEquals(List.of(), s.warnings());
        Scenario numbered = parse(pair("", "").replace("      listen_port: 51820\n      peers:\n        - {node: b",
                "      listen_port: 51820\n      table: 1234\n      peers:\n        - {node: b"));
        assertEquals(1234, numbered.node("a").get().wireguard().get().table());
        assertEquals("t.yaml:8:14: warning: nodes[0].wireguard.table: the routes go into table 1234, which no rule looks up"
                + " (wg-quick adds none for a numbered table), so they steer no traffic into a's tunnel",
                numbered.warnings().get(0).toString());
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(pair("", "").replace(
                "      listen_port: 51820\n      peers:\n        - {node: b", "      listen_port: 51820\n      table: sometimes\n"
                        + "      peers:\n        - {node: b")));
        assertTrue(e.getMessage().startsWith("t.yaml:8:14: nodes[0].wireguard.table: table 'sometimes' is not auto, off, main"),
                e.getMessage());
    }

    @Test
    void pingFromAnAddressOfTheNodeIsKeptAndFromAnyOtherRefused() {
        String base = pair("", "") + "traffic:\n  - {name: p, type: ping, from: a, to: b, src: SRC}\n";
        assertEquals("10.0.0.1", parse(base.replace("SRC", "10.0.0.1")).flow("p").get().srcAddr().toString());
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(base.replace("SRC", "10.0.0.9")));
        assertTrue(e.getMessage().startsWith("t.yaml:18:48: traffic[0].src: ping can only send from an address of node 'a'"),
                e.getMessage());
        ScenarioException fam = assertThrows(ScenarioException.class, () -> parse(base.replace("SRC", "\"fd00::1\"")));
        assertTrue(fam.reason().contains("different families"), fam.reason());
    }

    @Test
    void anImportedFileWarnsAboutIgnoredLinesAStrangerPeerAndASharedPrefix() throws IOException {
        String stranger = "dQ7u4fg3/JEvar6eEEGfCdtXLDgEg0uDaGnpQbaw5WE=";
        Files.writeString(dir.resolve("a.conf"), """
                [Interface]
                PrivateKey = %s
                Address = 10.0.0.1/24, fd42::1/64
                MTU = 1380
                Table = 1234
                FwMark = 0x42
                PreUp = true
                SaveConfig = true

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.0/24

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.0/24, 10.0.0.7/32
                """.formatted(KEY_A, PUB_B, stranger));
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, """
                scenario: {name: t, duration: 10s}
                nodes:
                  - {name: a, address: 192.0.2.1, wireguard: {config: a.conf}}
                  - name: b
                    address: 192.0.2.2
                    wireguard: {private_key: "%s", address: 10.0.0.2/24}
                """.formatted(KEY_B));
        Scenario s = ScenarioParser.parse(yaml);
        WireGuardSpec a = s.node("a").get().wireguard().get();
        assertEquals("[10.0.0.1/24, fd42::1/64]", a.addresses().toString(), "both addresses are kept");
        assertEquals(1380, a.mtu());
        assertEquals(1234, a.table());
        assertEquals(0x42, a.fwmark());
        assertEquals(List.of(), a.peers().get(0).allowedIps(), "the later peer took 10.0.0.0/24, as wg setconf does");
        assertEquals("b", a.peers().get(0).name());
        String conf = dir.resolve("a.conf").toString();
        List<String> ws = s.warnings().stream().map(ScenarioWarning::toString).toList();
        assertEquals(List.of(
                conf + ":5: warning: [Interface] Table: the routes go into table 1234, which wg-quick adds no rule for (a PostUp"
                        + " usually does; wgsim runs none), so they steer no traffic into the tunnel",
                conf + ":7: warning: [Interface] PreUp: ignored: wgsim runs no shell hooks",
                conf + ":8: warning: [Interface] SaveConfig: ignored: wgsim never writes the file back",
                conf + ":16: warning: [Peer] AllowedIPs: 10.0.0.0/24 is also an allowed IP of the peer at line 10 (listed at"
                        + " line 12); as wg setconf does, this later peer takes it",
                conf + ":14: warning: [Peer] PublicKey: peer peer-dQ7u4fg3 matches no scenario node's key: nothing answers"
                        + " for it, so its traffic goes nowhere"), ws);
    }
}
