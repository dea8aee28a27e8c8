package dev.wgsim.scenario.parse;

import dev.wgsim.scenario.yaml.Suggest;
import dev.wgsim.scenario.yaml.YNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A namespace (nodes, links, NATs, flows): duplicate definitions and unknown references are errors. */
final class Names {
    private final String what;
    private final Map<String, YNode> defined = new LinkedHashMap<>();

    Names(String what) {
        this.what = what;
    }

    void define(String name, YNode at, Names... disjointFrom) {
        YNode first = defined.get(name);
        if (first != null) {
            throw at.error("duplicate " + what + " name '" + name + "' (first defined at line " + first.line() + ")",
                    "Give every " + what + " a unique name.");
        }
        for (Names other : disjointFrom) {
            if (other.has(name)) {
                throw at.error("'" + name + "' is already the name of a " + other.what,
                        "Nodes and NATs share one namespace: rename one of them.");
            }
        }
        defined.put(name, at);
    }

    boolean has(String name) {
        return defined.containsKey(name);
    }

    /** Reads a reference and checks it names something defined. */
    String ref(YNode at) {
        String name = at.string();
        if (!defined.containsKey(name)) {
            throw at.error("no " + what + " named '" + name + "'", Suggest.fixFor(name, defined.keySet(), what + " names"));
        }
        return name;
    }

    java.util.Set<String> all() {
        return defined.keySet();
    }
}
