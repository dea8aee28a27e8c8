package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.config.WireGuardKeylog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Captures a live session with wireguard-go on loopback and has Wireshark's dissector decrypt it
 * with the keylog our device wrote ({@link WireGuardKeylog}): the handshake decrypts (our static
 * key recovered from the initiation, {@code wg.handshake_ok} on the response) and every transport
 * packet opens to the ICMP echo inside.
 */
class LiveCaptureInteropTest {

    @Test
    void tsharkDecryptsALiveSessionWithOurKeylog() throws Exception {
        Path dir = Files.createTempDirectory("wgsim-capture");
        Path pcap = dir.resolve("live.pcapng");
        Path keylog = dir.resolve("wg.keylog");
        StringBuffer keys = new StringBuffer();
        try (LivePair pair = LivePair.start(true, true, null, null)) {
            pair.driver.withDevice(d -> {
                d.setKeyLogListener(m -> keys.append(WireGuardKeylog.handshake(m.localStatic(), m.remoteStatic(),
                        m.localEphemeral(), m.presharedKey())));
                return null;
            });
            Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "udp port " + pair.goPort, "-w", pcap.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
            try {
                awaitCapturing(dir.resolve("tshark.log"), tshark);
                for (int i = 0; i < 3; i++) {
                    pair.ping();
                }
                Thread.sleep(300); // let the capture see the last reply
            } finally {
                tshark.destroy();
                tshark.waitFor(5, TimeUnit.SECONDS);
                if (tshark.isAlive()) {
                    tshark.destroyForcibly();
                }
            }
            Files.writeString(keylog, keys.toString(), StandardCharsets.US_ASCII);

            String fields = WireGuardGo.run("tshark", "-r", pcap.toString(), "-o", "wg.keylog_file:" + keylog,
                    "-Y", "wg", "-T", "fields", "-E", "separator=|", "-e", "wg.type", "-e", "wg.static",
                    "-e", "wg.receiver_pubkey", "-e", "wg.handshake_ok", "-e", "icmp.type", "-e", "ip.src");
            List<String[]> rows = new ArrayList<>();
            for (String line : fields.split("\n")) {
                if (!line.isBlank() && !line.startsWith("Running as user")) {
                    rows.add(line.split("\\|", -1));
                }
            }
            String table = fields;
            List<String[]> inits = rows.stream().filter(r -> r[0].equals("1")).toList();
            List<String[]> responses = rows.stream().filter(r -> r[0].equals("2")).toList();
            assertEquals(1, inits.size(), table);
            assertEquals(pair.javaKey.publicKey().toBase64(), inits.get(0)[1], "static key decrypted from the initiation");
            assertEquals(pair.goKey.publicKey().toBase64(), inits.get(0)[2], "mac1 verified for wireguard-go's key");
            assertEquals(1, responses.size(), table);
            assertTrue(responses.get(0)[3].equals("1") || responses.get(0)[3].equals("True"), "handshake_ok: " + table);
            long requests = rows.stream().filter(r -> r[0].equals("4") && r[4].equals("8")
                    && r[5].contains(pair.javaInnerText())).count();
            long replies = rows.stream().filter(r -> r[0].equals("4") && r[4].equals("0")
                    && r[5].contains(pair.goInnerText())).count();
            assertEquals(3, requests, "our echo requests decrypted:\n" + table);
            assertEquals(3, replies, "wireguard-go's echo replies decrypted:\n" + table);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void awaitCapturing(Path log, Process tshark) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!tshark.isAlive()) {
                throw new IllegalStateException("tshark exited: " + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("Capturing on")) {
                Thread.sleep(200);
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("tshark did not start capturing: " + Files.readString(log));
    }
}
