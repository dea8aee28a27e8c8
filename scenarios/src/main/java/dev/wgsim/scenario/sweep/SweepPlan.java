package dev.wgsim.scenario.sweep;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.results.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A sweep expanded into numbered runs. Points are the cartesian product of the parameters' values
 * in the order written (the first parameter varies slowest), less those a constraint rules out;
 * point {@code p} (0-based) with replication {@code r} is run {@code p * replications + r}, with
 * seed {@link SweepSeeds#derive}(master seed, run id).
 */
public record SweepPlan(Path file, List<String> baseSets, SweepSpec spec, List<Point> points) {
    public SweepPlan {
        baseSets = List.copyOf(baseSets);
        points = List.copyOf(points);
    }

    /** One combination of parameter values, with the {@code --set} overrides that make it. */
    public record Point(int index, Map<String, String> values) {
        public List<String> sets() {
            List<String> out = new ArrayList<>();
            values.forEach((k, v) -> out.add(k + "=" + v));
            return out;
        }
    }

    /** One run of the sweep. */
    public record Run(long id, Point point, int replication, long seed, List<String> sets) {
        public String folderName() {
            return String.format(java.util.Locale.ROOT, "run-%04d", id);
        }

        public ScenarioParser.Options options() {
            return new ScenarioParser.Options(sets, OptionalLong.of(seed));
        }
    }

    /** Reads the sweep block of {@code file} and expands it; a file without one is a located error. */
    public static SweepPlan of(Path file, List<String> baseSets) {
        SweepSpec spec = SweepParser.parse(file, baseSets).orElseThrow(() -> new ScenarioException(file.toString(), 0, 0, "sweep",
                "the file has no sweep: block", "Add one, e.g. 'sweep: {parameters: {links[0].loss: [0, 0.01]}, replications: 5}'."));
        return expand(file, baseSets, spec);
    }

    static SweepPlan expand(Path file, List<String> baseSets, SweepSpec spec) {
        List<Point> points = new ArrayList<>();
        int n = spec.parameters().size();
        int[] idx = new int[n];
        int index = 0;
        while (true) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                SweepSpec.Parameter p = spec.parameters().get(i);
                values.put(p.path(), p.values().get(idx[i]));
            }
            if (spec.constraints().stream().allMatch(c -> holds(c, values))) {
                points.add(new Point(index++, values));
            }
            int k = n - 1;
            while (k >= 0 && ++idx[k] == spec.parameters().get(k).values().size()) {
                idx[k] = 0;
                k--;
            }
            if (k < 0) {
                break;
            }
        }
        if (points.isEmpty()) {
            throw new ScenarioException(file.toString(), 0, 0, "sweep.constraints", "the constraints rule out every point",
                    "Loosen them.");
        }
        return new SweepPlan(file, baseSets, spec, points);
    }

    static boolean holds(SweepSpec.Constraint c, Map<String, String> values) {
        String l = values.getOrDefault(c.left(), c.left());
        String r = values.getOrDefault(c.right(), c.right());
        int cmp;
        if (SweepParser.isNumber(l) && SweepParser.isNumber(r)) {
            cmp = Double.compare(Double.parseDouble(l), Double.parseDouble(r));
        } else {
            cmp = l.compareTo(r);
        }
        return switch (c.op()) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "==" -> cmp == 0;
            default -> cmp != 0;
        };
    }

    public long runCount() {
        return (long) points.size() * spec.replications();
    }

    /** Run {@code id}; a located error when the sweep has no such run. */
    public Run run(long id) {
        if (id < 0 || id >= runCount()) {
            throw new ScenarioException("--run-id " + id, 0, 0, "", "the sweep has runs 0 to " + (runCount() - 1),
                    "Give a run id in that range (sweep.json lists them).");
        }
        Point p = points.get((int) (id / spec.replications()));
        List<String> sets = new ArrayList<>(baseSets);
        sets.addAll(p.sets());
        return new Run(id, p, (int) (id % spec.replications()), SweepSeeds.derive(spec.masterSeed(), id), sets);
    }

    public List<Run> runs() {
        List<Run> out = new ArrayList<>();
        for (long id = 0; id < runCount(); id++) {
            out.add(run(id));
        }
        return out;
    }

    /** What summary.json's run block says about run {@code r} (the same whether run by the sweep or by --run-id). */
    public RunRecord record(Run r, Scenario s) {
        return RunRecord.of(file, s, "sweep: master seed " + spec.masterSeed() + ", run " + r.id(), r.sets(), OptionalLong.of(r.id()));
    }

    /**
     * Parses the scenario at every point, before anything runs: a value the scenario rejects is
     * reported at the sweep parameter that gave it. Returns the largest node count of any point.
     */
    public int check() {
        int nodes = 0;
        for (Point p : points) {
            Run first = run((long) p.index() * spec.replications());
            try {
                nodes = Math.max(nodes, ScenarioParser.parse(file, first.options()).nodes().size());
            } catch (ScenarioException e) {
                for (SweepSpec.Parameter param : spec.parameters()) {
                    String label = "--set " + param.path() + "=" + p.values().get(param.path());
                    if (e.file().equals(label)) {
                        SweepSpec.Location at = param.at();
                        throw new ScenarioException(at.file(), at.line(), at.column(), "sweep.parameters." + param.path(),
                                "value " + p.values().get(param.path()) + " is rejected: " + e.reason(), e.fix());
                    }
                }
                throw new ScenarioException(e.file(), e.line(), e.column(), e.path(), e.reason() + " (at sweep point "
                        + p.values() + ")", e.fix());
            }
        }
        return nodes;
    }
}
