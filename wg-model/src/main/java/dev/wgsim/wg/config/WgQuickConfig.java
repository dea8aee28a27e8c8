package dev.wgsim.wg.config;

import java.util.List;

/**
 * A whole wg-quick {@code .conf} file.
 *
 * @param warnings settings kept but not applied (not part of equality-relevant content for a
 *     writer; a re-read file reports them again)
 */
public record WgQuickConfig(InterfaceConfig iface, List<PeerConfig> peers, List<ConfigWarning> warnings) {

    public WgQuickConfig {
        if (iface == null) {
            throw new IllegalArgumentException("iface must not be null");
        }
        peers = List.copyOf(peers);
        warnings = List.copyOf(warnings);
    }

    public WgQuickConfig(InterfaceConfig iface, List<PeerConfig> peers) {
        this(iface, peers, List.of());
    }
}
