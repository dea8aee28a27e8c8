package dev.wgsim.engine.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
