package dev.wgsim.scenario.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.WireGuardSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The deterministic half of a run's reproducibility record: what {@code summary.json}'s {@code run}
 * block says about how the run was made (seed and its origin, overrides, sweep run id, the input
 * files and their SHA-256), and the copy of those inputs under {@code inputs/}. Nothing here
 * depends on the machine, the wall clock or where the files were, so the same run from a copy of
 * its inputs gives the same bytes.
 *
 * @param seedFrom  how the seed was chosen, e.g. {@code "scenario file"}, {@code "--seed"}
 * @param overrides the {@code --set path=value} overrides in the order applied
 * @param runId     the sweep run id, when the run is one point of a sweep
 * @param inputs    the scenario file first, then every file it imports
 */
public record RunRecord(String seedFrom, List<String> overrides, OptionalLong runId, List<Input> inputs) {
    /** Where inputs are copied, inside the results folder. */
    public static final String INPUTS = "inputs";

    public RunRecord {
        overrides = List.copyOf(overrides);
        inputs = List.copyOf(inputs);
    }

    /**
     * One input file.
     *
     * @param name   its path relative to the scenario file's folder, as copied under {@code inputs/}
     *               (null when it lies outside that folder and is not copied)
     * @param source where it was read from
     * @param sha256 the hash of its bytes
     */
    public record Input(String name, Path source, String sha256) {
    }

    /** The scenario file and the wg-quick files its nodes import ({@code config:}), each once, hashed. */
    public static RunRecord of(Path scenarioFile, Scenario s, String seedFrom, List<String> overrides, OptionalLong runId) {
        Path base = scenarioFile.toAbsolutePath().normalize().getParent();
        Set<Path> files = new LinkedHashSet<>();
        files.add(scenarioFile.toAbsolutePath().normalize());
        for (var n : s.nodes()) {
            n.wireguard().flatMap(WireGuardSpec::config).ifPresent(c -> files.add(Path.of(c).toAbsolutePath().normalize()));
        }
        List<Input> inputs = new ArrayList<>();
        for (Path f : files) {
            Path rel = base.relativize(f);
            String name = rel.startsWith("..") || rel.isAbsolute() ? null : rel.toString().replace('\\', '/');
            inputs.add(new Input(name, f, sha256(f)));
        }
        return new RunRecord(seedFrom, overrides, runId, inputs);
    }

    /**
     * How the seed was chosen: {@code --seed}, {@code --set scenario.seed}, {@code scenario file}
     * (its {@code scenario.seed}) or {@code default} (the file gives none).
     */
    public static String seedFrom(Path scenarioFile, boolean seedOption, List<String> overrides) {
        if (seedOption) {
            return "--seed";
        }
        if (overrides.stream().anyMatch(o -> o.replace(" ", "").startsWith("scenario.seed="))) {
            return "--set scenario.seed";
        }
        try {
            if (!Files.readString(scenarioFile).contains("seed")) {
                return "default";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (var reader = Files.newBufferedReader(scenarioFile)) {
            var lo = new org.yaml.snakeyaml.LoaderOptions();
            lo.setAllowDuplicateKeys(true);
            lo.setCodePointLimit(Integer.MAX_VALUE); // the file passed ScenarioParser's limits already
            var root = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(lo)).compose(reader);
            if (root instanceof org.yaml.snakeyaml.nodes.MappingNode m && child(m, "scenario")
                    instanceof org.yaml.snakeyaml.nodes.MappingNode sc && child(sc, "seed") != null) {
                return "scenario file";
            }
            return "default";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static org.yaml.snakeyaml.nodes.Node child(org.yaml.snakeyaml.nodes.MappingNode m, String key) {
        for (var t : m.getValue()) {
            if (t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    /** The path the scenario file has inside a results folder, e.g. {@code inputs/lossy-link.yaml}. */
    public String scenarioCopy() {
        return INPUTS + "/" + inputs.get(0).name();
    }

    /** Adds the record to summary.json's {@code run} block. */
    public void addTo(ObjectNode run) {
        if (runId.isPresent()) {
            run.put("run_id", runId.getAsLong());
        }
        run.put("seed_from", seedFrom);
        ArrayNode o = run.putArray("overrides");
        overrides.forEach(o::add);
        ArrayNode in = run.putArray("inputs");
        for (Input i : inputs) {
            ObjectNode e = in.addObject();
            e.put("file", i.name() != null ? i.name() : i.source().getFileName().toString());
            e.put("sha256", i.sha256());
            if (i.name() == null) {
                e.put("copied", false);
            }
        }
    }

    /** Copies the inputs into {@code dir/inputs/}, keeping their layout relative to the scenario file. */
    public void copyInto(Path dir) throws IOException {
        for (Input i : inputs) {
            if (i.name() == null) {
                continue;
            }
            Path to = dir.resolve(INPUTS).resolve(i.name());
            Files.createDirectories(to.getParent());
            byte[] bytes = Files.readAllBytes(i.source());
            if (!sha256(bytes).equals(i.sha256())) {
                throw new IOException(i.source() + " changed while the run was going on; run again");
            }
            Files.write(to, bytes);
        }
    }

    static String sha256(Path f) {
        try {
            return sha256(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
