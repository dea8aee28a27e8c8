package dev.wgsim.scenario.sweep;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.yaml.Overrides;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a scenario file's {@code sweep:} block:
 * <pre>
 * sweep:
 *   parameters:
 *     links[wan].loss: [0, 0.01, 0.02, 0.05]          # a list of values, or
 *     nodes[phone].wireguard.peers[0].persistent_keepalive: 0..60 step 5   # a range
 *   constraints: ["links[wan].loss &lt;= 0.02"]        # optional, all must hold
 *   replications: 10                                  # default 1
 *   seed: 7                                           # master seed, default scenario.seed
 * </pre>
 * Errors are located ({@code file:line:col: sweep.parameters...: reason. fix}), like the rest of
 * the scenario. The file is assumed to have passed {@code ScenarioParser} already.
 */
public final class SweepParser {
    static final Set<String> KEYS = Set.of("parameters", "constraints", "replications", "seed");
    static final int MAX_VALUES = 10_000;
    static final int MAX_RUNS = 1_000_000;
    private static final Pattern RANGE = Pattern.compile(
            "\\s*(-?\\d+(?:\\.\\d+)?)\\s*([A-Za-z%/]*)\\s*\\.\\.\\s*(-?\\d+(?:\\.\\d+)?)\\s*([A-Za-z%/]*)"
                    + "(?:\\s+step\\s+(\\d+(?:\\.\\d+)?)\\s*([A-Za-z%/]*))?\\s*");
    private static final Pattern CONSTRAINT = Pattern.compile("\\s*(\\S+)\\s*(<=|>=|==|!=|<|>)\\s*(\\S+)\\s*");

    private final String file;
    private final Map<Node, String> origins;

    private SweepParser(String file, Map<Node, String> origins) {
        this.file = file;
        this.origins = origins;
    }

