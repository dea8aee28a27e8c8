package dev.wgsim.scenario.tailnet.control;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One canonical instance per equal immutable netmap value (names, keys, address and endpoint
 * lists), shared by every device of a simulation that decodes it. Each device still decodes its
 * own bytes and keeps its own map; only equal values are shared, so behaviour is unchanged. With N
 * devices each holding N-1 peers this turns N^2 copies of the same keys, names and lists into N.
 */
public final class NetmapInterner {
    private final Map<Object, Object> pool = new HashMap<>();

    /** The canonical instance equal to {@code v} (v itself the first time); null stays null. */
    @SuppressWarnings("unchecked")
    public <T> T intern(T v) {
        if (v == null) {
            return null;
        }
        Object c = pool.putIfAbsent(v, v);
        return c == null ? v : (T) c;
    }

    /** An immutable copy of {@code list}, canonical. */
    public <T> List<T> list(List<T> list) {
        return intern(List.copyOf(list));
    }

    /** {@code n} with canonical components. */
    public Node node(Node n) {
        return new Node(n.id(), intern(n.name()), intern(n.nodeKey()), intern(n.discoKey()), list(n.addresses()),
                list(n.allowedIps()), list(n.endpoints()), n.homeDerp(), n.keyExpiry(), n.expired());
    }

    /** How many distinct values it holds. */
    public int size() {
        return pool.size();
    }
}
