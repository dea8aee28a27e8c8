package dev.wgsim.scenario.sweep;

import dev.wgsim.reports.output.AtomicFiles;
import dev.wgsim.reports.sweep.SweepTables;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Combines sweep folders of one plan (shards, or partial runs from several machines) into one.
 * Every input must hold the same {@code sweep.json}; a run present in several inputs must have the
 * same summary.json in each (runs are deterministic). The result does not depend on the order the
 * inputs are given in: it is the union of the runs, and the tables are computed from it by run id.
 */
public final class SweepMerge {
    private SweepMerge() {
    }

    /** Thrown for inputs that cannot be merged; the message says why. */
    public static final class Mismatch extends RuntimeException {
        public Mismatch(String message) {
            super(message);
        }
    }

    /** Returns how many runs the merged folder holds. */
    public static int merge(Path out, List<Path> inputs, Consumer<String> log) throws IOException {
        if (inputs.isEmpty()) {
            throw new Mismatch("name at least one sweep folder to merge");
        }
        byte[] manifest = null;
        Path first = null;
        for (Path in : inputs) {
            Path mf = in.resolve(SweepTables.MANIFEST);
            if (!Files.isRegularFile(mf)) {
                throw new Mismatch(in + ": not a sweep folder (no " + SweepTables.MANIFEST + "); give folders wgsim sweep wrote");
            }
            byte[] b = Files.readAllBytes(mf);
            if (manifest == null) {
                manifest = b;
                first = in;
            } else if (!Arrays.equals(manifest, b)) {
                throw new Mismatch(in + " is a different sweep from " + first + " (their sweep.json differ)");
            }
        }
        Files.createDirectories(out);
        Path outManifest = out.resolve(SweepTables.MANIFEST);
        if (Files.exists(outManifest) && !Arrays.equals(Files.readAllBytes(outManifest), manifest)) {
            throw new Mismatch(out + " holds another sweep; merge into a new folder");
        }
        AtomicFiles.write(outManifest, manifest);
        Path runsOut = Files.createDirectories(out.resolve(SweepTables.RUNS_DIR));
        int count = 0;
        for (Path in : inputs) {
            Path runs = in.resolve(SweepTables.RUNS_DIR);
            if (!Files.isDirectory(runs)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(runs, "run-*")) {
                for (Path run : ds) {
                    if (!Files.isRegularFile(run.resolve("summary.json"))) {
                        continue;
                    }
                    Path target = runsOut.resolve(run.getFileName());
                    if (Files.isRegularFile(target.resolve("summary.json"))) {
                        if (!Arrays.equals(Files.readAllBytes(target.resolve("summary.json")), Files.readAllBytes(run.resolve("summary.json")))) {
                            throw new Mismatch(run + " and " + target + " are the same run with different results"
                                    + " (different wgsim builds or inputs?)");
                        }
                        continue;
                    }
                    if (target.equals(run)) {
                        continue;
                    }
                    Path tmp = runsOut.resolve("." + run.getFileName() + ".merging");
                    SweepRunner.deleteTree(tmp);
                    copyTree(run, tmp);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                    count++;
                }
            }
        }
        log.accept("merged " + count + " run" + (count == 1 ? "" : "s") + " from " + inputs.size() + " folder"
                + (inputs.size() == 1 ? "" : "s"));
        SweepTables.write(out);
        return count;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
