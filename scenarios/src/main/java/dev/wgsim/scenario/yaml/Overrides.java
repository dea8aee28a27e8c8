package dev.wgsim.scenario.yaml;

import dev.wgsim.scenario.ScenarioException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Applies {@code --set path=value} overrides to the composed tree before it is read, so an
 * override is checked exactly like the file. Paths: {@code scenario.seed},
 * {@code links[0].loss}, {@code nodes[phone].wireguard.persistent_keepalive} (a list element by
 * index or by its {@code name}; {@code links.wan.loss} is the same as {@code links[wan].loss}).
 */
public final class Overrides {
    private Overrides() {
    }

    /**
     * Applies each override in order and returns where each new value came from (for error messages).
     */
    public static Map<Node, String> apply(MappingNode root, List<String> sets) {
        Map<Node, String> origins = new IdentityHashMap<>();
        for (String set : sets) {
            String label = "--set " + set;
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException(label, 0, 0, "", "an override must look like path=value",
                        "Write e.g. --set scenario.seed=7 or --set links[0].loss=0.05.");
            }
            String path = set.substring(0, eq).trim();
            Node value = compose(set.substring(eq + 1), label);
            List<String> segments = split(path, label);
            Node parent = root;
            for (int i = 0; i < segments.size() - 1; i++) {
                parent = step(parent, segments.get(i), label, true);
            }
            put(parent, segments.get(segments.size() - 1), value, label);
            markAll(value, label, origins);
        }
        return origins;
    }

    private static void markAll(Node n, String label, Map<Node, String> origins) {
        origins.put(n, label);
        if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                markAll(t.getKeyNode(), label, origins);
                markAll(t.getValueNode(), label, origins);
            }
        } else if (n instanceof SequenceNode s) {
            s.getValue().forEach(c -> markAll(c, label, origins));
        }
    }

    private static Node compose(String text, String label) {
        try {
            Node n = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
            return n != null ? n : new ScalarNode(Tag.NULL, "", null, null, DumperOptions.ScalarStyle.PLAIN);
        } catch (YAMLException e) {
            throw new ScenarioException(label, 0, 0, "", "the value is not valid YAML", "Quote it or fix its syntax.");
        }
    }

    private static List<String> split(String path, String label) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            int b = part.indexOf('[');
            String key = b < 0 ? part : part.substring(0, b);
            if (key.isEmpty()) {
                throw new ScenarioException(label, 0, 0, path, "the path has an empty segment",
                        "Write dotted keys with optional [index], e.g. nodes[0].wireguard.listen_port.");
            }
            out.add(key);
            while (b >= 0) {
                int close = part.indexOf(']', b);
                if (close < 0) {
                    throw new ScenarioException(label, 0, 0, path, "a '[' is not closed", "Close it with ']'.");
                }
                out.add(part.substring(b, close + 1));
                b = part.indexOf('[', close);
            }
        }
        return out;
    }

    private static Node step(Node parent, String seg, String label, boolean create) {
        if (!seg.startsWith("[") && parent instanceof SequenceNode) {
            seg = "[" + seg + "]"; // links.wan.loss: a plain key below a list names an element, as links[wan].loss
        }
        if (seg.startsWith("[")) {
            if (!(parent instanceof SequenceNode seq)) {
                throw new ScenarioException(label, 0, 0, seg, "'" + seg + "' indexes something that is not a list",
                        "Check the path against the file.");
            }
            String inner = seg.substring(1, seg.length() - 1);
            if (inner.matches("\\d+")) {
                int i = Integer.parseInt(inner);
                if (i >= seq.getValue().size()) {
                    throw new ScenarioException(label, 0, 0, seg, "index " + i + " is past the end of a list of "
                            + seq.getValue().size(), "Use an index below " + seq.getValue().size() + ".");
                }
                return seq.getValue().get(i);
            }
            for (Node n : seq.getValue()) {
                if (n instanceof MappingNode m) {
                    for (NodeTuple t : m.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("name")
                                && t.getValueNode() instanceof ScalarNode v && v.getValue().equals(inner)) {
                            return n;
                        }
                    }
                }
            }
            throw new ScenarioException(label, 0, 0, seg, "no list element is named '" + inner + "'",
                    "Use the element's name or its index.");
        }
        if (!(parent instanceof MappingNode m)) {
            throw new ScenarioException(label, 0, 0, seg, "'" + seg + "' is a key below something that is not a mapping",
                    "Check the path against the file.");
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(seg)) {
                return t.getValueNode();
            }
        }
        MappingNode fresh = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
        put(m, seg, fresh, label);
        return fresh;
    }

    private static void put(Node parent, String seg, Node value, String label) {
        if (seg.startsWith("[")) {
            if (!(parent instanceof SequenceNode seq) || !seg.substring(1, seg.length() - 1).matches("\\d+")) {
                throw new ScenarioException(label, 0, 0, seg, "only a list element given by index can be replaced",
                        "Write e.g. links[0].loss=0.05 or set a key inside the element.");
            }
            int i = Integer.parseInt(seg.substring(1, seg.length() - 1));
            if (i > seq.getValue().size()) {
                throw new ScenarioException(label, 0, 0, seg, "index " + i + " is past the end of the list",
                        "Use an index up to " + seq.getValue().size() + ".");
            }
            if (i == seq.getValue().size()) {
                seq.getValue().add(value);
            } else {
                seq.getValue().set(i, value);
            }
            return;
        }
        if (!(parent instanceof MappingNode m)) {
            throw new ScenarioException(label, 0, 0, seg, "'" + seg + "' is a key below something that is not a mapping",
                    "Check the path against the file.");
        }
        List<NodeTuple> tuples = m.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(seg)) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
                return;
            }
        }
        tuples.add(new NodeTuple(new ScalarNode(Tag.STR, seg, value.getStartMark(), value.getEndMark(),
                DumperOptions.ScalarStyle.PLAIN), value));
    }
}
