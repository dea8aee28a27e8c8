package dev.wgsim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.reports.testing.SyntheticRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMainTest {
    @TempDir
    Path tmp;

    private int run(ByteArrayOutputStream err, String... args) {
        return ReportMain.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    }

    @Test
    void durations() {
        assertEquals(250_000_000L, ReportMain.parseDuration("250ms", "bin"));
        assertEquals(5_000_000_000L, ReportMain.parseDuration("5s", "bin"));
        assertEquals(120_000_000_000L, ReportMain.parseDuration("2m", "bin"));
        assertEquals(3_600_000_000_000L, ReportMain.parseDuration("1h", "bin"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportMain.parseDuration("5 parsecs", "--bin"));
        assertTrue(e.getMessage().startsWith("--bin"), e.getMessage());
    }

    @Test
    void exportsReadmePngsWithAPrefix() {
        Path d = SyntheticRun.small(tmp.resolve("run"), 1).write();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "report", d.toString(), "--charts", "throughput,handshakes", "--bin", "5s",
                "--export-png", tmp.resolve("img").toString(), "--prefix", "cryptokey-routing");
        assertEquals(0, code, err.toString());
        assertTrue(Files.exists(tmp.resolve("img/cryptokey-routing-throughput.png")));
        assertTrue(Files.exists(tmp.resolve("img/cryptokey-routing-handshakes.png")));
        assertTrue(!Files.exists(tmp.resolve("img/cryptokey-routing-drops.png")));
    }

    @Test
    void badInputExitsTwoWithAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "report", tmp.resolve("missing").toString()));
        assertTrue(err.toString().contains("summary.json"), err.toString());
        err.reset();
        assertEquals(2, run(err, "report", tmp.toString(), "--charts", "pie"));
        assertTrue(err.toString().contains("unknown chart 'pie'"), err.toString());
        err.reset();
        assertEquals(2, run(err, "sweep", "--metric", "wireguard.rekeys"));
        assertTrue(err.toString().contains("--out"), err.toString());
    }
}
