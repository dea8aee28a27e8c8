package dev.wgsim.scenario.yaml;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.units.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of a scenario file with its place (file, line, column, field path). Every typed
 * read either returns a value or throws a {@link ScenarioException} naming that place.
 */
public final class YNode {
    private final String file;
    private final Node node;
    private final String path;
    private final int index;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]+");
    /** Copies in the template {@link #index} belongs to (0 outside templates). */
    private final int count;
    private final Map<Node, String> overrides;
    private final Problems problems;

    YNode(String file, Node node, String path, int index, Map<Node, String> overrides, Problems problems) {
        this(file, node, path, index, 0, overrides, problems);
    }

    private YNode(String file, Node node, String path, int index, int count, Map<Node, String> overrides,
            Problems problems) {
        this.overrides = overrides;
        this.problems = problems;
        this.file = overrides.isEmpty() ? file : overrides.getOrDefault(node, file);
        this.node = node;
        this.path = path;
        this.index = index;
        this.count = count;
    }

    /** The document root. */
    public static YNode root(String file, Node node) {
        return root(file, node, Map.of());
    }

    /**
     * The document root, where some nodes came from {@code --set} overrides: errors in those
     * name the override instead of the file.
     */
    public static YNode root(String file, Node node, Map<Node, String> overrideOrigins) {
        return root(file, node, overrideOrigins, Problems.strict());
    }

    /**
     * The document root whose mappings report unknown and duplicate keys to {@code problems} and
     * go on (every such key of the file is reported, not just the first).
     */
    public static YNode root(String file, Node node, Map<Node, String> overrideOrigins, Problems problems) {
        return new YNode(file, node, "", 0, overrideOrigins, problems);
    }

    /** Where problems of this file are collected. */
    public Problems problems() {
        return problems;
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    /**
     * The same value as the {@code index}-th (1-based) copy of a {@code count:} template: its text
     * reads with {@code {i}} replaced by the index.
     */
    public YNode withIndex(int newIndex) {
        return withIndex(newIndex, 0);
    }

    /**
     * The {@code index}-th of {@code count} copies: as {@link #withIndex(int)}, and a duration
     * written as a spread {@code A..B} reads as copy {@code index}'s share of it.
     */
    public YNode withIndex(int newIndex, int newCount) {
        return new YNode(file, node, path, newIndex, newCount, overrides, problems);
    }

    /** The template index, or 0 outside templates. */
    public int index() {
        return index;
    }

    public Node raw() {
        return node;
    }

    /** 1-based line of the value's start. */
    public int line() {
        Mark m = node.getStartMark();
        return m == null ? 0 : m.getLine() + 1;
    }

    /** 1-based column of the value's start. */
    public int column() {
        Mark m = node.getStartMark();
        return m == null ? 0 : m.getColumn() + 1;
    }

    /** An error at this value. */
    public ScenarioException error(String reason, String fix) {
        // A value from --set has no line in any file: the message names the override instead.
        boolean fromOverride = !overrides.isEmpty() && overrides.containsKey(node);
        return new ScenarioException(file, fromOverride ? 0 : line(), fromOverride ? 0 : column(), path, reason, fix);
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && (Tag.NULL.equals(s.getTag()));
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    String kindName() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    /** The scalar's text; a mapping or list here is a wrong type. */
    public String text(String expected) {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected " + expected + " but found " + kindName(),
                    "Write a single value here, e.g. " + exampleFor(expected) + ".");
        }
        String v = s.getValue().trim();
        if (v.contains("{i}")) {
            if (index == 0) {
                throw error("'{i}' only has a meaning inside an entry with 'count:'",
                        "Add 'count: N' to this entry, or write the name out.");
            }
            v = v.replace("{i}", Integer.toString(index));
        }
        return v;
    }

    private static String exampleFor(String expected) {
        return switch (expected) {
            case "a duration" -> "'250ms' or '2m'";
            case "a rate" -> "'10Mbit/s'";
            case "a size" -> "'1420B'";
            case "an integer" -> "'42'";
            case "a number" -> "'0.5'";
            case "true or false" -> "'true'";
            default -> "'name'";
        };
    }

    public String string() {
        return text("a string");
    }

    /** A non-empty name made of {@code [A-Za-z0-9_.:-]} (names appear unquoted in CSV files). */
    public String name() {
        String s = string();
        if (!NAME.matcher(s).matches()) {
            throw error("'" + s + "' is not a valid name",
                    "Use letters, digits and the characters _ . : - only (names appear in CSV files).");
        }
        return s;
    }

    public long integer(long min, long max) {
        String s = text("an integer").replace("_", "");
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error("expected an integer but found '" + s + "'", "Write a whole number such as 42.");
        }
        if (v < min || v > max) {
            throw error(v + " is outside " + min + ".." + max, "Choose a value between " + min + " and " + max + ".");
        }
        return v;
    }

    public int port() {
        return (int) integer(1, 65535);
    }

    public double number() {
        String s = text("a number");
        try {
            double v = Double.parseDouble(s);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("expected a number but found '" + s + "'", "Write a decimal number such as 0.5.");
        }
    }

    /** A probability in [0, 1]; {@code 1%} is accepted as 0.01. */
    public double probability() {
        String s = text("a number");
        double v;
        try {
            v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).trim()) / 100.0
                    : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error("expected a probability but found '" + s + "'", "Write a number between 0 and 1, e.g. 0.01 or 1%.");
        }
        if (!(v >= 0.0 && v <= 1.0)) {
            throw error("probability " + s + " is outside [0, 1]", "Write a number between 0 and 1, e.g. 0.01 or 1%.");
        }
        return v;
    }

    public boolean bool() {
        String s = text("true or false").toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("expected true or false but found '" + s + "'", "Write true or false.");
        };
    }

    /** A duration in nanoseconds, strictly positive. */
    public long duration() {
        long v = durationAllowZero();
        if (v == 0) {
            throw error("duration must be positive", "Write a duration greater than zero, e.g. 250ms.");
        }
        return v;
    }

    /**
     * A duration in nanoseconds, zero allowed (e.g. an event at the start). Inside a
     * {@code count: N} template a spread {@code A..B} is accepted: copy i (1-based) reads
     * {@code A + (i - 1) * (B - A) / N}, so the copies start evenly over [A, B), as devices
     * that come up one after another rather than all at once.
     */
    public long durationAllowZero() {
        String s = text("a duration");
        int dots = s.indexOf("..");
        if (dots < 0) {
            return convert("a duration", Units::parseDuration);
        }
        if (count == 0) {
            throw error("a spread '" + s + "' only has a meaning inside an entry with 'count:'",
                    "Write a single duration, or add 'count: N' to this entry.");
        }
        long from = convert("a duration", t -> Units.parseDuration(t.substring(0, dots)));
        long to = convert("a duration", t -> Units.parseDuration(t.substring(dots + 2)));
        if (to < from) {
            throw error("spread '" + s + "' ends before it starts", "Write the earlier time first, e.g. 0s..60s.");
        }
        // (to - from) * (index - 1) can exceed a long for long spreads and large counts.
        return from + java.math.BigInteger.valueOf(to - from).multiply(java.math.BigInteger.valueOf(index - 1L))
                .divide(java.math.BigInteger.valueOf(count)).longValueExact();
    }

    /** A rate in bits per second, strictly positive. */
    public long rate() {
        return convert("a rate", Units::parseRate);
    }

    /** A size in bytes, strictly positive. */
    public long size() {
        return convert("a size", Units::parseSize);
    }

    /** Applies a parser whose {@link IllegalArgumentException} message is "reason|fix". */
    public <T> T convert(String expected, Function<String, T> parser) {
        String s = text(expected);
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "bad value" : e.getMessage();
            int bar = msg.indexOf('|');
            throw bar < 0 ? error(msg, "")
                    : error(msg.substring(0, bar), msg.substring(bar + 1));
        }
    }

    /** The value as a list; a single scalar counts as a one-element list. */
    public List<YNode> list() {
        if (node instanceof SequenceNode seq) {
            List<YNode> out = new ArrayList<>(seq.getValue().size());
            int i = 0;
            for (Node n : seq.getValue()) {
                out.add(new YNode(file, n, path + "[" + i++ + "]", index, count, overrides, problems));
            }
            return out;
        }
        if (node instanceof ScalarNode && !isNull()) {
            return List.of(this);
        }
        throw error("expected a list but found " + (isNull() ? "nothing" : kindName()),
                "Write a YAML list, e.g. [a, b] or one '- item' per line.");
    }

    /** The value as a mapping of the given type; unknown and duplicate keys are rejected here. */
    public YMap map(ObjectType type) {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping (" + type.name() + ") but found " + (isNull() ? "nothing" : kindName()),
                    "Write 'key: value' pairs here; accepted keys: " + String.join(", ", type.keys()) + ".");
        }
        return new YMap(this, m, type);
    }

    YNode child(Node n, String key) {
        return new YNode(file, n, path.isEmpty() ? key : path + "." + key, index, count, overrides, problems);
    }
}
