package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.sweep.SweepRunner;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress over a sweep's runs on stderr: a redrawn line on a terminal, a plain line per tenth
 * otherwise; phases named. Reads the wall clock for elapsed time and ETA, so it lives in the CLI.
 */
final class RunsProgress implements SweepRunner.Listener {
    private final PrintWriter err;
    private final boolean tty;
    private final String label;
    private long start = System.nanoTime();
    private long lastTenth = -1;

    RunsProgress(PrintWriter err, boolean tty, String label) {
        this.err = err;
        this.tty = tty;
        this.label = label;
    }

    @Override
    public synchronized void phase(String what) {
        if (tty) {
            err.print("\r");
        }
        err.println(label + ": " + what);
        err.flush();
        if (what.startsWith("running")) {
            start = System.nanoTime();
        }
    }

    @Override
    public synchronized void runDone(long done, long total) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed / done * (total - done);
        String line = String.format(Locale.ROOT, "%s: %d/%d runs (%d%%), elapsed %s, ETA %s, %.2f runs/s", label, done, total,
                done * 100 / Math.max(1, total), Progress.clock(elapsed), Progress.clock(eta), done / Math.max(1e-9, elapsed));
        if (tty) {
            err.print("\r" + line + "   ");
            if (done == total) {
                err.println();
            }
            err.flush();
        } else {
            long tenth = done * 10 / Math.max(1, total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.println(line);
                err.flush();
            }
        }
    }
}
