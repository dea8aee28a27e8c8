package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.wg.crypto.PrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every results folder carries its reproducibility record, and a run re-executed from the folder's
 * own copy of the scenario (and of the files it imports) with the recorded options gives
 * byte-identical events.jsonl and summary.json.
 */
class ReproduceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    /** Runs {@code args} into {@code out}, then again from the results folder's record into another folder. */
    Path[] runAndReproduce(Path scenario, String name, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", scenario.toString(), "-o", tmp.resolve("a").toString()));
        args.addAll(Arrays.asList(options));
        HelpTest.Output first = HelpTest.run(args.toArray(String[]::new));
        assertTrue(first.code() <= 1, first.err());
        Path a = tmp.resolve("a").resolve(name);

        JsonNode prov = JSON.readTree(a.resolve("provenance.json").toFile());
        String copy = JSON.readTree(a.resolve("summary.json").toFile()).path("run").path("inputs").get(0).path("file").asText();
        List<String> again = new ArrayList<>(List.of("run", a.resolve("inputs").resolve(copy).toString()));
        prov.path("reproduce_args").forEach(n -> again.add(n.asText()));
        again.addAll(List.of("-o", tmp.resolve("b").toString()));
        HelpTest.Output second = HelpTest.run(again.toArray(String[]::new));
        assertEquals(first.code(), second.code(), second.err());
        Path b = tmp.resolve("b").resolve(name);
        for (String f : List.of("events.jsonl", "summary.json")) {
            byte[] x = Files.readAllBytes(a.resolve(f));
            assertTrue(x.length > 100, f + " has content");
            assertArrayEquals(x, Files.readAllBytes(b.resolve(f)), f + " differs when re-run from the results folder");
        }
        return new Path[] {a, b};
    }

    @Test
    void lossyLinkWithSeedAndOverridesReproducesFromItsFolder() throws Exception {
        Path src = Path.of("examples/lossy-link.yaml");
        Path[] ab = runAndReproduce(src, "lossy-link", "--seed", "5", "--set", "scenario.duration=4s",
                "--set", "links[one-inet].loss=0.03", "--set", "expect=[]");
        Path a = ab[0];
        JsonNode run = JSON.readTree(a.resolve("summary.json").toFile()).path("run");
        assertEquals("--seed", run.path("seed_from").asText());
        assertEquals(List.of("scenario.duration=4s", "links[one-inet].loss=0.03", "expect=[]"),
                JSON.convertValue(run.path("overrides"), List.class));
        assertEquals("lossy-link.yaml", run.path("inputs").get(0).path("file").asText());
        assertEquals(sha256(src), run.path("inputs").get(0).path("sha256").asText());
        assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(a.resolve("inputs/lossy-link.yaml")), "a copy of the scenario");
        assertEquals(5, JSON.readTree(a.resolve("summary.json").toFile()).path("scenario").path("seed").asLong());

        JsonNode prov = JSON.readTree(a.resolve("provenance.json").toFile());
        assertEquals(List.of("wgsim", "run", src.toString(), "-o", tmp.resolve("a").toString(), "--seed", "5", "--set",
                "scenario.duration=4s", "--set", "links[one-inet].loss=0.03", "--set", "expect=[]"),
                JSON.convertValue(prov.path("command"), List.class));
        assertEquals("wgsim run <this folder>/inputs/lossy-link.yaml --seed 5 --set scenario.duration=4s"
                + " --set 'links[one-inet].loss=0.03' --set 'expect=[]'", prov.path("reproduce").asText());
        assertEquals(BuildInfo.current().commit(), prov.path("wgsim").path("commit").asText());
        assertEquals(System.getProperty("java.version"), prov.path("java").path("version").asText());
        assertTrue(prov.path("wall_seconds").asDouble() > 0);
        assertTrue(prov.path("events_per_second").asLong() > 0);
        assertFalse(Files.readString(a.resolve("summary.json")).contains(tmp.toString()), "no local path in summary.json");
    }

    @Test
    void importedWgQuickFilesAreCopiedHashedAndUsedWhenReproducing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("src/confs"));
        String laptopKey = key(2);
        String laptopPub = PrivateKey.of(Base64.getDecoder().decode(laptopKey)).publicKey().toBase64();
        Files.writeString(dir.resolve("home.conf"), """
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                Address = 10.0.0.1/24

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.2/32
                """.formatted(key(1), laptopPub));
        Path yaml = tmp.resolve("src/imported.yaml");
        Files.writeString(yaml, """
                scenario: {name: imported, duration: 5s}
                nodes:
                  - {name: inet, router: true}
                  - name: home
                    address: 198.51.100.1
                    wireguard: {config: confs/home.conf}
                  - name: laptop
                    address: 203.0.113.10
                    wireguard:
                      private_key: "%s"
                      address: 10.0.0.2/24
                      peers: [{node: home, allowed_ips: [10.0.0.0/24], endpoint: home}]
                links:
                  - {name: a, a: home, b: inet, delay: 5ms}
                  - {name: b, a: laptop, b: inet, delay: 5ms}
                traffic:
                  - {name: hello, type: ping, from: laptop, to: home, interval: 1s}
                """.formatted(laptopKey));
        Path a = runAndReproduce(yaml, "imported")[0];
        JsonNode run = JSON.readTree(a.resolve("summary.json").toFile()).path("run");
        assertEquals("default", run.path("seed_from").asText(), "the file gives no seed");
        assertEquals(2, run.path("inputs").size());
        assertEquals("confs/home.conf", run.path("inputs").get(1).path("file").asText());
        assertEquals(sha256(dir.resolve("home.conf")), run.path("inputs").get(1).path("sha256").asText());
        assertArrayEquals(Files.readAllBytes(dir.resolve("home.conf")), Files.readAllBytes(a.resolve("inputs/confs/home.conf")));
        // the reproduction read the copy: deleting the original changes nothing
        Files.delete(dir.resolve("home.conf"));
        assertTrue(Files.isRegularFile(a.resolve("inputs/confs/home.conf")));
    }

    static String key(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return Base64.getEncoder().encodeToString(b);
    }
}
