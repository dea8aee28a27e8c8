package dev.wgsim.scenario.yaml;

import java.util.List;
import java.util.Set;

/**
 * The keys one kind of YAML mapping accepts. The JSON Schema test compares these with the
 * schema's {@code $defs}, so the parser and the schema cannot drift apart.
 *
 * @param name the schema definition name, e.g. {@code node}
 * @param keys accepted keys in the order the documentation lists them
 */
public record ObjectType(String name, List<String> keys) {
    public ObjectType {
        keys = List.copyOf(keys);
        if (Set.copyOf(keys).size() != keys.size()) {
            throw new IllegalArgumentException("duplicate key in " + name);
        }
    }

    public static ObjectType of(String name, String... keys) {
        return new ObjectType(name, List.of(keys));
    }
}
