package dev.wgsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Spark job's two entry points explain themselves and refuse bad input before Spark starts (exit 2). */
class SparkSweepCliIT {
    @TempDir
    Path tmp;

    record Out(int code, String out, String err) {
    }

    static Out run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Out(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryOptionWithAnExample() {
        Out h = run(new SparkSweep(), "--help");
        assertEquals(0, h.code(), h.err());
        for (String option : new String[] {"FILE", "--output", "--set", "--parquet", "--metric", "--force", "--version", "spark-submit"}) {
            assertTrue(h.out().contains(option), option + " in\n" + h.out());
        }
        Out p = run(new FolderToParquet(), "--help");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().contains("DIR") && p.out().contains("URI") && p.out().contains("FolderToParquet"), p.out());
        Out v = run(new SparkSweep(), "--version");
        assertTrue(v.out().startsWith("wgsim-spark 0.1.0"), v.out());
    }

    @Test
    void badInputIsRefusedBeforeSparkStarts() throws Exception {
        Path noSweep = tmp.resolve("plain.yaml");
        Files.copy(Path.of("../scenarios/examples/cryptokey-routing.yaml"), noSweep);
        Out o = run(new SparkSweep(), noSweep.toString(), "-o", tmp.resolve("never").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith(noSweep + ": sweep: the file has no sweep: block"), o.err());
        assertFalse(Files.exists(tmp.resolve("never")));

        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("sweep.json"), "{}\n");
        o = run(new SparkSweep(), "../scenarios/examples/lossy-link.yaml", "-o", taken.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("holds a sweep already: give another -o, or --force"), o.err());

        o = run(new FolderToParquet(), tmp.toString(), tmp.resolve("pq").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("is not a sweep folder (no sweep.json)"), o.err());
    }
}
