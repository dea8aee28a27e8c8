package dev.wgsim.scenario.tailnet.control;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;

/**
 * One node as the network map describes it (tailcfg.Node's fields that matter here): its node key
 * (the WireGuard public key), disco key, tailnet addresses (/32 and /128), allowed IPs (the addresses
 * plus approved routes), endpoints, home DERP region (0: none), key expiry in virtual ns
 * ({@link #NEVER} for none) and whether the key has expired. An expired node is sent with its
 * endpoints and home DERP stripped, as Headscale and Tailscale do.
 */
public record Node(long id, String name, PublicKey nodeKey, PublicKey discoKey, List<IpPrefix> addresses,
                   List<IpPrefix> allowedIps, List<Endpoint> endpoints, int homeDerp, long keyExpiry,
                   boolean expired) {
    public static final long NEVER = Long.MAX_VALUE;

    public Node {
        addresses = List.copyOf(addresses);
        allowedIps = List.copyOf(allowedIps);
        endpoints = List.copyOf(endpoints);
    }

    public Node withEndpoints(List<Endpoint> e, int derp) {
        return new Node(id, name, nodeKey, discoKey, addresses, allowedIps, e, derp, keyExpiry, expired);
    }

    public Node withDiscoKey(PublicKey k) {
        return new Node(id, name, nodeKey, k, addresses, allowedIps, endpoints, homeDerp, keyExpiry, expired);
    }

    public Node withNodeKey(PublicKey k, long expiry) {
        return new Node(id, name, k, discoKey, addresses, allowedIps, endpoints, homeDerp, expiry, false);
    }

    /** The node as peers see it once its key expired: flagged, no endpoints, no home DERP. */
    public Node asExpired() {
        return new Node(id, name, nodeKey, discoKey, addresses, allowedIps, List.of(), 0, keyExpiry, true);
    }
}
