package dev.wgsim.scenario.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.PeerSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.WireGuardSpec;
import dev.wgsim.scenario.run.RunResult;
import dev.wgsim.scenario.run.Runner;
import dev.wgsim.wg.crypto.PrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wireguard: {config: home.conf}} imports a wg-quick file unchanged and runs it. */
class WgQuickImportTest {
    @TempDir
    Path dir;

    static String key(int fill) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) fill);
        return Base64.getEncoder().encodeToString(b);
    }

    Path write(String conf) throws IOException {
        Files.writeString(dir.resolve("home.conf"), conf);
        String laptop = key(2);
        Path yaml = dir.resolve("s.yaml");
        Files.writeString(yaml, """
                scenario: {name: imported, duration: 10s}
                nodes:
                  - {name: inet, router: true}
                  - name: home
                    address: 198.51.100.1
                    wireguard: {config: home.conf}
                  - name: laptop
                    address: 203.0.113.10
                    wireguard:
                      private_key: "%s"
                      address: 10.0.0.2/24
                      listen_port: 51820
                      peers: [{node: home, allowed_ips: [10.0.0.0/24], endpoint: home}]
                links:
                  - {name: a, a: home, b: inet, delay: 5ms}
                  - {name: b, a: laptop, b: inet, delay: 5ms}
                traffic:
                  - {name: hello, type: ping, from: laptop, to: home, interval: 1s}
                expect:
                  - {happens: wg.handshake.completed, node: home, peer: laptop, within: [0s, 1s]}
                """.formatted(laptop));
        return yaml;
    }

    @Test
    void importsInterfaceAndPeersAndNamesKnownKeysAfterTheirNodes() throws IOException {
        String laptopPub = PrivateKey.of(Base64.getDecoder().decode(key(2))).publicKey().toBase64();
        Path yaml = write("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                Address = 10.0.0.1/24

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.2/32
                Endpoint = 203.0.113.10:51820

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.9/32
                PersistentKeepalive = 25
                """.formatted(key(1), laptopPub, PrivateKey.of(new byte[32]).publicKey().toBase64()));
        Scenario s = ScenarioParser.parse(yaml);
        WireGuardSpec home = s.node("home").get().wireguard().get();
        assertEquals(51820, home.listenPort());
        assertEquals("[10.0.0.1/24]", home.addresses().toString());
        List<PeerSpec> peers = home.peers();
        assertEquals("laptop", peers.get(0).name());
        assertEquals("203.0.113.10:51820", peers.get(0).endpoint().get().toString());
        assertTrue(peers.get(1).publicKey().isPresent() && peers.get(1).node().isEmpty());
        assertEquals(25_000_000_000L, peers.get(1).persistentKeepalive());

        RunResult r = Runner.run(s, null, t -> { }, Runner.ReportRenderer.NONE);
        assertFalse(r.expectations().isEmpty(), "the scenario must have expectations to check");
        r.expectations().forEach(e -> assertTrue(e.passed(), e.text() + ": " + e.message()));
    }

    @Test
    void errorsInTheConfFileNameItsLineAndKey() throws IOException {
        Path yaml = write("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820

                [Peer]
                PublicKey = not-base64
                AllowedIPs = 10.0.0.2/32
                """.formatted(key(1)));
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(yaml));
        assertTrue(e.file().endsWith("home.conf"), e.getMessage());
        assertEquals(6, e.line(), e.getMessage());
        assertEquals(1, e.column(), "a wg-quick error is about its whole line");
        assertTrue(e.getMessage().startsWith(e.file() + ":6:1: "), e.getMessage());
        assertTrue(e.path().contains("PublicKey"), e.getMessage());
    }
}
