package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveDriver;
import dev.wgsim.wg.routing.IpAddressText;
import dev.wgsim.wg.routing.IpPrefix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wgsim live} end to end on loopback: the server is our own device on a second
 * {@link LiveDriver} whose "host" answers echo requests, so this runs without root or wireguard-go
 * (the interop test in wg-model does the same against wireguard-go).
 */
class LiveCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    static final Entropy KEYS = Entropy.of(new SecureRandom());

    int run(String... args) {
        return WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    static String conf(PrivateKey ours, PrivateKey server, int serverPort) {
        return "[Interface]\nPrivateKey = " + ours.toBase64() + "\nAddress = 10.201.0.2/24\n\n[Peer]\nPublicKey = "
                + server.publicKey().toBase64() + "\nAllowedIPs = 10.201.0.0/24\nEndpoint = 127.0.0.1:" + serverPort + "\n";
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("live", "--help"));
        for (String o : new String[] {"--config", "--ping", "--count", "--interval", "--timeout", "--bind"}) {
            assertTrue(out.toString().contains(o), o + " in\n" + out);
        }
    }

    @Test
    void missingFileOrBadOptionsExit2(@TempDir Path dir) throws Exception {
        assertEquals(2, run("live", "--config", dir.resolve("nope.conf").toString(), "--ping", "10.201.0.1"));
        assertTrue(err.toString().contains("nope.conf: no such file"), err.toString());
        Path ok = dir.resolve("ok.conf");
        Files.writeString(ok, conf(PrivateKey.generate(KEYS), PrivateKey.generate(KEYS), 9));
        assertEquals(2, run("live", "--config", ok.toString()), "--ping is required");
        assertEquals(2, run("live", "--config", ok.toString(), "--ping", "10.201.0.1", "--interval", "1"));
        assertTrue(err.toString().contains("'1' has no unit"), err.toString());
        assertEquals(2, run("live", "--config", ok.toString(), "--ping", "fd00::1"));
        assertEquals(2, run("live", "--config", ok.toString(), "--ping", "10.9.9.9", "--bind", "127.0.0.1:0"));
        assertTrue(err.toString().contains("no peer's AllowedIPs contains 10.9.9.9"), err.toString());
    }

    @Test
    void brokenConfNamesTheLineAndExits2(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.conf");
        Files.writeString(f, "[Interface]\nPrivateKey = " + PrivateKey.generate(KEYS).toBase64()
                + "\n\n[Peer]\nPublicKey = not-a-key\nAllowedIPs = 10.201.0.0/24\n");
        assertEquals(2, run("live", "--config", f.toString(), "--ping", "10.201.0.1"));
        assertTrue(err.toString().startsWith(f + ":5: [Peer] PublicKey: "), err.toString());
        assertTrue(err.toString().contains("Fix: "), err.toString());
    }

    @Test
    void noServerMeansNoHandshakeAndExit1(@TempDir Path dir) throws Exception {
        int silent;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort(); // closed again: nobody answers there
        }
        Path f = dir.resolve("peer.conf");
        Files.writeString(f, conf(PrivateKey.generate(KEYS), PrivateKey.generate(KEYS), silent));
        assertEquals(1, run("live", "--config", f.toString(), "--ping", "10.201.0.1", "--timeout", "300ms",
                "--bind", "127.0.0.1:0"), err.toString());
        assertTrue(out.toString().contains("no handshake with "), out.toString());
        assertTrue(out.toString().contains("0 packets transmitted, 0 received, 100% packet loss"), out.toString());
    }

    @Test
    void pingsAServerAndPrintsLikePing(@TempDir Path dir) throws Exception {
        PrivateKey ours = PrivateKey.generate(KEYS);
        PrivateKey serverKey = PrivateKey.generate(KEYS);
        try (LiveDriver server = LiveDriver.startOnLoopback(serverKey)) {
            server.withDevice(d -> {
                WgPeer p = d.addPeer(ours.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.host(IpAddressText.parse("10.201.0.2")));
                return p;
            });
            Thread host = new Thread(() -> answerEchoes(server), "echo host");
            host.setDaemon(true);
            host.start();
            Path f = dir.resolve("peer.conf");
            Files.writeString(f, conf(ours, serverKey, server.localAddress().getPort()));

            long start = System.nanoTime();
            int code = run("live", "--config", f.toString(), "--ping", "10.201.0.1", "--count", "3", "--interval", "50ms",
                    "--timeout", "2s", "--bind", "127.0.0.1:0");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            host.interrupt();
            assertEquals(0, code, out + "\n" + err);
            assertTrue(tookMillis < 1800, "ends with the last reply, not at the 2 s timeout: " + tookMillis + " ms");
            String text = out.toString();
            assertTrue(Pattern.compile("(?m)^handshake completed in \\d+\\.\\d{3} ms$").matcher(text).find(), text);
            for (int seq = 1; seq <= 3; seq++) {
                assertTrue(Pattern.compile("(?m)^64 bytes from 10\\.201\\.0\\.1: icmp_seq=" + seq + " time=\\d+\\.\\d\\d ms$")
                        .matcher(text).find(), "seq " + seq + " in\n" + text);
            }
            assertTrue(text.contains("3 packets transmitted, 3 received, 0% packet loss"), text);
            assertTrue(Pattern.compile("(?m)^rtt min/avg/max = [\\d.]+/[\\d.]+/[\\d.]+ ms$").matcher(text).find(), text);
            long serverTx = server.withDevice(d -> d.peer(ours.publicKey()).txBytes());
            assertTrue(text.contains("transfer: " + serverTx + " B received"), "our rx equals the server's tx\n" + text);
        }
    }

    /** The host behind the server's tunnel: answers every echo request addressed to it. */
    private static void answerEchoes(LiveDriver server) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                InnerPacket p = server.awaitDelivered(50, TimeUnit.MILLISECONDS);
                IcmpEcho.Echo e = p == null ? null : IcmpEcho.parse(p.packet());
                if (e != null && e.type() == IcmpEcho.ECHO_REQUEST) {
                    server.sendInner(IcmpEcho.replyTo(e));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
