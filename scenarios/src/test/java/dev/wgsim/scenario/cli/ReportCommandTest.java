package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wgsim report}: the chart options that used to live only in the reports module's own main. */
class ReportCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void aRun() {
        HelpTest.Output o = RunOutputTest.run(tmp);
        assertEquals(0, o.code(), o.err());
        run = tmp.resolve("lossy-link");
    }

    @Test
    void exportsChosenChartsAsReadmePngsWithAPrefix() {
        HelpTest.Output o = HelpTest.run("report", run.toString(), "--charts", "throughput,handshakes", "--bin", "1s",
                "--size", "800x400", "--export-png", tmp.resolve("img").toString(), "--prefix", "lossy");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(tmp.resolve("img/lossy-throughput.png")));
        assertTrue(Files.exists(tmp.resolve("img/lossy-handshakes.png")));
        assertFalse(Files.exists(tmp.resolve("img/lossy-drops.png")), "only the charts asked for");
    }

    @Test
    void badOptionsAndFoldersExit2WithOneLine() {
        HelpTest.Output pie = HelpTest.run("report", run.toString(), "--charts", "pie");
        assertEquals(2, pie.code());
        assertTrue(pie.err().startsWith("wgsim report: ") && pie.err().contains("unknown chart 'pie'"), pie.err());
        HelpTest.Output size = HelpTest.run("report", run.toString(), "--size", "huge");
        assertEquals(2, size.code());
        assertEquals("wgsim report: --size: expected WIDTHxHEIGHT, e.g. 900x500", size.err().strip());
        HelpTest.Output none = HelpTest.run("report", tmp.resolve("missing").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("not a results folder (no summary.json)"), none.err());
    }
}
