package dev.wgsim.wg.config;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;

/**
 * A [Peer] section.
 *
 * @param presharedKey {@link PresharedKey#NONE} when absent
 * @param allowedIps in file order (the order {@code wg show} will print them)
 * @param endpoint null when absent (the peer can only be learned by roaming)
 * @param persistentKeepalive seconds, 0 = off
 */
public record PeerConfig(PublicKey publicKey, PresharedKey presharedKey, List<IpPrefix> allowedIps,
        PeerEndpoint endpoint, int persistentKeepalive) {

    public PeerConfig {
        if (publicKey == null) {
            throw new IllegalArgumentException("publicKey must not be null");
        }
        if (presharedKey == null) {
            presharedKey = PresharedKey.NONE;
        }
        if (persistentKeepalive < 0 || persistentKeepalive > 65535) {
            throw new IllegalArgumentException("persistentKeepalive " + persistentKeepalive + " is outside 0..65535");
        }
        allowedIps = List.copyOf(allowedIps);
    }
}