    /** The sweep block of {@code file} with {@code sets} applied, or empty when it has none. */
    public static Optional<SweepSpec> parse(Path file, List<String> sets) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "cannot read the file (" + e.getMessage() + ")", "Check the path.");
        }
        return parse(file.toString(), text, sets);
    }

    public static Optional<SweepSpec> parse(String file, String text, List<String> sets) {
        if (!text.contains("sweep") && sets.stream().noneMatch(x -> x.startsWith("sweep"))) {
            return Optional.empty(); // the common case, without composing a large file a second time
        }
        Node root = new Yaml(new SafeConstructor(loaderOptions())).compose(new StringReader(text));
        if (!(root instanceof MappingNode m)) {
            return Optional.empty();
        }
        Map<Node, String> origins = Overrides.apply(m, sets);
        Node sweep = child(m, "sweep");
        if (sweep == null) {
            return Optional.empty();
        }
        long scenarioSeed = Defaults.SEED;
        if (child(m, "scenario") instanceof MappingNode sc && child(sc, "seed") instanceof ScalarNode s) {
            scenarioSeed = Long.parseLong(s.getValue().trim()); // checked by ScenarioParser before
        }
        return Optional.of(new SweepParser(file, origins).sweep(sweep, scenarioSeed));
    }

    private SweepSpec sweep(Node n, long scenarioSeed) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, "sweep", "expected a mapping (sweep)", "Write 'parameters:', and optionally 'constraints:', "
                    + "'replications:' and 'seed:' under 'sweep:'.");
        }
        for (NodeTuple t : m.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            if (!KEYS.contains(key)) {
                throw error(t.getKeyNode(), "sweep." + key, "unknown key '" + key + "' in sweep",
                        dev.wgsim.scenario.yaml.Suggest.fixFor(key, List.of("parameters", "constraints", "replications", "seed"), "keys"));
            }
        }
        Node params = child(m, "parameters");
        if (!(params instanceof MappingNode pm) || pm.getValue().isEmpty()) {
            throw error(params != null ? params : n, "sweep.parameters", "a sweep needs at least one parameter",
                    "Write e.g. 'parameters: {links[wan].loss: [0, 0.01, 0.05]}'.");
        }
        List<SweepSpec.Parameter> parameters = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        long points = 1;
        for (NodeTuple t : pm.getValue()) {
            String path = scalar(t.getKeyNode(), "sweep.parameters", "a parameter path");
            String where = "sweep.parameters." + path;
            if (!seen.add(path)) {
                throw error(t.getKeyNode(), where, "parameter '" + path + "' is swept twice", "Give each path once.");
            }
            List<String> values = values(t.getValueNode(), where);
            parameters.add(new SweepSpec.Parameter(path, values, location(t.getValueNode())));
            points *= values.size();
            if (points > MAX_RUNS) {
                throw error(t.getValueNode(), where, "the sweep has more than " + MAX_RUNS + " points",
                        "Sweep fewer values or split it into several files.");
            }
        }
        List<SweepSpec.Constraint> constraints = new ArrayList<>();
        Node cs = child(m, "constraints");
        if (cs != null) {
            List<Node> items = cs instanceof SequenceNode seq ? seq.getValue() : List.of(cs);
            for (int i = 0; i < items.size(); i++) {
                constraints.add(constraint(items.get(i), "sweep.constraints[" + i + "]", seen));
            }
        }
        int replications = (int) integer(child(m, "replications"), "sweep.replications", 1, MAX_RUNS, 1);
        if (points * replications > MAX_RUNS) {
            throw error(child(m, "replications"), "sweep.replications", "the sweep has more than " + MAX_RUNS + " runs",
                    "Use fewer replications or fewer values.");
        }
        long master = integer(child(m, "seed"), "sweep.seed", Long.MIN_VALUE, Long.MAX_VALUE, scenarioSeed);
        return new SweepSpec(parameters, constraints, replications, master);
    }

    private List<String> values(Node n, String where) {
        if (n instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                throw error(n, where, "the list of values is empty", "Give at least one value.");
            }
            if (seq.getValue().size() > MAX_VALUES) {
                throw error(n, where, "more than " + MAX_VALUES + " values", "Sweep fewer values.");
            }
            List<String> out = new ArrayList<>();
            for (Node v : seq.getValue()) {
                out.add(scalar(v, where, "a value"));
            }
            Set<String> distinct = new LinkedHashSet<>(out);
            if (distinct.size() != out.size()) {
                throw error(n, where, "a value is listed twice", "List each value once; use 'replications' for repeats.");
            }
            return out;
        }
        String text = scalar(n, where, "a list of values or a range");
        Matcher r = RANGE.matcher(text);
        if (!r.matches()) {
            return List.of(text); // a single value
        }
        String unit = r.group(2);
        if (!r.group(4).equals(unit) && !r.group(4).isEmpty() || r.group(6) != null && !r.group(6).isEmpty()
                && !r.group(6).equals(unit)) {
            throw error(n, where, "the range's bounds and step have different units", "Write e.g. 0s..60s step 5s.");
        }
        BigDecimal from = new BigDecimal(r.group(1));
        BigDecimal to = new BigDecimal(r.group(3));
        BigDecimal step = r.group(5) == null ? BigDecimal.ONE : new BigDecimal(r.group(5));
        if (step.signum() <= 0) {
            throw error(n, where, "the step must be positive", "Write e.g. 0..60 step 5.");
        }
        if (to.compareTo(from) < 0) {
            throw error(n, where, "the range ends before it starts", "Write the smaller bound first, e.g. 0..60 step 5.");
        }
        BigDecimal count = to.subtract(from).divide(step, 0, java.math.RoundingMode.FLOOR).add(BigDecimal.ONE);
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
            throw error(n, where, "the range has more than " + MAX_VALUES + " values", "Use a larger step.");
        }
        List<String> out = new ArrayList<>();
        for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
            String s = v.stripTrailingZeros().toPlainString();
            out.add(s + unit);
        }
        return out;
    }

    private SweepSpec.Constraint constraint(Node n, String where, Set<String> params) {
        String text = scalar(n, where, "a constraint such as \"links[wan].loss <= 0.02\"");
        Matcher c = CONSTRAINT.matcher(text);
        if (!c.matches()) {
            throw error(n, where, "'" + text + "' is not a constraint",
                    "Write PATH OP VALUE with OP one of <, <=, ==, !=, >=, >, e.g. \"links[wan].loss <= 0.02\".");
        }
        for (String side : List.of(c.group(1), c.group(3))) {
            if (!params.contains(side) && !isNumber(side)) {
                throw error(n, where, "'" + side + "' is neither a swept parameter nor a number",
                        dev.wgsim.scenario.yaml.Suggest.fixFor(side, params, "swept parameters"));
            }
        }
        return new SweepSpec.Constraint(text.strip(), c.group(1), c.group(2), c.group(3));
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private long integer(Node n, String where, long min, long max, long fallback) {
        if (n == null) {
            return fallback;
        }
        String s = scalar(n, where, "an integer");
        try {
            long v = Long.parseLong(s.trim());
            if (v < min || v > max) {
                throw error(n, where, v + " is outside [" + min + ", " + max + "]", "Use a value in range.");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(n, where, "'" + s + "' is not an integer", "Write a whole number.");
        }
    }

    private String scalar(Node n, String where, String expected) {
        if (n instanceof ScalarNode s && !s.getValue().isEmpty()) {
            return s.getValue();
        }
        throw error(n, where, "expected " + expected, n instanceof MappingNode || n instanceof SequenceNode
                ? "Write a single value here; a structured value goes in quotes as YAML text, e.g. \"{model: gilbert-elliott, p: 0.01}\"."
                : "Give a value.");
    }

    ScenarioException error(Node n, String path, String reason, String fix) {
        SweepSpec.Location at = location(n);
        return new ScenarioException(at.file(), at.line(), at.column(), path, reason, fix);
    }

    /** Where {@code n} was written: file:line:col, or the --set override it came from (no line). */
    SweepSpec.Location location(Node n) {
        String f = n == null ? file : origins.getOrDefault(n, file);
        boolean fromFile = n != null && f.equals(file) && n.getStartMark() != null;
        return new SweepSpec.Location(f, fromFile ? n.getStartMark().getLine() + 1 : 0, fromFile ? n.getStartMark().getColumn() + 1 : 0);
    }

    /** The file has passed ScenarioParser's limits already: no second, stricter limit here. */
    static LoaderOptions loaderOptions() {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(true);
        lo.setCodePointLimit(Integer.MAX_VALUE);
        return lo;
    }

    static Node child(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }
}
