package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.BrokenInputCliTest.Result;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.run.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of scenario files derived from the examples, the regression suite and the all-events
 * test scenario by deleting,
 * duplicating, retyping and renaming keys and values (seeded, so every run tries the same files).
 * For every mutant, {@code wgsim check} either accepts it, and then a short run of it (the first
 * {@value #SHORT_RUN_NANOS} ns of virtual time, expectations evaluated) completes without an
 * exception, or refuses it with exit 2 and only {@code file:line:col: ...} lines; never a stack
 * trace. A failing mutant is kept under target/mutants/ to reproduce.
 */
class MutationRunTest {
    static final long SEED = 20261203L;
    static final int MUTANTS = 400;
    static final long SHORT_RUN_NANOS = 500_000_000L;

    /** Values of the wrong type, out of range, empty, huge, or valid in some other field. */
    static final String[] VALUES = {"", "~", "0", "-1", "1.5", "abc", "[]", "{}", "[a, b]", "{x: 1}", "1e309",
            "99999999999999999999", "0s", "1ns", "100000d", "-5s", "10.0.0.1", "10.0.0.0/33", "'{i}'", "true", "NaN",
            "2106-02-07T06:28:16Z", "\"\\0\"", "'.'", "51820", "0.0.0.0:0", "100%", "between 5 and 1", ">= -1",
            "'a b'", "*nope", "&x 1", "!!binary AAAA"};

    static final Pattern BLOCK_PAIR = Pattern.compile("^(\\s*(?:-\\s+)?)([A-Za-z_]+)(:\\s*)(\\S.*)$");
    static final Pattern FLOW_PAIR = Pattern.compile("([A-Za-z_]+)(:\\s*)([^,{}\\[\\]]+|\\[[^\\]]*\\])");
    static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    @TempDir
    Path dir;

    record Mutant(String name, String source, String mutation, String text) {
    }

    static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String d : List.of("examples", "regression", "src/test/resources/scenarios")) {
            try (Stream<Path> s = Files.list(Path.of(d))) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    static List<Mutant> mutants(List<Path> sources) throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> texts = new ArrayList<>();
        for (Path p : sources) {
            // hub-1000 keeps its templates with 20 copies: the same structure, a fiftieth of the work.
            texts.add(Files.readString(p).replace("count: 1000", "count: 20"));
        }
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            int k = i % sources.size();
            String base = sources.get(k).getFileName().toString().replace(".yaml", "");
            String[] m = mutate(texts.get(k), rnd);
            if (i % 3 == 2) { // every third mutant has two mutations
                String[] again = mutate(m[1], rnd);
                m = new String[] {m[0] + "; " + again[0], again[1]};
            }
            out.add(new Mutant(String.format("m%03d-%s.yaml", i, base), sources.get(k).toString(), m[0], m[1]));
        }
        return out;
    }

    /** One mutation of a non-comment line: {description, new text}. */
    static String[] mutate(String text, SplittableRandom rnd) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).trim();
            if (!l.isEmpty() && !l.startsWith("#")) {
                candidates.add(i);
            }
        }
        int at = candidates.get(rnd.nextInt(candidates.size()));
        String line = lines.get(at);
        String what;
        int op = rnd.nextInt(7);
        Matcher block = BLOCK_PAIR.matcher(line);
        List<MatchResult> pairs = new ArrayList<>();
        Matcher fm = FLOW_PAIR.matcher(line);
        while (fm.find()) {
            pairs.add(new MatchResult(fm.start(1), fm.end(1), fm.start(3), fm.end(3)));
        }
        String value = VALUES[rnd.nextInt(VALUES.length)];
        switch (op) {
            case 0 -> {
                lines.remove(at);
                what = "deleted line " + (at + 1);
            }
            case 1 -> {
                lines.add(at, line);
                what = "duplicated line " + (at + 1);
            }
            case 2, 3 -> {
                // Retype a value: of a flow-mapping pair on the line if any, else the block value.
                if (!pairs.isEmpty() && (op == 3 || !block.matches())) {
                    MatchResult p = pairs.get(rnd.nextInt(pairs.size()));
                    lines.set(at, line.substring(0, p.valueStart()) + value + line.substring(p.valueEnd()));
                } else if (block.matches()) {
                    lines.set(at, block.group(1) + block.group(2) + block.group(3) + value);
                } else {
                    lines.set(at, line + " " + value);
                }
                what = "line " + (at + 1) + " value -> " + value;
            }
            case 4 -> {
                // Rename a key: swap two letters, drop one or add one.
                int ks;
                int ke;
                if (!pairs.isEmpty()) {
                    MatchResult p = pairs.get(rnd.nextInt(pairs.size()));
                    ks = p.keyStart();
                    ke = p.keyEnd();
                } else if (block.matches()) {
                    ks = block.start(2);
                    ke = block.end(2);
                } else {
                    ks = 0;
                    ke = 0;
                }
                String key = line.substring(ks, ke);
                String renamed = key.length() < 2 ? key + "x" : switch (rnd.nextInt(3)) {
                    case 0 -> key.substring(1, 2) + key.charAt(0) + key.substring(2);
                    case 1 -> key.substring(0, key.length() - 1);
                    default -> key + "s";
                };
                lines.set(at, line.substring(0, ks) + renamed + line.substring(ke));
                what = "line " + (at + 1) + " key " + key + " -> " + renamed;
            }
            case 5 -> {
                // Replace a word with another word of the file (a name where another name was).
                List<String> words = new ArrayList<>();
                Matcher w = WORD.matcher(text);
                while (w.find()) {
                    words.add(w.group());
                }
                Matcher here = WORD.matcher(line);
                List<int[]> spots = new ArrayList<>();
                while (here.find()) {
                    spots.add(new int[] {here.start(), here.end()});
                }
                if (spots.isEmpty()) {
                    lines.remove(at);
                    what = "deleted line " + (at + 1);
                } else {
                    int[] s = spots.get(rnd.nextInt(spots.size()));
                    String other = words.get(rnd.nextInt(words.size()));
                    lines.set(at, line.substring(0, s[0]) + other + line.substring(s[1]));
                    what = "line " + (at + 1) + " word " + line.substring(s[0], s[1]) + " -> " + other;
                }
            }
            default -> {
                // Move the line two columns in or out.
                boolean in = rnd.nextBoolean() || !line.startsWith("  ");
                lines.set(at, in ? "  " + line : line.substring(2));
                what = "line " + (at + 1) + (in ? " indented" : " dedented");
            }
        }
        return new String[] {what, String.join("\n", lines) + "\n"};
    }

    record MatchResult(int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /** A run of the scenario's first {@link #SHORT_RUN_NANOS} (the same model, less virtual time). */
    static void shortRun(Scenario s) throws IOException {
        Scenario shorter = s.withDuration(Math.min(s.duration(), SHORT_RUN_NANOS));
        Runner.run(shorter, null, t -> { }, Runner.ReportRenderer.NONE);
    }

    @Test
    void everyMutantIsAcceptedAndRunsOrIsRefusedWithALocationNeverATrace() throws IOException {
        List<Path> sources = sources();
        assertTrue(sources.size() >= 10, "examples and regression files found: " + sources);
        List<Mutant> mutants = mutants(sources);
        for (Path src : sources) { // wg-quick files the sources import, beside the mutants
            try (Stream<Path> s = Files.list(src.getParent())) {
                for (Path conf : s.filter(p -> p.toString().endsWith(".conf")).toList()) {
                    Files.copy(conf, dir.resolve(conf.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (Mutant m : mutants) {
            Path f = dir.resolve(m.name());
            Files.writeString(f, m.text());
            String problem;
            try {
                Result r = BrokenInputCliTest.wgsim("check", f.toString());
                if (r.exit() == 0) {
                    accepted++;
                    shortRun(ScenarioParser.parse(f));
                    problem = null;
                } else {
                    refused++;
                    problem = refusalProblem(r, f);
                }
            } catch (Throwable t) {
                java.io.StringWriter sw = new java.io.StringWriter();
                t.printStackTrace(new java.io.PrintWriter(sw));
                problem = "threw " + sw.toString().lines().limit(8).reduce((a, b) -> a + "\n" + b).orElse("");
            }
            if (problem != null) {
                failures.add(m.name() + " (" + m.source() + ", " + m.mutation() + "): " + problem);
                keep(m);
            }
        }
        assertTrue(accepted > 20 && refused > 100, "both outcomes occur: accepted " + accepted + ", refused " + refused);
        assertTrue(failures.isEmpty(), failures.size() + " mutants misbehaved:\n" + String.join("\n\n", failures));
    }

    /** Null if the refusal is as it must be: exit 2, each line located at the file, no trace. */
    static String refusalProblem(Result r, Path f) {
        if (r.exit() != 2) {
            return "exit " + r.exit() + ": " + r.err();
        }
        if (r.err().contains("Exception") || r.err().contains("\tat ")) {
            return "stack trace: " + r.err();
        }
        List<String> lines = r.err().lines().filter(l -> !l.matches("\\d+ errors.*")).toList();
        if (lines.isEmpty()) {
            return "exit 2 without a message";
        }
        for (String l : lines) {
            Matcher m = BrokenInputCliTest.LOCATED.matcher(l);
            if (!m.matches() || !m.group(1).equals(f.toString())) {
                return "not located: " + l;
            }
        }
        return null;
    }

    static void keep(Mutant m) throws IOException {
        Path keep = Path.of("target/mutants");
        Files.createDirectories(keep);
        Files.writeString(keep.resolve(m.name()), "# " + m.source() + ": " + m.mutation() + "\n" + m.text());
    }

    /** The generator is deterministic: the same seed gives the same files. */
    @Test
    void theMutantsAreTheSameOnEveryRun() throws IOException {
        List<Path> sources = sources();
        List<Mutant> once = mutants(sources);
        assertEquals(MUTANTS, once.size());
        assertEquals(once, mutants(sources));
        assertTrue(once.stream().map(Mutant::text).distinct().count() > MUTANTS * 9 / 10, "mostly distinct files");
    }
}
