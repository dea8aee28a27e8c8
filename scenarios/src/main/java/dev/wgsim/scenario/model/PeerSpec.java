package dev.wgsim.scenario.model;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * A peer of a WireGuard interface: another scenario node (its key is that node's) or a bare
 * public key.
 *
 * @param name                 the node name, or the given name of a key-only peer
 * @param node                 the scenario node this peer is, if any
 * @param publicKey            the peer's public key when given literally
 * @param endpoint             where to send until roaming teaches otherwise; empty = learn it
 * @param persistentKeepalive  nanoseconds, 0 = off
 */
public record PeerSpec(
        String name,
        Optional<String> node,
        Optional<PublicKey> publicKey,
        List<IpPrefix> allowedIps,
        Optional<Endpoint> endpoint,
        Optional<PresharedKey> presharedKey,
        long persistentKeepalive) {

    public PeerSpec {
        allowedIps = List.copyOf(allowedIps);
        if (node.isEmpty() && publicKey.isEmpty()) {
            throw new IllegalArgumentException("a peer needs a node or a public key");
        }
    }
}
