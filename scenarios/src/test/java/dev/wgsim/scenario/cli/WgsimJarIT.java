package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code wgsim.jar} (after {@code package}: failsafe runs this in {@code verify}) runs
 * what a user runs. The jar keeps only the Bouncy Castle and commons-math3 classes reachable from
 * wgsim's (maven-shade's minimizeJar), so each case goes through a part of those libraries a class
 * path test would not notice missing: Bouncy Castle's ChaCha20-Poly1305 and BLAKE2s (handshakes,
 * {@code -Dwgsim.aead=bc}), XChaCha20-Poly1305 cookies under load, XSalsa20-Poly1305 disco boxes
 * (tailnet), and the Student-t interval of a sweep.
 */
class WgsimJarIT {
    private static final Path JAR = Path.of("target", "wgsim.jar");
    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path out;

    @BeforeAll
    static void jarExists() {
        assertTrue(Files.isRegularFile(JAR), "run after package: " + JAR.toAbsolutePath());
    }

    @Test
    void runsAScenarioWithBouncyCastlesTransportCipher() throws Exception {
        Result r = wgsim(List.of("-Dwgsim.aead=bc"), "run", EXAMPLES.resolve("cryptokey-routing.yaml").toString(),
                "-o", out.toString());
        assertEquals(0, r.exit, r.output);
        Path folder = out.resolve("cryptokey-routing");
        assertTrue(Files.readString(folder.resolve("summary.json")).contains("\"handshakes_completed\""), r.output);
        try (Stream<Path> charts = Files.list(folder.resolve("charts"))) {
            assertFalse(charts.filter(p -> p.toString().endsWith(".png")).toList().isEmpty(), "JFreeChart drew PNGs");
        }
    }

    @Test
    void theJarOpensTheJdksPoly1305ToTheTransportCipher() throws Exception {
        // Add-Opens in the manifest: without it the JDK cipher falls back to its slower AEAD form
        // (JdkTransportAead), and nothing else would say so.
        Result r = wgsim(List.of("-Dwgsim.aead=jdk"), "--version");
        assertEquals(0, r.exit, r.output);
        assertTrue(r.output.contains("transport cipher: jdk, split construction"), r.output);
    }

    @Test
    void answersAHandshakeFloodWithCookies() throws Exception {
        Result r = wgsim(List.of(), "run", EXAMPLES.resolve("handshake-flood.yaml").toString(), "-o", out.toString());
        assertEquals(0, r.exit, r.output);
        assertTrue(Files.readString(out.resolve("handshake-flood").resolve("events.jsonl")).contains("wg.cookie.sent"),
                "the responder under load sent cookie replies");
    }

    @Test
    void runsATailnetWithDiscoBoxes() throws Exception {
        Result r = wgsim(List.of(), "run", EXAMPLES.resolve("tailnet.yaml").toString(), "-o", out.toString());
        assertEquals(0, r.exit, r.output);
        assertTrue(Files.readString(out.resolve("tailnet").resolve("events.jsonl")).contains("\"tailnet.path"), r.output);
    }

    @Test
    void sweepsWithStudentTIntervals() throws Exception {
        Path file = out.resolve("tiny-sweep.yaml");
        Files.writeString(file, """
                scenario: {name: tiny-sweep, seed: 3, duration: 20s}
                nodes:
                  - {name: inet, router: true}
                  - name: a
                    address: 203.0.113.1
                    wireguard: {address: 10.0.0.1/24, peers: [{node: b, allowed_ips: [10.0.0.2/32], endpoint: b}]}
                  - name: b
                    address: 198.51.100.1
                    wireguard: {address: 10.0.0.2/24, listen_port: 51820, peers: [{node: a}]}
                links:
                  - {name: a-inet, a: a, b: inet, delay: 10ms, rate: 10Mbit/s}
                  - {name: b-inet, a: b, b: inet, delay: 10ms, rate: 10Mbit/s}
                traffic:
                  - {name: up, type: cbr, from: a, to: b, rate: 1Mbit/s, size: 1000B}
                sweep:
                  parameters:
                    links[a-inet].loss: [0.02, 0.1]
                  replications: 3
                """);
        Result r = wgsim(List.of(), "sweep", file.toString(), "-o", out.resolve("sweep").toString(), "-j", "2");
        assertEquals(0, r.exit, r.output);
        List<String> rows = Files.readAllLines(out.resolve("sweep").resolve("aggregates.csv"));
        String header = rows.get(0);
        assertTrue(header.endsWith("ci95_low,ci95_high"), header);
        List<String> delivered = rows.stream().filter(l -> l.contains(",flows.up.delivered_packets,")).toList();
        assertEquals(2, delivered.size(), String.join("\n", rows));
        for (String row : delivered) {
            String[] f = row.split(",");
            double mean = Double.parseDouble(f[f.length - 4]);
            double low = Double.parseDouble(f[f.length - 2]);
            double high = Double.parseDouble(f[f.length - 1]);
            assertTrue(low < mean && mean < high, "random loss varies between replications, so the interval is open: "
                    + row);
        }
    }

    private record Result(int exit, String output) {}

    private static Result wgsim(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), output);
    }
}
