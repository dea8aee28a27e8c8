package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark must be able to read what the simulator writes: a simulated session with a cookie
 * exchange, handshakes, data both ways and a rekey is captured on the client's link, and tshark
 * with our keylog dissects every message, verifies mac1, completes the handshakes and decrypts
 * every transport packet to the inner ICMP packet the apps sent. CI installs tshark; a machine
 * without it fails this test rather than skipping it.
 */
class TsharkDecryptTest {

    @TempDir
    static Path out;
    private static List<String[]> rows;

    @BeforeAll
    static void captureAndDissect() throws Exception {
        // handshake-flood: 300 bots put the server under load, so the client's first initiation is
        // answered with a cookie reply and its retry carries mac2. 130 s of 1 s pings make the
        // client (the initiator) rekey after 120 s.
        RunResult r = ExampleRuns.run(out, "handshake-flood", "scenario.duration=130s", "expect=[]",
                "capture.links=[client-inet]", "traffic[1].stop=4s");
        Path pcap = r.folder().resolve("capture.pcap");
        Path keylog = r.folder().resolve("wg-keylog.txt");
        rows = tshark(pcap, keylog, "wg.type", "wg.receiver_pubkey", "wg.static", "wg.handshake_ok",
                "ip.src", "ip.dst", "icmp.type", "icmp.seq", "icmp.checksum.status", "ip.checksum.status", "data.data");
    }

    @Test
    void everyCapturedDatagramDissectsAsWireGuard() {
        assertTrue(rows.size() > 250, "130 s of pings both ways: " + rows.size() + " frames");
        for (String[] f : rows) {
            assertFalse(f[0].isEmpty(), "a frame tshark did not recognise as WireGuard: " + String.join("|", f));
        }
    }

    @Test
    void initiationsVerifyMac1AndRevealTheStaticKey() {
        List<String[]> initiations = ofType("1");
        assertTrue(initiations.size() >= 3, "cookie-refused first try, its retry, and the rekey: " + initiations.size());
        for (String[] f : initiations) {
            assertFalse(f[1].isEmpty(), "wg.receiver_pubkey: mac1 verified against a known key");
            assertFalse(f[2].isEmpty(), "wg.static: the initiator's static key decrypted with our keylog");
        }
    }

    @Test
    void theCookieReplyIsOnTheWireAndEveryResponseCompletesTheHandshake() {
        assertTrue(ofType("3").size() >= 1, "a cookie reply from the loaded server");
        List<String[]> responses = ofType("2");
        assertTrue(responses.size() >= 2, "the first handshake and the rekey: " + responses.size());
        for (String[] f : responses) {
            assertEquals("1", f[3], "wg.handshake_ok");
        }
    }

    @Test
    void everyTransportPacketDecryptsToTheInnerPacketThatWasSent() {
        List<String[]> transport = ofType("4");
        Map<String, String> requestData = new HashMap<>();
        Map<String, String> replyData = new HashMap<>();
        int keepalives = 0;
        for (String[] f : transport) {
            if (f[6].isEmpty()) { // an empty plaintext: a keepalive carries no inner packet
                keepalives++;
                continue;
            }
            String[] src = f[4].split(",");
            String[] dst = f[5].split(",");
            assertEquals(2, src.length, "outer and inner IPv4 header: " + f[4]);
            assertEquals("2,2", f[9], "both IPv4 header checksums good");
            assertEquals("1", f[8], "inner ICMP checksum good");
            if (f[6].equals("8")) {
                assertEquals("10.0.0.2", src[1]);
                assertEquals("10.0.0.1", dst[1]);
                requestData.put(f[7], f[10]);
            } else {
                assertEquals("0", f[6]);
                assertEquals("10.0.0.1", src[1]);
                assertEquals("10.0.0.2", dst[1]);
                replyData.put(f[7], f[10]);
            }
        }
        assertTrue(requestData.size() >= 120, "a ping a second for 130 s: " + requestData.size());
        assertEquals(requestData.keySet(), replyData.keySet(), "every request decrypted has its decrypted reply");
        requestData.forEach((seq, data) -> assertEquals(data, replyData.get(seq), "echo data of seq " + seq));
        assertTrue(keepalives <= 2, "only confirmation keepalives besides data: " + keepalives);
    }

    private static List<String[]> ofType(String type) {
        return rows.stream().filter(f -> f[0].equals(type)).toList();
    }

    private static List<String[]> tshark(Path pcap, Path keylog, String... fields) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "wg.keylog_file:" + keylog, "-T", "fields", "-E", "separator=|", "-E", "occurrence=a"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Path stdout = Files.createTempFile(out, "tshark", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit code (is tshark installed? .ci/run installs it)");
        List<String[]> result = new ArrayList<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            result.add(line.split("\\|", -1));
        }
        return result;
    }
}
