package dev.wgsim.engine.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.net.IpAddress;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapWriterTest {
    /** 2026-01-01T00:00:00Z in nanoseconds since 1970. */
    private static final long EPOCH = 1_767_225_600L * 1_000_000_000L;

    private static final List<IpPacket> PACKETS = List.of(
            IpPacket.udp(Endpoint.parse("192.168.1.10:51820"), Endpoint.parse("198.51.100.1:51820"), "wg".getBytes(StandardCharsets.US_ASCII)),
            IpPacket.udp(Endpoint.parse("[2001:db8::1]:4500"), Endpoint.parse("[2001:db8::2]:51820"), new byte[100]),
            IpPacket.echoRequest(IpAddress.parse("10.0.0.2"), IpAddress.parse("10.0.0.1"), 77, 3, new byte[56]),
            IpPacket.echoReply(IpAddress.parse("fd00::1"), IpAddress.parse("fd00::2"), 77, 3, new byte[56]));

    private static Path write(Path dir, PcapWriter.Precision precision) {
        Path file = dir.resolve("capture.pcap");
        try (PcapWriter w = PcapWriter.open(file, EPOCH, precision, 65535)) {
            long t = 1_500_000_123L;
            for (IpPacket p : PACKETS) {
                w.onPacket(t, p);
                t += 2_000_000L;
            }
            assertEquals(PACKETS.size(), w.records());
        }
        return file;
    }

    @Test
    void globalHeaderAndRecordLayout(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(write(dir, PcapWriter.Precision.NANOSECONDS))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b23c4d, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        assertEquals(0, b.getInt());
        assertEquals(0, b.getInt());
        assertEquals(65535, b.getInt());
        assertEquals(101, b.getInt());
        long t = EPOCH + 1_500_000_123L;
        for (IpPacket p : PACKETS) {
            assertEquals(t / 1_000_000_000L, b.getInt() & 0xFFFF_FFFFL);
            assertEquals(t % 1_000_000_000L, b.getInt());
            int incl = b.getInt();
            assertEquals(p.wireLength(), incl);
            assertEquals(p.wireLength(), b.getInt());
            byte[] body = new byte[incl];
            b.get(body);
            assertArrayEquals(p.toBytes(), body);
            t += 2_000_000L;
        }
        assertEquals(0, b.remaining());
    }

    @Test
    void microsecondFilesTruncateTheFraction(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(write(dir, PcapWriter.Precision.MICROSECONDS))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt());
        b.position(24 + 4);
        assertEquals(500_000, b.getInt()); // 1.500000123 s -> 500000 us
    }

    @Test
    void snapLengthTruncatesStoredBytesButKeepsOriginalLength(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("snap.pcap");
        try (PcapWriter w = PcapWriter.open(file, 0, PcapWriter.Precision.NANOSECONDS, 30)) {
            w.onPacket(0, PACKETS.get(1));
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(24 + 8);
        assertEquals(30, b.getInt());
        assertEquals(PACKETS.get(1).wireLength(), b.getInt());
        assertEquals(24 + 16 + 30, b.limit());
    }

    /** Reads the file back with the real tshark; checksums are validated, timestamps compared to the ns. */
    @Test
    void tsharkReadsTheFileAndAgreesOnEveryChecksum(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            System.out.println("SKIPPED tshark read-back: /usr/bin/tshark is not installed (apt-get install tshark)");
            return;
        }
        Path file = write(dir, PcapWriter.Precision.NANOSECONDS);
        Process proc = new ProcessBuilder("/usr/bin/tshark", "-r", file.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=|", "-e", "frame.time_epoch", "-e", "ip.src", "-e", "ipv6.src",
                "-e", "udp.dstport", "-e", "ip.checksum.status", "-e", "udp.checksum.status",
                "-e", "icmp.checksum.status", "-e", "icmpv6.checksum.status", "-e", "icmp.seq", "-e", "icmpv6.echo.sequence_number")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor(30, TimeUnit.SECONDS);
        List<String> lines = Arrays.asList(out.strip().split("\n"));
        assertEquals(4, lines.size(), out);
        // status 1 = "Good" in Wireshark's checksum status enum
        assertEquals("1767225601.500000123|192.168.1.10||51820|1|1||||", lines.get(0));
        assertEquals("1767225601.502000123||2001:db8::1|51820||1||||", lines.get(1));
        assertEquals("1767225601.504000123|10.0.0.2|||1||1||3|", lines.get(2));
        assertEquals("1767225601.506000123||fd00::1|||||1||3", lines.get(3));
    }
}
