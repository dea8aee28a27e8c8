package dev.wgsim.scenario.cli;

import dev.wgsim.scenario.run.Runner;
import dev.wgsim.scenario.units.Units;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of one run on stderr. On a terminal: a redrawn bar with virtual time, elapsed wall
 * time, ETA and events per second; otherwise a plain line every tenth of the way. Phases are
 * named as they start (parsing, building N nodes, running, writing results, rendering charts).
 * The wall clock is read here, in the CLI, never in model code.
 */
final class Progress implements Runner.Phases {
    private static final int BAR = 30;
    private final PrintWriter err;
    private final boolean tty;
    private final long duration;
    private final String label;
    private final long started = System.nanoTime();
    private long runStart = started;
    private long events;
    private int lastShown = -1;
    private long lastDraw;
    private boolean barOpen;

    Progress(PrintWriter err, boolean tty, long duration) {
        this(err, tty, duration, "wgsim run");
    }

    Progress(PrintWriter err, boolean tty, long duration, String label) {
        this.err = err;
        this.tty = tty;
        this.duration = duration;
        this.label = label;
    }

    @Override
    public void phase(String name) {
        closeBar();
        if (name.equals("running")) {
            runStart = System.nanoTime();
        }
        err.println(String.format(Locale.ROOT, "%s: %s (%s)", label, name, clock((System.nanoTime() - started) / 1e9)));
        err.flush();
    }

    @Override
    public void events(long executed) {
        events = executed;
    }

    @Override
    public void accept(long t) {
        int pct = (int) Math.min(100, t * 100 / Math.max(1, duration));
        long now = System.nanoTime();
        double elapsed = (now - runStart) / 1e9;
        double eta = pct == 0 ? Double.NaN : elapsed * (100 - pct) / pct;
        String figures = String.format(Locale.ROOT, "t=%s of %s, elapsed %s, ETA %s, %s events/s", Units.formatDuration(t),
                Units.formatDuration(duration), clock(elapsed), Double.isNaN(eta) ? "?" : clock(eta), rate(events / Math.max(1e-9, elapsed)));
        if (tty) {
            if (pct != lastShown || now - lastDraw > 500_000_000L) {
                int filled = pct * BAR / 100;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + String.format(Locale.ROOT, "%3d%%", pct)
                        + "  " + figures + "   ");
                err.flush();
                barOpen = true;
                lastShown = pct;
                lastDraw = now;
            }
        } else if (pct / 10 != lastShown / 10 || lastShown < 0) {
            err.println(label + ": " + pct + "% (" + figures + ")");
            err.flush();
            lastShown = pct;
        }
    }

    private void closeBar() {
        if (barOpen) {
            err.println();
            barOpen = false;
        }
    }

    void done() {
        closeBar();
        err.flush();
    }

    static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 12s}, {@code 0.4s}. */
    static String clock(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
