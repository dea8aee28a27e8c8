package dev.wgsim.wg.config;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.wg.crypto.PrivateKey;
import java.util.List;

/**
 * The [Interface] section of a wg-quick file.
 *
 * @param listenPort 0 when absent (wg picks a port; the simulator assigns one)
 * @param extras wg-quick-only settings, kept for round trips but not applied
 */
public record InterfaceConfig(PrivateKey privateKey, int listenPort, List<InterfaceAddress> addresses,
        List<ExtraSetting> extras) {

    public InterfaceConfig {
        if (privateKey == null) {
            throw new IllegalArgumentException("privateKey must not be null");
        }
        if (listenPort < 0 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort " + listenPort + " is outside 0..65535");
        }
        addresses = List.copyOf(addresses);
        extras = List.copyOf(extras);
    }
}
