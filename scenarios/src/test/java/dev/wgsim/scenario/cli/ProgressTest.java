package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress on stderr: named phases, then virtual time, elapsed, ETA and events/s. */
class ProgressTest {
    @Test
    void plainLinesEveryTenthWithPhasesWhenNotATerminal() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), false, 10_000_000_000L);
        p.phase("building 3 nodes");
        p.phase("running");
        for (long t = 0; t <= 10_000_000_000L; t += 100_000_000L) { // every 1% of the way, as the simulation reports
            p.events(t / 1000);
            p.accept(t);
        }
        p.done();
        List<String> lines = w.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("wgsim run: building 3 nodes ("), lines.get(0));
        assertTrue(lines.get(1).startsWith("wgsim run: running ("), lines.get(1));
        List<String> ticks = lines.subList(2, lines.size());
        assertEquals(11, ticks.size(), "0%, 10%, ..., 100%: " + ticks);
        assertTrue(ticks.get(5).startsWith("wgsim run: 50% (t=5s of 10s, elapsed "), ticks.get(5));
        assertTrue(ticks.get(5).contains(", ETA ") && ticks.get(5).endsWith(" events/s)"), ticks.get(5));
        assertTrue(ticks.get(0).contains("ETA ?"), "no ETA before any progress: " + ticks.get(0));
    }

    @Test
    void aRedrawnBarOnATerminal() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), true, 1_000_000_000L);
        p.phase("running");
        p.accept(500_000_000L);
        p.phase("writing results");
        String s = w.toString();
        assertTrue(s.contains("\r[###############               ]  50%  t=500ms of 1s, elapsed "), s);
        assertTrue(s.contains("events/s   \nwgsim run: writing results ("), "the bar line is closed before the next phase: " + s);
    }

    @Test
    void sweepProgressCountsRunsWithElapsedAndEta() {
        StringWriter w = new StringWriter();
        RunsProgress p = new RunsProgress(new PrintWriter(w), false, "wgsim sweep");
        p.phase("running 40 of 40 runs on 2 threads");
        for (int done = 1; done <= 40; done++) {
            p.runDone(done, 40);
        }
        List<String> lines = w.toString().lines().toList();
        assertEquals("wgsim sweep: running 40 of 40 runs on 2 threads", lines.get(0));
        assertEquals(12, lines.size(), "the phase, the first run, then a line per tenth of the runs: " + lines);
        assertTrue(lines.get(1).startsWith("wgsim sweep: 1/40 runs (2%), elapsed "), lines.get(1));
        assertTrue(lines.get(2).startsWith("wgsim sweep: 4/40 runs (10%), elapsed "), lines.get(2));
        assertTrue(lines.get(11).startsWith("wgsim sweep: 40/40 runs (100%), elapsed ") && lines.get(11).contains(", ETA 0.0s, "),
                lines.get(11));
    }

    @Test
    void clockAndRateFormats() {
        assertEquals("0.4s", Progress.clock(0.42));
        assertEquals("12s", Progress.clock(12.4));
        assertEquals("4m05s", Progress.clock(245));
        assertEquals("1h02m05s", Progress.clock(3725));
        assertEquals("1.2M", Progress.rate(1_234_567));
        assertEquals("12k", Progress.rate(12_345));
        assertEquals("950", Progress.rate(950));
    }

    @Test
    void aRunNamesItsPhasesInOrder(@TempDir Path dir) {
        HelpTest.Output o = RunOutputTest.run(dir);
        assertEquals(0, o.code(), o.err());
        List<String> phases = o.err().lines().filter(l -> l.startsWith("wgsim run: ") && !l.contains("%"))
                .map(l -> l.substring("wgsim run: ".length()).replaceAll(" \\(.*", "")).toList();
        assertEquals(List.of("parsing examples/lossy-link.yaml", "building 5 nodes", "running", "writing results", "rendering charts"),
                phases);
    }
}
