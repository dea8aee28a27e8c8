package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** wg0's peers by name, in the order they appeared (the file's, then those added from the page). */
final class DemoPeers {
    private final Map<String, DemoPeer> byName = new LinkedHashMap<>();

    void add(DemoPeer p) {
        byName.put(p.name(), p);
    }

    void clear() {
        byName.clear();
    }

    int size() {
        return byName.size();
    }

    Collection<DemoPeer> all() {
        return byName.values();
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    /** The peer or null. */
    DemoPeer find(String name) {
        return byName.get(name);
    }

    /** The peer the page names; a DemoInputException listing the peers when there is none. */
    DemoPeer get(String name) {
        DemoPeer p = byName.get(name);
        if (p == null) {
            throw new DemoInputException("peer", "no peer named '" + name + "'; peers: " + String.join(", ", byName.keySet()));
        }
        return p;
    }

    /** The name of the peer with {@code key}, or the key shortened when it is no known peer. */
    String nameOf(PublicKey key) {
        for (DemoPeer p : byName.values()) {
            if (p.key().equals(key)) {
                return p.name();
            }
        }
        return shorten(key.toBase64());
    }

    /** The name of the peer holding {@code key}, or null. */
    String holderOf(PublicKey key) {
        return byName.values().stream().filter(p -> p.key().equals(key)).map(DemoPeer::name).findFirst().orElse(null);
    }

    /** The name of the peer sending from inner address {@code inner}, or "". */
    String sendingFrom(IpAddress inner) {
        for (DemoPeer p : byName.values()) {
            if (inner.equals(p.tunnelAddress())) {
                return p.name();
            }
        }
        return "";
    }

    boolean innerAddressInUse(IpAddress a) {
        return byName.values().stream().anyMatch(p -> a.equals(p.tunnelAddress()));
    }

    /** The first {@code peerN} name that is neither a peer nor a host. */
    String defaultName(Predicate<String> hostExists) {
        for (int i = byName.size() + 1; ; i++) {
            String n = "peer" + i;
            if (!byName.containsKey(n) && !hostExists.test(n)) {
                return n;
            }
        }
    }

    /** A key as the page abbreviates it: its first 8 base64 characters and an ellipsis. */
    static String shorten(String key) {
        return key.substring(0, 8) + "…";
    }
}
