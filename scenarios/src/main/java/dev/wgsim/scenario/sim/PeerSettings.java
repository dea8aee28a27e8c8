package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * One peer of a WireGuard interface as {@code wg set <interface> peer <key> ...} configures it, in
 * typed values: what {@link Simulation#addPeer} and {@link Simulation#updatePeer} take. (A scenario
 * file's {@code PeerSpec} may name a node instead of a key; it becomes one of these once that node's
 * key is known.)
 *
 * @param name                       how the event log names this peer ({@code "peer": name}); unique on its interface
 * @param publicKey                  the peer's static public key, its identity on the interface
 * @param presharedKey               the optional symmetric key mixed into each handshake; {@link PresharedKey#NONE} for none
 * @param allowedIps                 what the peer may send from and what is sent to it (cryptokey routing);
 *                                   each prefix belongs to at most one peer of an interface
 * @param endpoint                   where to send until an authenticated packet from elsewhere moves it; empty:
 *                                   learn it from the peer's first handshake (on update: keep the current one)
 * @param persistentKeepaliveSeconds seconds between keepalives when idle, 1 to 65535; 0 for off
 */
public record PeerSettings(String name, PublicKey publicKey, PresharedKey presharedKey, List<IpPrefix> allowedIps,
        Optional<Endpoint> endpoint, int persistentKeepaliveSeconds) {

    public PeerSettings {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a peer needs a name (the event log's \"peer\" field)");
        }
        if (publicKey == null) {
            throw new IllegalArgumentException("peer " + name + " needs a public key");
        }
        if (presharedKey == null) {
            presharedKey = PresharedKey.NONE;
        }
        if (persistentKeepaliveSeconds < 0 || persistentKeepaliveSeconds > 65535) {
            throw new IllegalArgumentException("peer " + name + ": persistent keepalive " + persistentKeepaliveSeconds
                    + " s is outside 0..65535 (0 is off)");
        }
        allowedIps = List.copyOf(allowedIps);
        endpoint = endpoint == null ? Optional.empty() : endpoint;
    }

    /** A peer with no preshared key, no endpoint (learned from its first handshake) and no keepalive. */
    public static PeerSettings of(String name, PublicKey publicKey, List<IpPrefix> allowedIps) {
        return new PeerSettings(name, publicKey, PresharedKey.NONE, allowedIps, Optional.empty(), 0);
    }

    /** The same peer, sent to {@code to} first. */
    public PeerSettings withEndpoint(Endpoint to) {
        return new PeerSettings(name, publicKey, presharedKey, allowedIps, Optional.of(to), persistentKeepaliveSeconds);
    }

    /** The same peer, keeping a NAT mapping open with a keepalive every {@code seconds} (0: off). */
    public PeerSettings withPersistentKeepalive(int seconds) {
        return new PeerSettings(name, publicKey, presharedKey, allowedIps, endpoint, seconds);
    }

    /** The same peer with these allowed IPs instead. */
    public PeerSettings withAllowedIps(List<IpPrefix> prefixes) {
        return new PeerSettings(name, publicKey, presharedKey, prefixes, endpoint, persistentKeepaliveSeconds);
    }
}
