package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.device.InnerPacket;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.live.IcmpEcho;
import dev.wgsim.wg.live.LiveDriver;
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
import org.junit.jupiter.api.Timeout;
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
        for (String o : new String[] {"--config", "--ping", "--listen", "--count", "--interval", "--timeout", "--bind",
                "Examples:", "wgsim live --config server.conf --listen"}) {
            assertTrue(out.toString().contains(o), o + " in\n" + out);
        }
    }

    @Test
    void missingFileOrBadOptionsExit2(@TempDir Path dir) throws Exception {
        assertEquals(2, run("live", "--config", dir.resolve("nope.conf").toString(), "--ping", "10.201.0.1"));
        assertTrue(err.toString().contains("nope.conf: no such file"), err.toString());
        Path ok = dir.resolve("ok.conf");
        Files.writeString(ok, conf(PrivateKey.generate(KEYS), PrivateKey.generate(KEYS), 9));
        assertEquals(2, run("live", "--config", ok.toString()), "--ping or --listen is required");
        assertTrue(err.toString().contains("give --ping ADDR to ping through a server, or --listen"), err.toString());
        assertEquals(2, run("live", "--config", ok.toString(), "--listen", "--ping", "10.201.0.1"));
        assertTrue(err.toString().contains("--ping and --listen exclude each other"), err.toString());
        assertEquals(2, run("live", "--config", ok.toString(), "--listen", "--count", "0"));
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
    void listenWithNobodyInitiatingTimesOutWithExit1(@TempDir Path dir) throws Exception {
        PrivateKey serverKey = PrivateKey.generate(KEYS);
        Path f = dir.resolve("server.conf");
        Files.writeString(f, listenConf(serverKey, PrivateKey.generate(KEYS)));
        assertEquals(1, run("live", "--config", f.toString(), "--listen", "--timeout", "300ms", "--bind", "127.0.0.1:0"),
                err.toString());
        String text = out.toString();
        assertTrue(text.contains("0 handshakes, 0 echo requests answered"), text);
        assertTrue(text.contains("timed out after 300ms with 0 of 3 echo requests answered. No peer completed a handshake"),
                text);
        assertTrue(text.contains(serverKey.publicKey().toBase64()), "names our public key\n" + text);
    }

    static String listenConf(PrivateKey server, PrivateKey client) {
        return "[Interface]\nPrivateKey = " + server.toBase64() + "\nAddress = 10.202.0.1/24, fd42:202::1/64\n\n"
                + "[Peer]\nPublicKey = " + client.publicKey().toBase64() + "\nAllowedIPs = 10.202.0.2/32, fd42:202::2/128\n";
    }

    /** The responder: a client (our own device on a second driver) initiates and pings v4 and v6. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // the command's own timeout is 2 min: it must stop at --count
    void listenAnswersAPeerThatInitiatesAndStopsAtCount(@TempDir Path dir) throws Exception {
        PrivateKey serverKey = PrivateKey.generate(KEYS);
        PrivateKey clientKey = PrivateKey.generate(KEYS);
        Path f = dir.resolve("server.conf");
        Files.writeString(f, listenConf(serverKey, clientKey));
        java.util.concurrent.CompletableFuture<Integer> code = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run("live", "--config", f.toString(), "--listen", "--count", "2", "--timeout", "2m",
                        "--bind", "127.0.0.1:0"));
        int port = awaitListening(code);
        try (LiveDriver client = LiveDriver.startOnLoopback(clientKey)) {
            client.withDevice(d -> {
                WgPeer p = d.addPeer(serverKey.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.parse("10.202.0.0/24"));
                d.addAllowedIp(p, IpPrefix.parse("fd42:202::/64"));
                d.setEndpoint(p, new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return p;
            });
            byte[][] pairs = {IpAddress.parse("10.202.0.2").toBytes(), IpAddress.parse("10.202.0.1").toBytes(),
                    IpAddress.parse("fd42:202::2").toBytes(), IpAddress.parse("fd42:202::1").toBytes()};
            for (int i = 0; i < 2; i++) {
                byte[] src = pairs[2 * i];
                byte[] dst = pairs[2 * i + 1];
                client.sendInner(IcmpEcho.request(src, dst, 0x4242, i + 1, new byte[16]));
                InnerPacket p = client.awaitDelivered(20, TimeUnit.SECONDS);
                IcmpEcho.Echo reply = p == null ? null : IcmpEcho.parse(p.packet());
                assertTrue(reply != null && reply.type() == IcmpEcho.ECHO_REPLY, "no reply to " + (i + 1) + ": " + out + err
                        + client.dropSummary());
                assertEquals(i + 1, reply.sequence());
                assertTrue(java.util.Arrays.equals(dst, reply.source()));
            }
            assertEquals(0, code.get(), out + "\n" + err);
            String text = out.toString();
            assertTrue(text.startsWith("LISTEN on UDP 127.0.0.1:" + port + " as " + serverKey.publicKey().toBase64()
                    + ", answering ICMP echo to 10.202.0.1, fd42:202::1\n"), text);
            assertTrue(text.contains("handshake with peer " + clientKey.publicKey().toBase64() + " from 127.0.0.1:"
                    + client.localAddress().getPort() + " (we are the responder)"), text);
            assertTrue(text.contains("24 bytes from 10.202.0.2: icmp_seq=1 answered (peer "), text);
            assertTrue(text.contains("24 bytes from fd42:202::2: icmp_seq=2 answered (peer "), text);
            assertTrue(text.contains("echo requests answered"), text);
            assertTrue(Pattern.compile("(?m)^1 handshake, 2 echo requests answered, 0 other packets ignored$")
                    .matcher(text).find(), text);
        }
    }

    /** Waits for the command's LISTEN line; returns the port it names. */
    private int awaitListening(java.util.concurrent.Future<Integer> command) throws Exception {
        java.util.regex.Pattern listening = Pattern.compile("LISTEN on UDP 127\\.0\\.0\\.1:(\\d+) ");
        while (!command.isDone()) {
            java.util.regex.Matcher m = listening.matcher(out.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the command ended before listening: " + command.get() + "\n" + out + err);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // the command's timeout is 2 min: it must end with the last reply
    void pingsAServerAndPrintsLikePing(@TempDir Path dir) throws Exception {
        PrivateKey ours = PrivateKey.generate(KEYS);
        PrivateKey serverKey = PrivateKey.generate(KEYS);
        try (LiveDriver server = LiveDriver.startOnLoopback(serverKey)) {
            server.withDevice(d -> {
                WgPeer p = d.addPeer(ours.publicKey(), PresharedKey.NONE);
                d.addAllowedIp(p, IpPrefix.host(IpAddress.parse("10.201.0.2")));
                return p;
            });
            Thread host = new Thread(() -> answerEchoes(server), "echo host");
            host.setDaemon(true);
            host.start();
            Path f = dir.resolve("peer.conf");
            Files.writeString(f, conf(ours, serverKey, server.localAddress().getPort()));

            int code = run("live", "--config", f.toString(), "--ping", "10.201.0.1", "--count", "3", "--interval", "50ms",
                    "--timeout", "2m", "--bind", "127.0.0.1:0");
            host.interrupt();
            assertEquals(0, code, out + "\n" + err);
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
