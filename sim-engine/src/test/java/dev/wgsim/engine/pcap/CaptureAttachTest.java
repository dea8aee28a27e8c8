package dev.wgsim.engine.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.TestNets;
import dev.wgsim.engine.net.UdpSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureAttachTest {

    @Test
    void hostCaptureSeesBothDirectionsAndLinkCaptureSeesOffers(@TempDir Path dir) throws Exception {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.builder().delayNanos(1_000_000).build());
        Path hostFile = dir.resolve("b.pcap");
        Path linkFile = dir.resolve("link.pcap");
        try (PcapWriter atB = PcapWriter.open(hostFile, 0); PcapWriter onLink = PcapWriter.open(linkFile, 0)) {
            p.b().addObserver(atB);
            p.link().addObserver(onLink);
            UdpSocket echo = p.b().bind(9, (now, src, dst, payload) -> { });
            p.b().bind(7, (now, src, dst, payload) -> echo.send(src, payload));
            UdpSocket s = p.a().bind(1000, (now, src, dst, payload) -> { });
            s.send(dev.wgsim.engine.net.Endpoint.parse("10.0.0.2:7"), new byte[100]);
            p.net().loop().run();
            assertEquals(2, atB.records(), "request in, reply out");
            assertEquals(2, onLink.records());
        }
        int expected = 24 + 2 * (16 + 128);
        assertEquals(expected, Files.size(hostFile));
        assertEquals(expected, Files.size(linkFile));
        byte[] bytes = Files.readAllBytes(hostFile);
        IpPacket first = IpPacket.decode(bytes, 24 + 16, 128).packet();
        assertEquals(dev.wgsim.engine.net.Endpoint.parse("10.0.0.1:1000"), first.sourceEndpoint());
        assertEquals(1_000_000, java.nio.ByteBuffer.wrap(bytes, 28, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(),
                "arrival stamped at the 1 ms delay");
    }

    /** A capture on a NAT box shows both sides of the translation, and tshark agrees with every checksum. */
    @Test
    void natBoxCaptureReadsBackWithTshark(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            System.out.println("SKIPPED tshark read-back: /usr/bin/tshark is not installed (apt-get install tshark)");
            return;
        }
        dev.wgsim.engine.net.Network net = new dev.wgsim.engine.net.Network(3);
        dev.wgsim.engine.net.Host phone = net.addHost("phone");
        dev.wgsim.engine.net.Host home = net.addHost("home");
        dev.wgsim.engine.net.Host server = net.addHost("server");
        LinkConfig wire = LinkConfig.builder().delayNanos(2_000_000).lossProbability(0.1).build();
        dev.wgsim.engine.link.Link lan = dev.wgsim.engine.link.Link.connect(net, "lan", phone, "eth0",
                dev.wgsim.net.InterfaceAddress.parse("192.168.1.10/24"), home, "lan",
                dev.wgsim.net.InterfaceAddress.parse("192.168.1.1/24"), wire, wire);
        dev.wgsim.engine.link.Link wan = dev.wgsim.engine.link.Link.connect(net, "wan", home, "wan",
                dev.wgsim.net.InterfaceAddress.parse("203.0.113.2/24"), server, "eth0",
                dev.wgsim.net.InterfaceAddress.parse("203.0.113.1/24"), wire, wire);
        phone.setDefaultRoute(lan.a());
        home.setDefaultRoute(wan.a());
        new dev.wgsim.engine.nat.Nat(net, "home", home, wan.a(), dev.wgsim.engine.nat.NatConfig.preset("hard"));
        new dev.wgsim.engine.app.UdpEchoServer(server, 7);
        Path file = dir.resolve("home.pcap");
        long records;
        try (PcapWriter w = PcapWriter.open(file, 1_767_225_600L * 1_000_000_000L)) {
            home.addObserver(w);
            dev.wgsim.engine.app.UdpSource.constantBitRate(phone, "f", dev.wgsim.engine.net.Endpoint.parse("203.0.113.1:7"),
                    200, 10_000_000).start(0, 2_000_000_000L);
            new dev.wgsim.engine.app.PingApp(phone, "p", dev.wgsim.net.IpAddress.parse("203.0.113.1"),
                    100_000_000, 20, 56).start(0);
            net.loop().runUntil(3_000_000_000L);
            records = w.records();
        }
        Process proc = new ProcessBuilder("/usr/bin/tshark", "-r", file.toString(), "-o", "ip.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=,", "-e", "ip.src", "-e", "ip.dst",
                "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "icmp.checksum.status")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        java.util.List<String> lines = new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        proc.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(records, lines.size());
        assertTrue(records > 300, "records " + records);
        for (String line : lines) {
            String[] f = line.split(",", -1);
            assertEquals("1", f[2], line);
            assertTrue("1".equals(f[3]) || "1".equals(f[4]), "transport checksum good: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("192.168.1.10,203.0.113.1,")), "inside, before translation");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("203.0.113.2,203.0.113.1,")), "outside, after translation");
    }
}
