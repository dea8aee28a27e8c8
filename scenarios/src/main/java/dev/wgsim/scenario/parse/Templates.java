package dev.wgsim.scenario.parse;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.yaml.ObjectType;
import dev.wgsim.scenario.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code count: N} entries: one YAML entry stands for N copies whose strings read with
 * {@code {i}} = 1..N, and address pools that hand out consecutive addresses.
 */
final class Templates {
    static final long MAX_COUNT = 100_000;

    private Templates() {
    }

    /** The list's entries with templates expanded (each copy carries its index). */
    static List<YNode> expand(Optional<YNode> list, ObjectType type) {
        List<YNode> out = new ArrayList<>();
        if (list.isEmpty()) {
            return out;
        }
        for (YNode element : list.get().list()) {
            // A broken entry is reported and left out; the others are still read.
            element.problems().attempt(() -> {
                Optional<YNode> count = element.map(type).get("count");
                if (count.isEmpty()) {
                    out.add(element);
                    return;
                }
                long n = count.get().integer(1, MAX_COUNT);
                for (int i = 1; i <= n; i++) {
                    out.add(element.withIndex(i, (int) n));
                }
            });
        }
        return out;
    }

    /**
     * The name as written ({@code spoke-{i}}) when {@code entry} is a copy from a {@code count:}
     * entry, else empty: what a copy's {@code group} is.
     */
    static String group(YNode entry, YNode nameNode) {
        return entry.index() > 0 && nameNode.raw() instanceof org.yaml.snakeyaml.nodes.ScalarNode raw
                ? raw.getValue().trim() : "";
    }

    /**
     * The address a pool hands to copy {@code index} (1-based; 1 outside templates). A pool written
     * with host bits zero starts at its first host; otherwise at the address written.
     */
    static InterfaceAddress fromPool(YNode poolNode) {
        InterfaceAddress pool = poolNode.convert("a prefix", AddressSyntax::interfaceAddress);
        IpPrefix subnet = pool.subnet();
        IpAddress base = pool.address();
        if (base.equals(subnet.address()) && pool.prefixLength() < base.bitLength()) {
            base = base.plus(1);
        }
        int i = Math.max(1, poolNode.index());
        IpAddress a;
        try {
            a = base.plus(i - 1L);
        } catch (IllegalArgumentException e) {
            a = null;
        }
        if (a == null || !subnet.contains(a) || (a.isV4() && pool.prefixLength() < 31 && a.equals(broadcast(subnet)))) {
            throw poolNode.error("address pool " + pool + " has no address left for copy " + i,
                    "Use a larger pool (a shorter prefix length) or a smaller count.");
        }
        return new InterfaceAddress(a, pool.prefixLength());
    }

    private static IpAddress broadcast(IpPrefix subnet) {
        return subnet.address().plus(subnet.size() - 1);
    }
}
