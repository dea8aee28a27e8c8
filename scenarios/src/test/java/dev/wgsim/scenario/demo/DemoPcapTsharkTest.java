package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session download (pcap + keylog over HTTP) opened by Wireshark's own dissector: tshark,
 * given only the two files, decrypts the handshakes and the data and shows the inner payloads the
 * demo sent. Skips only when tshark is not installed (.ci/run installs it).
 */
class DemoPcapTsharkTest {
    static final Path TSHARK = Path.of("/usr/bin/tshark");

    @TempDir
    Path dir;

    @Test
    void theDownloadedPcapAndKeylogOpenDecryptedInTshark() throws Exception {
        assumeTrue(Files.isExecutable(TSHARK), "tshark is not installed");
        DemoSession session = DemoSession.open(DemoSessionTest.EXAMPLE);
        try (DemoServer server = DemoServer.start(session, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String action : List.of("laptop/send", "phone/recv", "laptop/send")) {
                http.send(HttpRequest.newBuilder(server.uri().resolve("/api/peers/" + action))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            Path pcap = dir.resolve("demo.pcap");
            Path keys = dir.resolve("demo.keys");
            HttpResponse<Path> p = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/capture.pcap")).build(),
                    HttpResponse.BodyHandlers.ofFile(pcap));
            assertEquals(200, p.statusCode());
            assertTrue(p.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            assertEquals(200, http.send(HttpRequest.newBuilder(server.uri().resolve("/api/keylog.txt")).build(),
                    HttpResponse.BodyHandlers.ofFile(keys)).statusCode());
        }
        List<String> lines = tshark(dir.resolve("demo.pcap"), dir.resolve("demo.keys"),
                "-Y", "wg", "-T", "fields", "-E", "separator=|", "-e", "wg.type", "-e", "wg.static", "-e", "data.data");
        assertTrue(lines.size() >= 6, "two handshakes and data: " + lines);
        String staticKey = session.state().iface().publicKey();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("1|") && l.contains(staticKey)),
                "tshark opened wg0's encrypted static with the keylog: " + lines);
        List<String> payloads = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split("\\|", -1);
            if (f[0].equals("4") && f.length > 2 && !f[2].isEmpty()) {
                payloads.add(new String(java.util.HexFormat.of().parseHex(f[2].split(",")[0]), StandardCharsets.UTF_8));
            }
        }
        assertTrue(payloads.contains("hello laptop #1 from wg0"), "decrypted inner payloads: " + payloads);
        assertTrue(payloads.contains("hello laptop #3 from wg0"), "decrypted inner payloads: " + payloads);
        assertTrue(payloads.stream().anyMatch(s -> s.matches("hello wg0 #2 from phone")), "decrypted inner payloads: " + payloads);
    }

    static List<String> tshark(Path pcap, Path keys, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TSHARK.toString(), "-n", "-r", pcap.toString(), "-o",
                "wg.keylog_file:" + keys, "-o", "wg.dissect_packet:TRUE"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark: " + err);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
