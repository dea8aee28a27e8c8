package dev.wgsim.wg.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.config.WireGuardKeylog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
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
            // -P -l: a summary line per packet, flushed at once, so the test can see what was captured.
            Process tshark = new ProcessBuilder("tshark", "-l", "-P", "-i", "lo", "-f", "udp port " + pair.goPort,
                    "-w", pcap.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
            try (DatagramChannel marker = DatagramChannel.open()) {
                marker.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                InetSocketAddress go = new InetSocketAddress(InetAddress.getLoopbackAddress(), pair.goPort);
                awaitMarker(dir.resolve("tshark.log"), tshark, marker, go, START_MARKER);
                for (int i = 0; i < 3; i++) {
                    pair.ping();
                }
                // Packets on lo are captured in order: once a marker sent after the last reply was
                // received shows up, the capture holds everything before it.
                awaitMarker(dir.resolve("tshark.log"), tshark, marker, go, END_MARKER);
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

    /** UDP payload sizes of the two markers (0xff bytes: no WireGuard message, wireguard-go drops them). */
    private static final int START_MARKER = 1111;
    private static final int END_MARKER = 1234;

    /**
     * Sends a marker datagram to wireguard-go's port until tshark's summary shows it (the first
     * ones may go out before the capture has started).
     */
    private static void awaitMarker(Path log, Process tshark, DatagramChannel ch, InetSocketAddress to, int size)
            throws Exception {
        byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte) 0xff);
        // The summary's length column: on lo, 14 (Ethernet) + 20 (IPv4) + 8 (UDP) + payload bytes.
        // (The protocol column varies: Wireshark takes 0xff bytes for a Wake-on-LAN packet.)
        java.util.regex.Pattern frameLength = java.util.regex.Pattern.compile("127\\.0\\.0\\.1 \\S+ 127\\.0\\.0\\.1\\s+\\S+\\s+"
                + (size + 42) + "\\s");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!tshark.isAlive()) {
                throw new IllegalStateException("tshark exited: " + Files.readString(log));
            }
            ch.send(java.nio.ByteBuffer.wrap(payload), to);
            for (int i = 0; i < 25; i++) {
                if (Files.exists(log) && frameLength.matcher(Files.readString(log)).find()) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("tshark never showed the " + size + "-byte marker: " + Files.readString(log));
    }
}
