package dev.wgsim.reports;

import dev.wgsim.reports.results.ResultsFormatException;
import dev.wgsim.reports.sweep.Sweep;
import dev.wgsim.reports.sweep.SweepRun;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command line for reports alone (the {@code wgsim report} command delegates here):
 * <pre>
 * report DIR [--charts throughput,latency,...] [--bin 5s] [--size 900x500] [--scale 2]
 * report DIR --export-png OUTDIR --prefix NAME      (README images: OUTDIR/NAME-throughput.png ...)
 * sweep --metric PATH --param-label LABEL --out OUTDIR DIR=VALUE...
 * </pre>
 * Exit codes: 0 ok, 2 bad input (arguments or results folder).
 */
public final class ReportMain {
    private ReportMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit code instead of exiting, so the scenarios CLI can embed it. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: report DIR [options] | sweep --metric PATH --out DIR DIR=VALUE...");
            }
            List<String> a = new ArrayList<>(List.of(args));
            String cmd = a.remove(0);
            if (cmd.equals("sweep")) {
                return sweep(a, out);
            }
            if (!cmd.equals("report")) {
                a.add(0, cmd);
            }
            return report(a, out);
        } catch (IllegalArgumentException | ResultsFormatException | UncheckedIOException e) {
            err.println("wgsim report: " + e.getMessage());
            return 2;
        }
    }

    private static int report(List<String> a, PrintStream out) {
        Path dir = null;
        ChartOptions o = ChartOptions.defaults();
        Path exportDir = null;
        String prefix = null;
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            switch (arg) {
                case "--charts" -> o = o.withCharts(charts(value(a, ++i, arg)));
                case "--bin" -> o = o.withTimeBinNanos(parseDuration(value(a, ++i, arg), arg));
                case "--size" -> {
                    String[] wh = value(a, ++i, arg).split("x");
                    if (wh.length != 2) {
                        throw new IllegalArgumentException("--size: expected WIDTHxHEIGHT, e.g. 900x500");
                    }
                    o = o.withSize(integer(wh[0], arg), integer(wh[1], arg), o.pngScale());
                }
                case "--scale" -> o = o.withSize(o.width(), o.height(), number(value(a, ++i, arg), arg));
                case "--export-png" -> exportDir = Path.of(value(a, ++i, arg));
                case "--prefix" -> prefix = value(a, ++i, arg);
                default -> {
                    if (arg.startsWith("--") || dir != null) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                    }
                    dir = Path.of(arg);
                }
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("missing the results folder (report DIR)");
        }
        if (exportDir != null) {
            String p = prefix != null ? prefix : dir.toAbsolutePath().normalize().getFileName().toString();
            for (Path f : ReportRenderer.exportPngs(dir, o, exportDir, p)) {
                out.println(f);
            }
            return 0;
        }
        RenderResult r = ReportRenderer.render(dir, o);
        out.println("charts: " + String.join(", ", r.charts()));
        out.println("report: " + r.report());
        return 0;
    }

    private static int sweep(List<String> a, PrintStream out) {
        String metric = null;
        String label = "parameter";
        Path outDir = null;
        List<SweepRun> runs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            switch (arg) {
                case "--metric" -> metric = value(a, ++i, arg);
                case "--param-label" -> label = value(a, ++i, arg);
                case "--out" -> outDir = Path.of(value(a, ++i, arg));
                default -> {
                    int eq = arg.lastIndexOf('=');
                    if (arg.startsWith("--") || eq <= 0) {
                        throw new IllegalArgumentException("unexpected argument '" + arg + "' (runs are DIR=VALUE)");
                    }
                    runs.add(new SweepRun(Path.of(arg.substring(0, eq)), number(arg.substring(eq + 1), arg)));
                }
            }
        }
        if (metric == null || outDir == null) {
            throw new IllegalArgumentException("sweep needs --metric PATH and --out DIR");
        }
        var f = Sweep.render(runs, metric, label, outDir, ChartOptions.defaults());
        out.println("sweep: " + outDir.resolve(f.stem() + ".png"));
        return 0;
    }

    static Set<ChartKind> charts(String list) {
        Set<ChartKind> s = EnumSet.noneOf(ChartKind.class);
        for (String n : list.split(",")) {
            if (!n.isBlank()) {
                s.add(ChartKind.parse(n));
            }
        }
        return s;
    }

    /** "250ms", "5s", "2m", "1h" (also "2min", "500us", "10ns") as nanoseconds. */
    public static long parseDuration(String text, String field) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration (e.g. 250ms, 5s, 2m)");
        }
        double v = number(t.substring(0, i), field);
        double unit = switch (t.substring(i).strip()) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s", "" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException(field + ": unknown unit in '" + text + "' (ns, us, ms, s, m, h)");
        };
        return Math.round(v * unit);
    }

    private static String value(List<String> a, int i, String option) {
        if (i >= a.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return a.get(i);
    }

    private static int integer(String s, String field) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not an integer");
        }
    }

    private static double number(String s, String field) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + s + "' is not a number");
        }
    }
}
