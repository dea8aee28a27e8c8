package dev.wgsim.scenario.yaml;

import dev.wgsim.scenario.ScenarioException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** A YAML mapping whose keys were checked against an {@link ObjectType}. */
public final class YMap {
    private final YNode self;
    private final ObjectType type;
    private final Map<String, YNode> entries = new LinkedHashMap<>();
    /** Unknown keys by the known key they are probably a typo of (its absence is the same mistake). */
    private final Map<String, ScenarioException> misspelt = new java.util.HashMap<>();

    YMap(YNode self, MappingNode node, ObjectType type) {
        this.self = self;
        this.type = type;
        for (NodeTuple t : node.getValue()) {
            YNode keyNode = self.child(t.getKeyNode(), "?");
            // Each bad key is reported and skipped, so a file with three typos shows three errors.
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                self.problems().report(keyNode.error("a key must be a plain word", "Write the key as a single word followed by ':'."));
                continue;
            }
            String key = k.getValue();
            YNode keyAt = self.child(t.getKeyNode(), key);
            if (!type.keys().contains(key)) {
                ScenarioException e = keyAt.error("unknown key '" + key + "' in " + type.name(),
                        Suggest.fixFor(key, type.keys(), "keys of " + type.name()));
                Suggest.closest(key, type.keys()).ifPresent(meant -> misspelt.putIfAbsent(meant, e));
                self.problems().report(e);
                continue;
            }
            if (entries.containsKey(key)) {
                self.problems().report(keyAt.error("key '" + key + "' appears twice",
                        "Keep one '" + key + ":' line and delete the other."));
                continue;
            }
            entries.put(key, self.child(t.getValueNode(), key));
        }
    }

    public YNode node() {
        return self;
    }

    public ObjectType type() {
        return type;
    }

    public boolean has(String key) {
        return get(key).isPresent();
    }

    /** The value under the key; absent or explicit null reads as empty. */
    public Optional<YNode> get(String key) {
        if (!type.keys().contains(key)) {
            throw new IllegalArgumentException(type.name() + " has no key " + key);
        }
        YNode v = entries.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    public YNode require(String key) {
        return get(key).orElseThrow(() -> missing(key));
    }

    public ScenarioException missing(String key) {
        ScenarioException typo = misspelt.get(key);
        if (typo != null) {
            return typo; // already reported: "unknown key 'duraton' ... Did you mean 'duration'?"
        }
        return self.error("missing required key '" + key + "' in " + type.name(),
                "Add '" + key + ":' to this " + type.name() + ".");
    }

    public <T> T get(String key, Function<YNode, T> read, T fallback) {
        return get(key).map(read).orElse(fallback);
    }

    public <T> List<T> list(String key, Function<YNode, T> read) {
        return get(key).map(n -> n.list().stream().map(read).toList()).orElse(List.of());
    }

    /** Keys present (non-null) among the given ones, in the given order. */
    public List<String> present(String... keys) {
        return java.util.Arrays.stream(keys).filter(this::has).toList();
    }

    /** Exactly one of the keys must be present; returns it. */
    public String exactlyOne(String... keys) {
        List<String> p = present(keys);
        if (p.size() == 1) {
            return p.get(0);
        }
        if (p.isEmpty()) {
            throw self.error("needs one of " + String.join(", ", keys), "Add exactly one of: " + String.join(", ", keys) + ".");
        }
        throw get(p.get(1)).get().error("'" + p.get(0) + "' and '" + p.get(1) + "' cannot be used together",
                "Keep only one of: " + String.join(", ", keys) + ".");
    }
}
