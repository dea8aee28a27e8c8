package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.units.Units;
import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** Progress over virtual time: a redrawn bar on a terminal, a plain line every 10% otherwise. */
final class Progress implements LongConsumer {
    private final PrintWriter err;
    private final boolean tty;
    private final long duration;
    private int lastShown = -1;

    Progress(PrintWriter err, boolean tty, long duration) {
        this.err = err;
        this.tty = tty;
        this.duration = duration;
    }

    @Override
    public void accept(long t) {
        int pct = (int) (t * 100 / Math.max(1, duration));
        if (tty) {
            if (pct != lastShown) {
                int filled = pct * 40 / 100;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(40 - filled) + "] " + pct + "%  t=" + Units.formatDuration(t) + "   ");
                err.flush();
                lastShown = pct;
            }
        } else if (pct / 10 != lastShown / 10 || lastShown < 0) {
            err.println("progress " + pct + "% (t=" + Units.formatDuration(t) + ")");
            err.flush();
            lastShown = pct;
        }
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}, {@code 0.4s}. */
    static String clock(double seconds) {
        if (seconds < 10) {
            return String.format(java.util.Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }

    void done() {
        if (tty) {
            err.println();
            err.flush();
        }
    }
}
