package dev.wgsim.wg.config;

import dev.wgsim.wg.crypto.PrivateKey;
import java.util.List;

/**
 * What {@code wg show <name>} knows about an interface at one moment.
 *
 * @param privateKey null when the interface has none (then no public key either)
 * @param listenPort 0 when not listening
 * @param fwmark 0 = off
 * @param peers in the device's own order (dump prints them so; the pretty view sorts them)
 */
public record InterfaceSnapshot(String name, PrivateKey privateKey, int listenPort, int fwmark,
        List<PeerSnapshot> peers) {

    public InterfaceSnapshot {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name must not be empty");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort " + listenPort + " is outside 0..65535");
        }
        peers = List.copyOf(peers);
    }
}
