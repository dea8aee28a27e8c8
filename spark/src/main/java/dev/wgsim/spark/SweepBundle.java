package dev.wgsim.spark;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.results.RunRecord;
import dev.wgsim.scenario.sweep.SweepPlan;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Spark task needs to run any run of a sweep, shipped by value because a {@code Scenario}
 * holds paths of the driver's disk: the scenario file's bytes, the bytes of every wg-quick file any
 * point of the sweep imports (by its path relative to the scenario's folder, {@code ..} allowed),
 * and the {@code --set} overrides given for every run. (An import written as an absolute path is
 * shipped too, but the executor reads the path as written: keep imports relative.) On an executor it is written once per JVM
 * into a temporary folder with the same relative layout, so runs there read the same bytes under
 * the same names and write the same summary.json as {@code wgsim sweep} on the driver's machine.
 *
 * @param fileName the scenario file's name (summary.json records the name alone)
 * @param depth    how many folders above the scenario's the imports reach ({@code ../} levels)
 * @param files    relative path to bytes; the scenario file first
 * @param baseSets the overrides applied to every run, before the point's
 */
public record SweepBundle(String fileName, int depth, Map<String, byte[]> files, List<String> baseSets) implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Path> MATERIALIZED = new ConcurrentHashMap<>();
    private static final Map<String, SweepPlan> PLANS = new ConcurrentHashMap<>();

    public SweepBundle {
        files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
        baseSets = List.copyOf(baseSets);
    }

    /**
     * The bundle of {@code plan}: its scenario file and what any of its points imports. Every point
     * is parsed (as {@code wgsim sweep} checks them) and a located error is thrown for a point the
     * scenario rejects or an import given by an absolute path (it would not exist on an executor).
     */
    public static SweepBundle of(SweepPlan plan) {
        Path file = plan.file().toAbsolutePath().normalize();
        Path base = file.getParent();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(file.getFileName().toString(), read(file));
        int depth = 0;
        plan.check();
        for (SweepPlan.Point p : plan.points()) {
            SweepPlan.Run first = plan.run((long) p.index() * plan.spec().replications());
            Scenario s = ScenarioParser.parse(plan.file(), first.options());
            List<RunRecord.Input> inputs = RunRecord.of(plan.file(), s, "", List.of(), java.util.OptionalLong.empty()).inputs();
            for (RunRecord.Input in : inputs.subList(1, inputs.size())) {
                Path rel = base.relativize(in.source());
                int up = 0;
                while (up < rel.getNameCount() && rel.getName(up).toString().equals("..")) {
                    up++;
                }
                depth = Math.max(depth, up);
                files.putIfAbsent(rel.toString().replace('\\', '/'), read(in.source()));
            }
        }
        return new SweepBundle(file.getFileName().toString(), depth, files, plan.baseSets());
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new ScenarioException(f.toString(), 0, 0, "", "cannot read the file (" + e.getMessage() + ")", "Check the path.");
        }
    }

    /** SHA-256 over names and bytes: the same bundle has the same id in every JVM. */
    public String id() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((depth + "\n" + String.join("\n", baseSets) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                d.update((e.getKey() + "\n" + e.getValue().length + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                d.update(e.getValue());
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The scenario file laid out with its imports in a temporary folder of this JVM (done once per
     * bundle, by whichever task comes first; removed when the JVM exits).
     */
    public Path materialize() {
        return MATERIALIZED.computeIfAbsent(id(), k -> {
            try {
                Path root = Files.createTempDirectory("wgsim-spark-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
                Path dir = root;
                for (int i = 0; i < depth; i++) {
                    dir = dir.resolve("d" + i);
                }
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    Path to = dir.resolve(e.getKey()).normalize();
                    if (!to.startsWith(root)) {
                        throw new IllegalArgumentException(e.getKey() + " reaches outside the bundle");
                    }
                    Files.createDirectories(to.getParent());
                    Files.write(to, e.getValue());
                }
                return dir.resolve(fileName);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The sweep plan on this JVM's copy of the files (parsed once per bundle). */
    public SweepPlan plan() {
        return PLANS.computeIfAbsent(id(), k -> SweepPlan.of(materialize(), baseSets));
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort at JVM exit
        }
    }
}
