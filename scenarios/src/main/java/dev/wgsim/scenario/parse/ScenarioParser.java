package dev.wgsim.scenario.parse;

import dev.wgsim.scenario.ScenarioException;
import dev.wgsim.scenario.model.CaptureSpec;
import dev.wgsim.scenario.model.Defaults;
import dev.wgsim.scenario.model.EventSpec;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.LinkSpec;
import dev.wgsim.scenario.model.NatSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.yaml.Overrides;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a scenario file into a checked {@link Scenario}. Everything is validated here, before
 * anything runs: a bad file ends in a {@link ScenarioException}, never later in the simulation.
 */
public final class ScenarioParser {
    private ScenarioParser() {
    }

    /** Options that come from the command line rather than the file. */
    public record Options(List<String> sets, OptionalLong seed) {
        public static final Options NONE = new Options(List.of(), OptionalLong.empty());

        public Options {
            sets = List.copyOf(sets);
        }
    }

    public static Scenario parse(Path file) {
        return parse(file, Options.NONE);
    }

    public static Scenario parse(Path file, Options options) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), 0, 0, "", "cannot read the file (" + e.getMessage() + ")",
                    "Check the path.");
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir, options);
    }

    /** Parses text as if read from {@code file}; {@code baseDir} resolves relative paths (wg-quick imports). */
    public static Scenario parse(String file, String text, Path baseDir, Options options) {
        Node rootNode = compose(file, new StringReader(text));
        if (!(rootNode instanceof MappingNode rootMap)) {
            throw new ScenarioException(file, 1, 1, "", "the file is not a YAML mapping",
                    "Start the file with 'scenario:' and 'nodes:' sections.");
        }
        Map<Node, String> origins = Overrides.apply(rootMap, options.sets());
        YMap root = YNode.root(file, rootNode, origins).map(Grammar.ROOT);

        YMap meta = root.require("scenario").map(Grammar.SCENARIO);
        String name = meta.get("name").map(YNode::name).orElse(defaultName(file));
        String description = meta.get("description", YNode::string, "");
        long seed = options.seed().isPresent() ? options.seed().getAsLong()
                : meta.get("seed", n -> n.integer(Long.MIN_VALUE, Long.MAX_VALUE), Defaults.SEED);
        long duration = meta.require("duration").duration();
        Instant epoch = meta.get("epoch", ScenarioParser::instant, Defaults.EPOCH);
        long bin = root.get("metrics").map(n -> n.map(Grammar.METRICS).get("bin", YNode::duration, Defaults.METRICS_BIN))
                .orElse(Defaults.METRICS_BIN);

        Context ctx = new Context(file, baseDir, seed, duration);
        ctx.nodeParser = new NodeParser(ctx);
        List<NodeSpec> nodes = ctx.nodeParser.parse(root.get("nodes"), root.get("topology"));
        NetParser net = new NetParser(ctx);
        List<NatSpec> nats = net.parseNats(root.get("nats"));
        List<LinkSpec> links = net.parseLinks(root.get("links"));
        net.checkNatLinks(links);
        List<TrafficSpec> traffic = new TrafficParser(ctx).parse(root.get("traffic"));
        List<EventSpec> events = new EventParser(ctx).parse(root.get("events"));
        CaptureSpec capture = root.get("capture").map(n -> capture(n, ctx)).orElse(CaptureSpec.NONE);
        List<ExpectSpec> expect = new ExpectParser(ctx).parse(root.get("expect"));

        events = events.stream().sorted(Comparator.comparingLong(EventSpec::at)).toList();
        return new Scenario(name, description, file, seed, duration, epoch, bin, nodes, links, nats, events, traffic,
                capture, expect, ctx.warnings);
    }

    static Node compose(String file, Reader reader) {
        try {
            LoaderOptions lo = new LoaderOptions();
            lo.setAllowDuplicateKeys(true); // duplicates are reported by YMap with their line
            Node n = new Yaml(new SafeConstructor(lo)).compose(reader);
            if (n == null) {
                throw new ScenarioException(file, 1, 1, "", "the file is empty", "Start with a 'scenario:' section.");
            }
            return n;
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            throw new ScenarioException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "",
                    "YAML syntax error: " + problem, "Check indentation and quoting around this place.");
        } catch (YAMLException e) {
            throw new ScenarioException(file, 0, 0, "", "YAML error: " + e.getMessage(), "Check the file's syntax.");
        }
    }

    private static String defaultName(String file) {
        String base = Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^A-Za-z0-9_.:-]", "_");
    }

    private static Instant instant(YNode n) {
        String s = n.string();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw n.error("'" + s + "' is not a UTC instant", "Write it as 2026-01-01T00:00:00Z.");
        }
    }

    private static CaptureSpec capture(YNode n, Context ctx) {
        YMap m = n.map(Grammar.CAPTURE);
        List<String> nodes = m.list("nodes", ctx.nodeNames::ref);
        List<String> links = m.list("links", ctx.linkNames::ref);
        if (nodes.isEmpty() && links.isEmpty()) {
            throw n.error("capture names no node and no link", "List the hosts under 'nodes:' or links under 'links:' to capture at.");
        }
        boolean keylog = m.get("keylog", YNode::bool, Defaults.KEYLOG);
        int snaplen = m.get("snaplen", v -> (int) v.integer(64, 262144), Defaults.SNAPLEN);
        return new CaptureSpec(nodes, links, keylog, snaplen);
    }

    /** What every section parser shares: where the file is, the seed, and the namespaces. */
    static final class Context {
        final String file;
        final Path baseDir;
        final long seed;
        final long duration;
        final Names nodeNames = new Names("node");
        final Names natNames = new Names("NAT");
        final Names linkNames = new Names("link");
        final Names flowNames = new Names("flow");
        final Map<String, NodeSpec> nodes = new java.util.LinkedHashMap<>();
        final Map<String, LinkSpec> links = new java.util.LinkedHashMap<>();
        final Map<String, TrafficSpec> flows = new java.util.LinkedHashMap<>();
        NodeParser nodeParser;
        final List<dev.wgsim.scenario.model.ScenarioWarning> warnings = new java.util.ArrayList<>();

        void warn(dev.wgsim.scenario.model.ScenarioWarning w) {
            warnings.add(w);
        }

        Context(String file, Path baseDir, long seed, long duration) {
            this.file = file;
            this.baseDir = baseDir;
            this.seed = seed;
            this.duration = duration;
        }

        /** A node or NAT name: the things links and NATs connect. */
        String stationRef(YNode at) {
            String name = at.string();
            if (nodeNames.has(name) || natNames.has(name)) {
                return name;
            }
            java.util.Set<String> all = new java.util.LinkedHashSet<>(nodeNames.all());
            all.addAll(natNames.all());
            throw at.error("no node or NAT named '" + name + "'",
                    dev.wgsim.scenario.yaml.Suggest.fixFor(name, all, "node and NAT names"));
        }

        /** An event time, within the run. */
        long time(YNode at) {
            long t = at.durationAllowZero();
            if (t > duration) {
                throw at.error("time " + at.string() + " is after the end of the scenario", "Use a time up to the scenario's duration.");
            }
            return t;
        }
    }
}
