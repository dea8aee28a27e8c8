package dev.wgsim.reports.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams a metrics CSV by header name (so added columns never break a reader). The format has no
 * quoting: names are {@code [A-Za-z0-9_.:-]}, numbers use {@code Locale.ROOT}.
 */
final class CsvFile {
    private final Path file;
    private final Map<String, Integer> columns = new HashMap<>();
    private String line = "";
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int cellCount;
    private long lineNo;

    interface RowHandler {
        void row(CsvFile row);
    }

    private CsvFile(Path file) {
        this.file = file;
    }

    /** Calls {@code handler} once per data row; a missing file is an empty table (e.g. nat.csv without NATs). */
    static void forEachRow(Path file, String[] required, RowHandler handler) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        CsvFile csv = new CsvFile(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return;
            }
            csv.lineNo = 1;
            String[] names = header.strip().split(",", -1);
            for (int i = 0; i < names.length; i++) {
                csv.columns.put(names[i].strip(), i);
            }
            for (String r : required) {
                if (!csv.columns.containsKey(r)) {
                    throw new ResultsFormatException(file, 1, r, "column missing from header '" + header + "'");
                }
            }
            String line;
            while ((line = in.readLine()) != null) {
                csv.lineNo++;
                if (line.isEmpty()) {
                    continue;
                }
                csv.split(line);
                handler.row(csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records cell boundaries without allocating a string per cell (the big files have millions of rows). */
    private void split(String l) {
        line = l;
        int n = 0;
        int start = 0;
        while (true) {
            if (n == starts.length) {
                starts = java.util.Arrays.copyOf(starts, n * 2);
                ends = java.util.Arrays.copyOf(ends, n * 2);
            }
            int comma = l.indexOf(',', start);
            starts[n] = start;
            ends[n] = comma < 0 ? l.length() : comma;
            n++;
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        cellCount = n;
    }

    /** The index of a header column, or -1. Resolve once, then read cells by index. */
    int column(String name) {
        Integer i = columns.get(name);
        return i == null ? -1 : i;
    }

    boolean has(String column) {
        return columns.containsKey(column);
    }

    String text(String column) {
        return text(column(column), column);
    }

    String text(int i, String column) {
        if (i < 0 || i >= cellCount) {
            throw new ResultsFormatException(file, lineNo, column, "missing value");
        }
        return line.substring(starts[i], ends[i]);
    }

    double number(int i, String column) {
        String s = text(i, column);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ResultsFormatException(file, lineNo, column, "not a number: '" + s + "'");
        }
    }

    /** Whether cell {@code i} equals {@code s}, without making a string of the cell. */
    boolean cellEquals(int i, String s) {
        return i >= 0 && i < cellCount && ends[i] - starts[i] == s.length() && line.startsWith(s, starts[i]);
    }

    double number(String column) {
        String s = text(column);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ResultsFormatException(file, lineNo, column, "not a number: '" + s + "'");
        }
    }

    long integer(String column) {
        String s = text(column);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            double d = number(column);
            if (d != Math.rint(d)) {
                throw new ResultsFormatException(file, lineNo, column, "not an integer: '" + s + "'");
            }
            return (long) d;
        }
    }

    long optInteger(String column, long fallback) {
        return has(column) ? integer(column) : fallback;
    }
}
