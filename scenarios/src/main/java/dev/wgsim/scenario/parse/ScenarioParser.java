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
import dev.wgsim.scenario.model.TailnetSpec;
import dev.wgsim.scenario.model.TraceLevel;
import dev.wgsim.scenario.model.TrafficSpec;
import dev.wgsim.scenario.yaml.Overrides;
import dev.wgsim.scenario.yaml.Problems;
import dev.wgsim.scenario.yaml.YMap;
import dev.wgsim.scenario.yaml.YNode;
import dev.wgsim.scenario.yaml.YamlInput;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
        String text = YamlInput.read(file, file.toString());
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, dir, options);
    }

    /** Parses text as if read from {@code file}; {@code baseDir} resolves relative paths (wg-quick imports). */
    public static Scenario parse(String file, String text, Path baseDir, Options options) {
        Node rootNode = YamlInput.compose(file, text);
        if (!(rootNode instanceof MappingNode rootMap)) {
            throw new ScenarioException(file, 1, 1, "", "the file is not a YAML mapping",
                    "Start the file with 'scenario:' and 'nodes:' sections.");
        }
        Map<Node, String> origins = Overrides.apply(rootMap, options.sets());
        Problems problems = Problems.collecting();
        YMap root = YNode.root(file, rootNode, origins, problems).map(ScenarioKeys.ROOT);

        // Each section, and inside it each entry, is an independent part: a problem in one is
        // recorded and the rest is still checked (Problems), so one check shows every error.
        Optional<YMap> meta = problems.attempt(() -> root.require("scenario").map(ScenarioKeys.SCENARIO));
        String name = meta.flatMap(m -> problems.attempt(() -> m.get("name").map(ScenarioParser::scenarioName)
                .orElse(defaultName(file)))).orElse("scenario");
        String description = meta.flatMap(m -> problems.attempt(() -> m.get("description", YNode::string, ""))).orElse("");
        long seed = options.seed().isPresent() ? options.seed().getAsLong()
                : meta.flatMap(m -> problems.attempt(() -> m.get("seed", n -> n.integer(Long.MIN_VALUE, Long.MAX_VALUE),
                        Defaults.SEED))).orElse(Defaults.SEED);
        Instant epoch = meta.flatMap(m -> problems.attempt(() -> m.get("epoch", ScenarioParser::instant, Defaults.EPOCH)))
                .orElse(Defaults.EPOCH);
        // Without a readable duration nothing is "after the end": the other sections are still checked.
        long duration = meta.flatMap(m -> problems.attempt(() -> duration(m.require("duration"), epoch)))
                .orElse(Long.MAX_VALUE);
        TraceLevel trace = meta.flatMap(m -> problems.attempt(() -> m.get("trace", n -> n.convert("a trace level",
                TraceLevel::of), TraceLevel.PACKETS))).orElse(TraceLevel.PACKETS);
        long bin = problems.attempt(() -> root.get("metrics").map(n -> metricsBin(n, duration))
                .orElse(defaultBin(duration))).orElse(Defaults.METRICS_BIN);

        Context ctx = new Context(file, baseDir, seed, duration, problems);
        ctx.root = root;
        ctx.nodeParser = new NodeParser(ctx);
        List<NodeSpec> nodesRead = problems.attempt(() -> ctx.nodeParser.parse(root.get("nodes"), root.get("topology")))
                .orElse(List.of());
        TailnetParser tailnetParser = new TailnetParser(ctx);
        Optional<TailnetSpec> tailnet = problems.attempt(() -> tailnetParser.parse(root.get("tailnet"))).orElse(Optional.empty());
        List<NodeSpec> nodes = concat(nodesRead, tailnetParser.nodes);
        NetParser net = new NetParser(ctx);
        List<NatSpec> nats = concat(problems.attempt(() -> net.parseNats(root.get("nats"))).orElse(List.of()), tailnetParser.nats);
        List<LinkSpec> userLinks = problems.attempt(() -> net.parseLinks(root.get("links"))).orElse(List.of());
        problems.attempt(() -> net.checkNatLinks(userLinks));
        List<LinkSpec> links = concat(userLinks, tailnetParser.links);
        List<TrafficSpec> traffic = concat(tailnetParser.traffic,
                problems.attempt(() -> new TrafficParser(ctx).parse(root.get("traffic"))).orElse(List.of()));
        List<EventSpec> events = problems.attempt(() -> new EventParser(ctx).parse(root.get("events"))).orElse(List.of());
        ctx.events = events;
        CaptureSpec capture = problems.attempt(() -> root.get("capture").map(n -> capture(n, ctx)).orElse(CaptureSpec.NONE))
                .orElse(CaptureSpec.NONE);
        List<ExpectSpec> expect = problems.attempt(() -> new ExpectParser(ctx).parse(root.get("expect"))).orElse(List.of());
        problems.throwIfAny();

        events = events.stream().sorted(Comparator.comparingLong(EventSpec::at)).toList();
        return new Scenario(name, description, file, seed, duration, epoch, bin, nodes, links, nats, events, traffic,
                capture, expect, ctx.warnings, trace, tailnet);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        if (b.isEmpty()) {
            return a;
        }
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * A scenario name is its results folder's name: 1 to {@value #MAX_NAME_LENGTH} characters of
     * letters, digits, {@code _ . -}, starting with a letter, digit or {@code _} (so never
     * {@code .}, {@code ..} or a hidden folder, and short enough for any file system).
     */
    static final String NAME_PATTERN = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
    static final int MAX_NAME_LENGTH = 100;

    private static String scenarioName(YNode n) {
        String s = n.string();
        if (s.length() > MAX_NAME_LENGTH) {
            throw n.error("the name is " + s.length() + " characters long; the limit is " + MAX_NAME_LENGTH,
                    "Shorten it: the name becomes the results folder's name.");
        }
        if (!s.matches(NAME_PATTERN)) {
            throw n.error("'" + s + "' cannot be a results folder name",
                    "Use letters, digits and _ . - only, starting with a letter, digit or _ (e.g. my-scenario).");
        }
        return s;
    }

    /** The file's base name without extension, made into a legal scenario name. */
    static String defaultName(String file) {
        String base = Path.of(file).getFileName().toString();
        int dot = base.lastIndexOf('.');
        String s = (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^A-Za-z0-9_.-]", "_");
        if (!s.isEmpty() && !Character.isLetterOrDigit(s.charAt(0)) && s.charAt(0) != '_') {
            s = "_" + s;
        }
        s = s.isEmpty() ? "scenario" : s;
        return s.length() > MAX_NAME_LENGTH ? s.substring(0, MAX_NAME_LENGTH) : s;
    }

    /**
     * The last instant a run may reach: virtual time plus the epoch is wall-clock time in TAI64N
     * handshake timestamps, {@code wg show} and pcap records, and a pcap record holds its seconds
     * since 1970 in 32 unsigned bits.
     */
    static final Instant LAST_INSTANT = Instant.ofEpochSecond(0xFFFF_FFFFL);

    private static long duration(YNode n, Instant epoch) {
        long d = n.duration();
        Instant end = epoch.plusNanos(d);
        if (end.isAfter(LAST_INSTANT)) {
            long max = java.time.Duration.between(epoch, LAST_INSTANT).toNanos();
            throw n.error("the run would end at " + end + ", after " + LAST_INSTANT
                            + " (the last second pcap and wg show timestamps can hold)",
                    "Use a duration up to " + dev.wgsim.scenario.units.Units.formatDuration(max)
                            + " from this epoch, or an earlier 'epoch:'.");
        }
        return d;
    }

    /** The most metrics bins a run may have (each series holds one number per bin). */
    static final long MAX_BINS = 100_000;
    /** The shortest metrics bin. */
    static final long MIN_BIN = 1_000_000L;

    /** The default bin (1 s) widened to whole seconds so that a long run has at most {@link #MAX_BINS} bins. */
    static long defaultBin(long duration) {
        long bins = Math.max(1, (duration - 1) / Defaults.METRICS_BIN + 1);
        long seconds = bins <= MAX_BINS ? 1 : (bins - 1) / MAX_BINS + 1;
        return seconds * Defaults.METRICS_BIN;
    }

    private static long metricsBin(YNode n, long duration) {
        Optional<YNode> binNode = n.map(ScenarioKeys.METRICS).get("bin");
        if (binNode.isEmpty()) {
            return defaultBin(duration);
        }
        YNode b = binNode.get();
        long bin = b.duration();
        if (bin < MIN_BIN) {
            throw b.error("a bin of " + b.string() + " is below the minimum of 1ms", "Use a bin of 1ms or more, e.g. 100ms.");
        }
        long bins = duration == Long.MAX_VALUE ? 0 : (duration - 1) / bin + 1;
        if (bins > MAX_BINS) {
            long min = (duration - 1) / MAX_BINS + 1;
            throw b.error("a bin of " + b.string() + " cuts the run into " + bins + " bins; the limit is " + MAX_BINS,
                    "Use a bin of at least " + dev.wgsim.scenario.units.Units.formatDuration(min) + ".");
        }
        return bin;
    }

    private static Instant instant(YNode n) {
        String s = n.string();
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw n.error("'" + s + "' is not a UTC instant", "Write it as 2026-01-01T00:00:00Z.");
        }
        if (t.isBefore(Instant.EPOCH) || t.isAfter(LAST_INSTANT)) {
            throw n.error("epoch " + s + " is outside " + Instant.EPOCH + " .. " + LAST_INSTANT
                    + " (the range of pcap timestamps)", "Write an instant in that range, e.g. 2026-01-01T00:00:00Z.");
        }
        return t;
    }

    private static CaptureSpec capture(YNode n, Context ctx) {
        YMap m = n.map(ScenarioKeys.CAPTURE);
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
        /** Tailnet devices' IPv4 tailnet addresses by device name (traffic may name a device). */
        final Map<String, dev.wgsim.net.IpAddress> tailnetAddresses = new java.util.LinkedHashMap<>();
        NodeParser nodeParser;
        /** The events, once read (expectations may name peers that events add). */
        List<EventSpec> events = List.of();
        /** The file's top-level mapping. */
        YMap root;
        final List<dev.wgsim.scenario.model.ScenarioWarning> warnings = new java.util.ArrayList<>();

        void warn(dev.wgsim.scenario.model.ScenarioWarning w) {
            warnings.add(w);
        }

        final Problems problems;

        Context(String file, Path baseDir, long seed, long duration, Problems problems) {
            this.problems = problems;
            this.file = file;
            this.baseDir = baseDir;
            this.seed = seed;
            this.duration = duration;
        }

        private Map<dev.wgsim.net.IpAddress, String> addressOwners;

        /** Which node has each outer and tunnel address (built once the nodes are read). */
        Map<dev.wgsim.net.IpAddress, String> addressOwners() {
            if (addressOwners == null) {
                addressOwners = new java.util.HashMap<>();
                for (NodeSpec n : nodes.values()) {
                    n.addresses().forEach(a -> addressOwners.putIfAbsent(a, n.name()));
                    n.wireguard().ifPresent(w -> w.addresses().forEach(a -> addressOwners.putIfAbsent(a.address(), n.name())));
                }
            }
            return addressOwners;
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
