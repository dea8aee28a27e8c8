package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture block writes capture.pcap (LINKTYPE_RAW) and a Wireshark keylog of every handshake. */
class CaptureTest {
    @Test
    void pcapAndKeylogAtACapturePoint(@TempDir Path out) throws IOException {
        RunResult r = ExampleRuns.run(out, "cryptokey-routing", "scenario.duration=30s", "expect=[]", "events=[]",
                "capture.nodes=[home]", "capture.links=[laptop-inet]");
        byte[] pcap = Files.readAllBytes(r.folder().resolve("capture.pcap"));
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        assertTrue(magic == 0xa1b23c4d || Integer.reverseBytes(magic) == 0xa1b23c4d, "nanosecond pcap");
        int linkType = magic == 0xa1b23c4d ? b.getInt(20) : Integer.reverseBytes(b.getInt(20));
        assertEquals(101, linkType, "LINKTYPE_RAW");
        assertTrue(pcap.length > 100_000, "30 s of three flows through home");

        List<String> keylog = Files.readAllLines(r.folder().resolve("wg-keylog.txt"));
        String homeKey = "LOCAL_STATIC_PRIVATE_KEY = " + dev.wgsim.wg.crypto.PrivateKey.of(
                r.simulation().scenario().node("home").get().wireguard().get().privateKey().bytes()).toBase64();
        assertTrue(keylog.contains(homeKey), "home initiated towards laptop and server");
        assertEquals(0, keylog.size() % 4, "one four-line block per handshake message created");
        assertTrue(keylog.stream().anyMatch(l -> l.startsWith("LOCAL_EPHEMERAL_PRIVATE_KEY = ")));
    }
}
